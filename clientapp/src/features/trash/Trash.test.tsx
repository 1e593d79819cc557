import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { PermissionKey } from '../../api/permissionKeys';
import { json, mockFetch, problem, type Handler } from '../../test/fetchMock';
import { statusMessage } from '../../test/helpers';
import { ADA_ID, ALL_PERMISSIONS, ANALYST_PERMISSIONS, GRACE_ID, ORG_ID, orgRoutes, WS_GENERAL } from '../../test/orgFixtures';
import { renderApp } from '../../test/render';
import type { Sample } from '../samples/types';
import type { TrashItem } from './api';
import { joinNames } from './names';

const org = `/api/organizations/${ORG_ID}`;
const ws = `${org}/workspaces/${WS_GENERAL}`;
const tablePath = `/orgs/${ORG_ID}/workspaces/${WS_GENERAL}/samples`;
const trashPath = `/orgs/${ORG_ID}/workspaces/${WS_GENERAL}/trash`;
const S1 = '0190f0aa-0000-7000-8000-0000000005a1';
const SUBJ = '0190f0aa-0000-7000-8000-0000000005b1';
const ada = { userId: ADA_ID, displayName: 'Ada Lovelace' };
const grace = { userId: GRACE_ID, displayName: 'Grace Hopper' };
const katherine = { userId: 'u-katherine', displayName: 'Katherine Johnson' };

const sample: Sample = {
  id: S1,
  name: 'NA12878',
  assay: 'WES',
  status: 'Defined',
  subject: null,
  assignees: [ada, grace, katherine],
  createdAt: '2025-03-01T10:00:00Z',
  createdBy: ada,
};

function trashItems(): TrashItem[] {
  return [
    {
      kind: 'sample',
      id: S1,
      name: 'NA12878',
      deletedAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
      deletedBy: ada,
      purgeAfter: '2030-04-02T10:00:00Z',
      assignees: [grace, katherine],
    },
    { kind: 'subject', id: SUBJ, name: 'P-001', deletedAt: '2025-03-01T10:00:00Z', deletedBy: grace, purgeAfter: '2030-03-31T10:00:00Z', assignees: [] },
  ];
}

function routes(permissions: readonly PermissionKey[], extra: Record<string, Handler> = {}, roleName = 'Group Supervisor'): Record<string, Handler> {
  return {
    ...orgRoutes(roleName, permissions),
    [`GET ${org}/assays`]: () => json(200, [{ name: 'WES' }]),
    [`GET ${org}/settings/access-control`]: () => json(200, { roleBasedAccessEnabled: true }),
    [`GET ${ws}/assignable-members`]: () => json(200, []),
    [`GET ${ws}/samples`]: () => json(200, { items: [sample], nextCursor: null, total: 1, totalCapped: false }),
    [`GET ${ws}/samples/${S1}`]: () => json(200, sample),
    [`GET ${ws}/samples/${S1}/assignees`]: () =>
      json(200, sample.assignees.map((a) => ({ ...a, assignedAt: '2025-03-01T10:00:00Z', assignedBy: ADA_ID }))),
    ...extra,
  };
}

function row(name: string) {
  return screen.getByRole('rowheader', { name }).closest('tr')!;
}

describe('Deleting a sample', () => {
  it('is offered only with samples.delete (not samples.define)', async () => {
    mockFetch(routes(ANALYST_PERMISSIONS, {}, 'Analyst'));
    renderApp(`${tablePath}/${S1}`);
    await screen.findByRole('heading', { level: 1, name: 'NA12878' });
    // The organization's tabs show once my permissions are known.
    await screen.findByRole('navigation', { name: 'Organization' });
    expect(ANALYST_PERMISSIONS).toContain('samples.define');
    expect(screen.queryByRole('button', { name: 'Delete sample' })).toBeNull();
  });

  it('says the sample goes to the trash and names the other people who work on it', async () => {
    const { calls } = mockFetch(
      routes(ALL_PERMISSIONS, {
        [`DELETE ${ws}/samples/${S1}`]: () => new Response(null, { status: 204 }),
      }),
    );
    renderApp(`${tablePath}/${S1}`);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Delete sample' }));
    const dialog = screen.getByRole('dialog', { name: 'Move sample to the trash' });
    await waitFor(() => expect(dialog.textContent).toContain('Grace Hopper and Katherine Johnson work on this sample; they will lose it from their lists.'));
    expect(dialog.textContent).toContain('can be restored from the trash for 30 days');
    // I am assigned too, but not named.
    expect(dialog.textContent).not.toContain('Ada Lovelace');
    expect(calls(`DELETE ${ws}/samples/${S1}`)).toHaveLength(0);

    await u.click(within(dialog).getByRole('button', { name: 'Move to trash' }));
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe(tablePath));
    expect(statusMessage()).toBe('Sample “NA12878” moved to the trash.');
    expect(calls(`DELETE ${ws}/samples/${S1}`)).toHaveLength(1);
  });

  it('names one other person in the singular, and nobody when only I work on it', async () => {
    mockFetch(
      routes(ALL_PERMISSIONS, {
        [`GET ${ws}/samples/${S1}/assignees`]: () =>
          json(200, [ada, grace].map((a) => ({ ...a, assignedAt: '2025-03-01T10:00:00Z', assignedBy: ADA_ID }))),
      }),
    );
    renderApp(`${tablePath}/${S1}`);
    const u = userEvent.setup();
    await screen.findByText('Grace Hopper', { selector: '.list__primary' });
    await u.click(screen.getByRole('button', { name: 'Delete sample' }));
    expect(screen.getByRole('dialog').textContent).toContain('Grace Hopper works on this sample; they will lose it from their list.');
    expect(joinNames(['A', 'B', 'C'])).toBe('A, B and C');
  });
});

describe('Trash page', () => {
  it('is linked from the Analyses table for holders of samples.delete only', async () => {
    mockFetch(routes(ALL_PERMISSIONS));
    renderApp(tablePath);
    expect((await screen.findByRole('link', { name: 'Trash' })).getAttribute('href')).toBe(trashPath);
  });

  it('has no link without samples.delete', async () => {
    mockFetch(routes(ANALYST_PERMISSIONS, {}, 'Analyst'));
    renderApp(tablePath);
    await screen.findByRole('link', { name: 'Define sample' });
    expect(screen.queryByRole('link', { name: 'Trash' })).toBeNull();
  });

  it('says why the trash is not shown without samples.delete', async () => {
    const { calls } = mockFetch(routes(ANALYST_PERMISSIONS, {}, 'Analyst'));
    renderApp(trashPath);
    expect(await screen.findByText(/Your role cannot delete or restore samples in this workspace/)).toBeTruthy();
    expect(calls(`GET ${ws}/trash`)).toHaveLength(0);
  });

  it('lists what was deleted, by whom, when, until when, and who was assigned', async () => {
    mockFetch(routes(ALL_PERMISSIONS, { [`GET ${ws}/trash`]: () => json(200, trashItems()) }));
    renderApp(trashPath);

    await screen.findByRole('heading', { level: 1, name: 'Trash' });
    const table = await screen.findByRole('table', { name: 'Deleted samples and subjects' });
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['Name', 'Kind', 'Deleted by', 'Deleted', 'Purged on', 'Assigned to', 'Actions']);
    const sampleRow = within(row('NA12878'));
    expect(sampleRow.getByText('Sample')).toBeTruthy();
    expect(sampleRow.getByText('Ada Lovelace')).toBeTruthy();
    expect(sampleRow.getByText('2 hours ago')).toBeTruthy();
    expect(sampleRow.getByText('2 Apr 2030')).toBeTruthy();
    expect(sampleRow.getByText('Grace Hopper and Katherine Johnson')).toBeTruthy();
    const subjectRow = within(row('P-001'));
    expect(subjectRow.getByText('Subject')).toBeTruthy();
    expect(subjectRow.getByRole('button', { name: 'Restore subject P-001' })).toBeTruthy();
    await waitFor(() => expect(document.title).toBe('Trash · General · VariantMiner'));
  });

  it('restores a sample with a success message, and shows the detail of a 409', async () => {
    let items = trashItems();
    const { calls } = mockFetch(
      routes(ALL_PERMISSIONS, {
        [`GET ${ws}/trash`]: () => json(200, items),
        [`POST ${ws}/trash/samples/${S1}/restore`]: () => {
          items = items.filter((i) => i.id !== S1);
          return new Response(null, { status: 204 });
        },
        [`POST ${ws}/trash/subjects/${SUBJ}/restore`]: () =>
          problem(409, { title: 'Conflict', detail: 'A subject with the external id "P-001" already exists in this workspace.' }),
      }),
    );
    renderApp(trashPath);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Restore sample NA12878' }));
    await waitFor(() => expect(statusMessage()).toBe('Sample “NA12878” restored.'));
    await waitFor(() => expect(screen.queryByRole('rowheader', { name: 'NA12878' })).toBeNull());
    expect(calls(`POST ${ws}/trash/samples/${S1}/restore`)).toHaveLength(1);

    await u.click(screen.getByRole('button', { name: 'Restore subject P-001' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Subject “P-001” could not be restored');
    expect(alert.textContent).toContain('A subject with the external id "P-001" already exists in this workspace.');
    expect(screen.getByRole('rowheader', { name: 'P-001' })).toBeTruthy();
  });

  it('says when the trash is empty', async () => {
    mockFetch(routes(ALL_PERMISSIONS, { [`GET ${ws}/trash`]: () => json(200, []) }));
    renderApp(trashPath);
    expect(await screen.findByText('The trash is empty')).toBeTruthy();
  });
});
