import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { PermissionKey } from '../../api/permissionKeys';
import { RUN_2, runPath } from '../../test/analysisFixtures';
import { axeViolations } from '../../test/axe';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { statusMessage } from '../../test/helpers';
import { ALL_PERMISSIONS, ORG_ID, WS_GENERAL } from '../../test/orgFixtures';
import { renderApp } from '../../test/render';
import {
  ada,
  draftReport,
  grace,
  report,
  REPORT_1,
  REPORT_2,
  reportPath,
  reportRoutes,
  reportsApi,
  reportsPath,
  SHA_V1,
  signedReport,
  signedV1,
  version,
} from './reportFixtures';

/** The built-in Report Writer: reads the data and writes drafts, but does not sign. */
const REPORT_WRITER: PermissionKey[] = ['samples.view.all', 'reports.write'];

const pdf = (id: string, n: number) => `/api/organizations/${ORG_ID}/workspaces/${WS_GENERAL}/reports/${id}/pdf?version=${n}`;
const fhir = (id: string, n: number) => `/api/organizations/${ORG_ID}/workspaces/${WS_GENERAL}/reports/${id}/fhir?version=${n}`;

/** Version 1 signed once (reviewed) by `signer` under the two-person rule: still preliminary, awaiting a second signature. */
const signedOnce = (signer = grace) =>
  report([version(1, { updatedAt: '2025-03-06T09:30:15Z', firstSignature: { signer, signedAt: '2025-03-06T09:30:15Z', meaning: 'reviewed' } })]);

async function openReport(permissions: readonly PermissionKey[], reports = [draftReport], extra = {}) {
  const server = mockFetch(reportRoutes(permissions, reports, extra));
  renderApp(reportPath(REPORT_1));
  await screen.findByRole('heading', { level: 1, name: 'Hereditary breast cancer panel' });
  return server;
}

describe('Reports page', () => {
  it('lists the workspace’s reports with a link, the version, the status in words and the author', async () => {
    const other = report([version(2, { status: 'amended', createdBy: grace }), signedV1], { id: REPORT_2, title: 'Cardiomyopathy panel' });
    mockFetch(reportRoutes(ALL_PERMISSIONS, [draftReport, other]));
    renderApp(reportsPath);

    await screen.findByRole('heading', { level: 1, name: 'Reports' });
    const table = await screen.findByRole('table', { name: 'Reports of this workspace' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    const first = within(rows[0]!).getByRole('link', { name: 'Hereditary breast cancer panel' });
    expect(first.getAttribute('href')).toBe(reportPath(REPORT_1));
    expect(within(rows[0]!).getByText('Preliminary (draft)')).toBeTruthy();
    expect(within(rows[0]!).getByText('Ada Lovelace')).toBeTruthy();
    expect(within(rows[1]!).getByRole('link', { name: 'Cardiomyopathy panel' }).getAttribute('href')).toBe(reportPath(REPORT_2));
    expect(within(rows[1]!).getByRole('cell', { name: '2' })).toBeTruthy();
    expect(within(rows[1]!).getByText('Amended (signed)')).toBeTruthy();
    expect(within(rows[1]!).getByText('Grace Hopper')).toBeTruthy();
    expect(await axeViolations()).toEqual([]);
  });

  it('says so when there is no report yet', async () => {
    mockFetch(reportRoutes(ALL_PERMISSIONS, []));
    renderApp(reportsPath);
    expect(await screen.findByRole('heading', { name: 'No reports yet' })).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });
});

describe('Report page', () => {
  it('edits a draft and saves every field in one PATCH', async () => {
    const saved = report([version(1, { status: 'partial', variantIds: [1], interpretation: 'Pathogenic.', updatedAt: '2025-03-05T11:00:00Z' })], {
      title: 'Breast cancer panel',
    });
    const { calls } = await openReport(ALL_PERMISSIONS, [draftReport], { [`PATCH ${reportsApi}/${REPORT_1}`]: () => json(200, saved) });
    const user = userEvent.setup();

    const form = screen.getByRole('form', { name: 'Edit version 1' });
    // The chosen variants are named from the analysis's variants, each with its own remove button.
    const remove = await within(form).findByRole('button', { name: /^Remove TP53 · 17:7,675,088 · C>T/ });
    expect(within(form).getByRole('button', { name: /^Remove BRCA1 · 17:43,045,712 · G>A · stop_gained · Pathogenic/ })).toBeTruthy();
    await user.click(remove);
    expect(within(form).queryByRole('button', { name: /^Remove TP53/ })).toBeNull();

    const title = within(form).getByRole('textbox', { name: 'Title' });
    await user.clear(title);
    await user.type(title, 'Breast cancer panel');
    const interpretation = within(form).getByRole('textbox', { name: 'Interpretation' });
    await user.clear(interpretation);
    await user.type(interpretation, 'Pathogenic.');
    await user.type(within(form).getByRole('textbox', { name: 'Conclusion' }), 'Carrier.');
    await user.selectOptions(within(form).getByRole('combobox', { name: /^Status/ }), 'partial');
    expect(await axeViolations()).toEqual([]);
    await user.click(within(form).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(calls(`PATCH ${reportsApi}/${REPORT_1}`)).toHaveLength(1));
    expect(JSON.parse(calls(`PATCH ${reportsApi}/${REPORT_1}`)[0]!.body)).toEqual({
      title: 'Breast cancer panel',
      status: 'partial',
      variantIds: [1],
      interpretation: 'Pathogenic.',
      conclusion: 'Carrier.',
      limitations: null,
      filtersUsed: 'Rare (AF < 1%)',
    });
    await waitFor(() => expect(statusMessage()).toBe('Report “Breast cancer panel” saved.'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Breast cancer panel' })).toBeTruthy();
    expect(screen.getAllByText('Partial (draft)').length).toBeGreaterThan(0);
  });

  it('asks for a title before saving', async () => {
    const { calls } = await openReport(ALL_PERMISSIONS);
    const user = userEvent.setup();
    const form = screen.getByRole('form', { name: 'Edit version 1' });
    const title = within(form).getByRole('textbox', { name: 'Title' });
    await user.clear(title);
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('Give the report a title.')).toBeTruthy();
    expect(document.activeElement).toBe(title);
    expect(calls(`PATCH ${reportsApi}/${REPORT_1}`)).toHaveLength(0);
  });

  it('cancels a draft after confirmation', async () => {
    const cancelled = report([version(1, { status: 'cancelled' })]);
    const { calls } = await openReport(ALL_PERMISSIONS, [draftReport], { [`PATCH ${reportsApi}/${REPORT_1}`]: () => json(200, cancelled) });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Cancel draft' }));
    const dialog = screen.getByRole('dialog', { name: 'Cancel this draft?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel draft' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(JSON.parse(calls(`PATCH ${reportsApi}/${REPORT_1}`)[0]!.body)).toEqual({ status: 'cancelled' });
    expect(screen.getAllByText('Cancelled').length).toBeGreaterThan(0);
    expect(screen.queryByRole('form', { name: 'Edit version 1' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Sign' })).toBeNull();
  });

  it('signs with the password and a meaning: a wrong password is said in the dialog, then the signed version shows', async () => {
    let attempts = 0;
    const { calls } = await openReport(ALL_PERMISSIONS, [draftReport], {
      [`POST ${reportsApi}/${REPORT_1}/sign`]: () =>
        ++attempts === 1
          ? problem(403, { title: 'Forbidden', detail: 'The password is not right: the report was not signed.', reason: 'wrong-password' })
          : json(200, report([{ ...signedV1, signature: { ...signedV1.signature!, signer: { userId: signedV1.createdBy.userId, displayName: 'Ada Lovelace' } } }])),
    });
    const user = userEvent.setup();

    await user.click(screen.getByRole('button', { name: 'Sign' }));
    const dialog = screen.getByRole('dialog', { name: 'Sign version 1' });
    expect(within(dialog).getByText(/legally binding/)).toBeTruthy();
    expect(within(dialog).getByText(/can never change afterwards/)).toBeTruthy();
    const password = within(dialog).getByLabelText('Your password');
    expect(password.getAttribute('type')).toBe('password');
    expect(password.getAttribute('autocomplete')).toBe('current-password');
    expect(document.activeElement).toBe(password);
    expect(await axeViolations('[role="dialog"]')).toEqual([]);

    // Both are required.
    await user.click(within(dialog).getByRole('button', { name: 'Sign' }));
    expect(within(dialog).getByText('Enter your password to sign.')).toBeTruthy();
    expect(within(dialog).getByText('Choose what your signature means.')).toBeTruthy();
    expect(calls(`POST ${reportsApi}/${REPORT_1}/sign`)).toHaveLength(0);

    await user.type(password, 'not-it');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: /^Meaning of the signature/ }), 'approved');
    await user.click(within(dialog).getByRole('button', { name: 'Sign' }));
    expect(await within(dialog).findByText('The password is not right: the report was not signed.')).toBeTruthy();
    expect(JSON.parse(calls(`POST ${reportsApi}/${REPORT_1}/sign`)[0]!.body)).toEqual({ password: 'not-it', meaning: 'approved' });
    // The field is where to type it again.
    await waitFor(() => expect(document.activeElement).toBe(password));
    expect(screen.getByRole('dialog', { name: 'Sign version 1' })).toBeTruthy();

    await user.clear(password);
    await user.type(password, 'correct horse');
    await user.click(within(dialog).getByRole('button', { name: 'Sign' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(JSON.parse(calls(`POST ${reportsApi}/${REPORT_1}/sign`)[1]!.body)).toEqual({ password: 'correct horse', meaning: 'approved' });
    expect(statusMessage()).toBe('Version 1 of “Hereditary breast cancer panel” signed.');
    expect(screen.getAllByText('Final (signed)').length).toBeGreaterThan(0);
    // Signed: no more editing nor signing; it may be amended.
    expect(screen.queryByRole('form', { name: 'Edit version 1' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Sign' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Amend' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Download PDF' }).getAttribute('href')).toBe(pdf(REPORT_1, 1));
  });

  it('shows a Report Writer (no reports.sign) the edit form but no Sign button', async () => {
    await openReport(REPORT_WRITER);
    expect(screen.getByRole('form', { name: 'Edit version 1' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Cancel draft' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Preview PDF' }).getAttribute('href')).toBe(pdf(REPORT_1, 1));
    expect(screen.queryByRole('button', { name: 'Sign' })).toBeNull();
  });

  it('shows a Report Writer a signed report read only, without Amend', async () => {
    await openReport(REPORT_WRITER, [signedReport]);
    expect(screen.queryByRole('form')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Amend' })).toBeNull();
    const current = screen.getByRole('region', { name: 'Version 1' });
    expect(within(current).getByText('A pathogenic BRCA1 variant was found.')).toBeTruthy();
    expect(await within(current).findByText(/^TP53 · 17:7,675,088 · C>T/)).toBeTruthy();
  });

  it('amends a signed report with a kind and a reason: a new draft version', async () => {
    const amended = report([version(2, { kind: 'corrected', reason: 'Wrong transcript.' }), signedV1]);
    const { calls } = await openReport(ALL_PERMISSIONS, [signedReport], { [`POST ${reportsApi}/${REPORT_1}/amendments`]: () => json(200, amended) });
    const user = userEvent.setup();

    await user.click(screen.getByRole('button', { name: 'Amend' }));
    const dialog = screen.getByRole('dialog', { name: 'Amend “Hereditary breast cancer panel”' });
    expect(await axeViolations('[role="dialog"]')).toEqual([]);
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Kind' }), 'corrected');
    await user.type(within(dialog).getByRole('textbox', { name: /^Reason/ }), 'Wrong transcript.');
    await user.click(within(dialog).getByRole('button', { name: 'Start the new version' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(JSON.parse(calls(`POST ${reportsApi}/${REPORT_1}/amendments`)[0]!.body)).toEqual({ kind: 'corrected', reason: 'Wrong transcript.' });
    expect(statusMessage()).toBe('Version 2 of “Hereditary breast cancer panel” started as a draft.');
    expect(screen.getByRole('form', { name: 'Edit version 2' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sign' })).toBeTruthy();
  });

  it('shows every version with its status, kind, reason, signer, UTC time, meaning, SHA-256 and PDF', async () => {
    const amended = report([version(2, { status: 'preliminary', kind: 'amended', reason: 'A new finding.' }), signedV1]);
    await openReport(ALL_PERMISSIONS, [amended]);

    const history = screen.getByRole('region', { name: 'Version history' });
    const items = within(history).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    const [v2, v1] = items as [HTMLElement, HTMLElement];

    expect(within(v2).getByRole('heading', { name: 'Version 2 Preliminary (draft)' })).toBeTruthy();
    expect(within(v2).getByText('Amended')).toBeTruthy();
    expect(within(v2).getByText('A new finding.')).toBeTruthy();
    expect(within(v2).getByText('Not signed')).toBeTruthy();
    expect(within(v2).getByRole('link', { name: 'Preview PDF of version 2 (watermarked DRAFT)' }).getAttribute('href')).toBe(pdf(REPORT_1, 2));

    expect(within(v1).getByRole('heading', { name: 'Version 1 Final (signed)' })).toBeTruthy();
    expect(within(v1).getByText('Grace Hopper')).toBeTruthy();
    expect(within(v1).getByText('2025-03-06 09:30:15 UTC')).toBeTruthy();
    expect(within(v1).getByText('Approved')).toBeTruthy();
    const short = within(v1).getByText('9f86d081…b0f00a08');
    expect(short.tagName).toBe('CODE');
    expect(short.closest('summary')!.getAttribute('title')).toBe(SHA_V1);
    expect(within(v1).getByText(SHA_V1)).toBeTruthy();
    const link = within(v1).getByRole('link', { name: 'PDF of version 1' });
    expect(link.getAttribute('href')).toBe(pdf(REPORT_1, 1));
    expect(link.hasAttribute('download')).toBe(true);
    expect(within(v1).queryByText('First signature')).toBeNull();
    expect(within(v1).getByRole('link', { name: 'FHIR bundle, version 1' }).getAttribute('href')).toBe(fhir(REPORT_1, 1));
    expect(within(v2).getByRole('link', { name: 'FHIR bundle, version 2' }).getAttribute('href')).toBe(fhir(REPORT_1, 2));
    expect(await axeViolations()).toEqual([]);
  });
});

describe('Report page: two-person rule', () => {
  it('shows a version signed once as awaiting a second signature: no editing nor cancelling, only a second signature', async () => {
    await openReport(ALL_PERMISSIONS, [signedOnce()]);

    const notice = screen.getByText('Awaiting a second signature', { selector: '.alert__title' }).closest('.alert')!;
    expect(notice.getAttribute('role')).toBe('status');
    expect(notice.textContent).toContain('signed once by Grace Hopper on 2025-03-06 09:30:15 UTC (Reviewed)');
    expect(notice.textContent).toContain('another person with reports.sign must sign it to make it final');
    expect(screen.queryByText(/This version is a draft/)).toBeNull();
    // Its content can no longer change: read only, no Cancel draft.
    expect(screen.queryByRole('form', { name: 'Edit version 1' })).toBeNull();
    const current = screen.getByRole('region', { name: 'Version 1' });
    expect(within(current).getByText('A pathogenic BRCA1 variant was found.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Cancel draft' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Sign' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Sign as second signer' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Preview PDF' }).getAttribute('href')).toBe(pdf(REPORT_1, 1));
    expect(await axeViolations()).toEqual([]);
  });

  it('shows a Report Writer a version signed once read only, without Sign', async () => {
    await openReport(REPORT_WRITER, [signedOnce()]);
    expect(screen.getByText('Awaiting a second signature', { selector: '.alert__title' })).toBeTruthy();
    expect(screen.queryByRole('form')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Cancel draft' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Sign' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Sign as second signer' })).toBeNull();
  });

  it('says in the sign dialog that the second signature must be another person’s', async () => {
    const detail = 'The second signature must be another person’s: Ada Lovelace signed this version first.';
    const { calls } = await openReport(ALL_PERMISSIONS, [signedOnce(ada)], {
      [`POST ${reportsApi}/${REPORT_1}/sign`]: () => problem(409, { title: 'Conflict', detail }),
    });
    const user = userEvent.setup();

    await user.click(screen.getByRole('button', { name: 'Sign as second signer' }));
    const dialog = screen.getByRole('dialog', { name: 'Sign version 1 as second signer' });
    expect(within(dialog).getByText(/Ada Lovelace signed version 1 of/)).toBeTruthy();
    expect(within(dialog).getByText(/must be another person’s/)).toBeTruthy();
    expect(await axeViolations('[role="dialog"]')).toEqual([]);
    await user.type(within(dialog).getByLabelText('Your password'), 'correct horse');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: /^Meaning of the signature/ }), 'approved');
    await user.click(within(dialog).getByRole('button', { name: 'Sign' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('The report was not signed');
    expect(alert.textContent).toContain(detail);
    expect(JSON.parse(calls(`POST ${reportsApi}/${REPORT_1}/sign`)[0]!.body)).toEqual({ password: 'correct horse', meaning: 'approved' });
    expect(screen.getByRole('dialog', { name: 'Sign version 1 as second signer' })).toBeTruthy();
  });

  it('signs a second time as another person: the version is final', async () => {
    const final = report([
      {
        ...signedOnce().versions[0]!,
        status: 'final',
        signature: { signer: ada, signedAt: '2025-03-07T08:00:00Z', meaning: 'approved', pdfSha256: SHA_V1 },
      },
    ]);
    const { calls } = await openReport(ALL_PERMISSIONS, [signedOnce()], { [`POST ${reportsApi}/${REPORT_1}/sign`]: () => json(200, final) });
    const user = userEvent.setup();

    await user.click(screen.getByRole('button', { name: 'Sign as second signer' }));
    const dialog = screen.getByRole('dialog', { name: 'Sign version 1 as second signer' });
    await user.type(within(dialog).getByLabelText('Your password'), 'correct horse');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: /^Meaning of the signature/ }), 'approved');
    await user.click(within(dialog).getByRole('button', { name: 'Sign' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls(`POST ${reportsApi}/${REPORT_1}/sign`)).toHaveLength(1);
    expect(statusMessage()).toBe('Version 1 of “Hereditary breast cancer panel” signed.');
    expect(screen.queryByText('Awaiting a second signature', { selector: '.alert__title' })).toBeNull();
    expect(screen.getAllByText('Final (signed)').length).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: 'Amend' })).toBeTruthy();
  });

  it('says when a first signature leaves the version awaiting a second one', async () => {
    await openReport(ALL_PERMISSIONS, [draftReport], { [`POST ${reportsApi}/${REPORT_1}/sign`]: () => json(200, signedOnce(ada)) });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Sign' }));
    const dialog = screen.getByRole('dialog', { name: 'Sign version 1' });
    await user.type(within(dialog).getByLabelText('Your password'), 'correct horse');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: /^Meaning of the signature/ }), 'reviewed');
    await user.click(within(dialog).getByRole('button', { name: 'Sign' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(statusMessage()).toBe('Version 1 of “Hereditary breast cancer panel” signed once: it awaits a second signature by another person.');
    expect(screen.getByText('Awaiting a second signature', { selector: '.alert__title' })).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'Edit version 1' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Sign as second signer' })).toBeTruthy();
  });

  it('shows the first signature in the version history, and each version’s FHIR bundle next to its PDF', async () => {
    const twice = {
      ...signedV1,
      firstSignature: { signer: ada, signedAt: '2025-03-06T08:15:00Z', meaning: 'authored' },
    };
    const awaiting = version(2, {
      kind: 'amended',
      reason: 'A new finding.',
      firstSignature: { signer: grace, signedAt: '2025-03-08T14:00:05Z', meaning: 'reviewed' },
    });
    await openReport(ALL_PERMISSIONS, [report([awaiting, twice])]);

    const history = screen.getByRole('region', { name: 'Version history' });
    const [v2, v1] = within(history).getAllByRole('listitem') as [HTMLElement, HTMLElement];

    expect(within(v2).getByText('First signature').nextElementSibling?.textContent).toBe('Grace Hopper, 2025-03-08 14:00:05 UTC, Reviewed');
    expect(within(v2).getByText('Awaiting a second signature')).toBeTruthy();
    expect(within(v2).queryByText('Not signed')).toBeNull();
    expect(within(v2).getByRole('link', { name: 'Preview PDF of version 2 (watermarked DRAFT)' }).getAttribute('href')).toBe(pdf(REPORT_1, 2));
    const fhir2 = within(v2).getByRole('link', { name: 'FHIR bundle, version 2' });
    expect(fhir2.getAttribute('href')).toBe(fhir(REPORT_1, 2));
    expect(fhir2.hasAttribute('download')).toBe(true);

    expect(within(v1).getByText('First signature').nextElementSibling?.textContent).toBe('Ada Lovelace, 2025-03-06 08:15:00 UTC, Authored');
    expect(within(v1).getByText('Second signature by').nextElementSibling?.textContent).toBe('Grace Hopper');
    expect(within(v1).getByText('2025-03-06 09:30:15 UTC')).toBeTruthy();
    expect(within(v1).getByRole('link', { name: 'PDF of version 1' }).getAttribute('href')).toBe(pdf(REPORT_1, 1));
    const fhir1 = within(v1).getByRole('link', { name: 'FHIR bundle, version 1' });
    expect(fhir1.getAttribute('href')).toBe(fhir(REPORT_1, 1));
    expect(fhir1.hasAttribute('download')).toBe(true);
    expect(await axeViolations()).toEqual([]);
  });
});

describe('Reports of a run', () => {
  it('lists the run’s reports and drafts one from its variants, then opens it', async () => {
    const created = report([version(1, { status: 'registered', variantIds: [1], interpretation: null, filtersUsed: null })], {
      id: REPORT_2,
      title: 'BRCA1 finding',
    });
    const { calls, requests } = mockFetch(
      reportRoutes(ALL_PERMISSIONS, [draftReport], {
        [`POST ${reportsApi}`]: () => json(201, created),
        [`GET ${reportsApi}/${REPORT_2}`]: () => json(200, created),
      }),
    );
    renderApp(runPath(RUN_2));
    const user = userEvent.setup();

    const section = await screen.findByRole('region', { name: 'Reports' });
    expect((await within(section).findByRole('link', { name: 'Hereditary breast cancer panel' })).getAttribute('href')).toBe(reportPath(REPORT_1));
    expect(requests.some((r) => r.path === `${reportsApi}?analysisId=${RUN_2}`)).toBe(true);

    await user.click(within(section).getByRole('button', { name: 'Draft a report' }));
    const dialog = screen.getByRole('dialog', { name: 'Draft a report' });
    const brca1 = await within(dialog).findByRole('checkbox', { name: 'BRCA1 · 17:43,045,712 · G>A · stop_gained · Pathogenic' });
    expect(within(dialog).getByRole('checkbox', { name: 'TP53 · 17:7,675,088 · C>T · missense, splice_region · Unclassified' })).toBeTruthy();
    expect(requests.some((r) => r.path.includes(`/analyses/${RUN_2}/variants?`) && r.path.includes('sort=priority'))).toBe(true);
    expect(await axeViolations('[role="dialog"]')).toEqual([]);

    // A title is required.
    await user.click(within(dialog).getByRole('button', { name: 'Create draft' }));
    expect(within(dialog).getByText('Give the report a title.')).toBeTruthy();

    await user.type(within(dialog).getByRole('textbox', { name: /^Title/ }), 'BRCA1 finding');
    await user.click(brca1);
    await user.click(within(dialog).getByRole('button', { name: 'Create draft' }));

    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe(reportPath(REPORT_2)));
    expect(JSON.parse(calls(`POST ${reportsApi}`)[0]!.body)).toEqual({ analysisId: RUN_2, title: 'BRCA1 finding', variantIds: [1] });
    expect(await screen.findByRole('heading', { level: 1, name: 'BRCA1 finding' })).toBeTruthy();
    expect(statusMessage()).toBe('Report “BRCA1 finding” drafted.');
  });

  it('shows a variant the analysis does not have next to the checklist', async () => {
    mockFetch(
      reportRoutes(ALL_PERMISSIONS, [], {
        [`POST ${reportsApi}`]: () =>
          problem(400, { title: 'One or more validation errors occurred.', errors: { variantIds: ['Variant 7 is not one of this analysis.'] } }),
      }),
    );
    renderApp(runPath(RUN_2));
    const user = userEvent.setup();
    const section = await screen.findByRole('region', { name: 'Reports' });
    expect(await within(section).findByText('No report of this run yet.')).toBeTruthy();
    await user.click(within(section).getByRole('button', { name: 'Draft a report' }));
    const dialog = screen.getByRole('dialog', { name: 'Draft a report' });
    await user.type(within(dialog).getByRole('textbox', { name: /^Title/ }), 'Finding');
    await user.click(await within(dialog).findByRole('checkbox', { name: /^BRCA1/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Create draft' }));
    expect(await within(dialog).findByText('Variant 7 is not one of this analysis.')).toBeTruthy();
    expect(screen.getByTestId('location').textContent).toBe(runPath(RUN_2));
  });

  it('offers no drafting without reports.write', async () => {
    mockFetch(reportRoutes(['samples.view.all'], []));
    renderApp(runPath(RUN_2));
    const section = await screen.findByRole('region', { name: 'Reports' });
    expect(await within(section).findByText('No report of this run yet.')).toBeTruthy();
    expect(within(section).queryByRole('button', { name: 'Draft a report' })).toBeNull();
  });
});
