import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { auditRecord, auditRows, LONG_NOTE } from '../../test/auditFixtures';
import { json, mockFetch, problem, type Handler } from '../../test/fetchMock';
import { ADA_ID, ALL_PERMISSIONS, ANALYST_PERMISSIONS, GRACE_ID, ORG_ID, orgRoutes } from '../../test/orgFixtures';
import { renderApp } from '../../test/render';
import { auditExportUrl, auditFilterQuery } from './api';
import { NO_AUDIT_FILTERS } from './types';

const org = `/api/organizations/${ORG_ID}`;
const auditPath = `/orgs/${ORG_ID}/audit`;

function auditRoutes(list: Handler = () => json(200, { items: auditRows, nextCursor: null }), extra: Record<string, Handler> = {}) {
  return { ...orgRoutes('Group Supervisor', ALL_PERMISSIONS), [`GET ${org}/audit`]: list, ...extra };
}

const params = (path: string) => Object.fromEntries(new URL(path, 'http://x').searchParams);

describe('Audit page', () => {
  it('shows who did what to which record, with the changes compact and the full values on request', async () => {
    const { calls } = mockFetch(auditRoutes());
    renderApp(auditPath);
    const u = userEvent.setup();

    const table = await screen.findByRole('table', { name: 'Audit records, newest first' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'No.',
      'Time',
      'Who',
      'Action',
      'Entity type',
      'Entity id',
      'Changes',
    ]);
    const [, update, create, remove] = within(table).getAllByRole('row');
    expect(within(update!).getByRole('rowheader').textContent).toBe('3');
    expect(update!.textContent).toContain('Ada Lovelace');
    expect(update!.textContent).toContain('Updated');
    expect(update!.textContent).toContain('Workspace');
    // field: old → new (the arrow is read as "to").
    expect(within(update!).getByRole('listitem').textContent!.replace(/\s+/g, ' ')).toBe('Name: General → to General lab');
    expect(within(update!).getByRole('listitem').querySelector('[aria-hidden="true"]')!.textContent).toBe('→');
    expect(update!.querySelector('time')!.getAttribute('datetime')).toBe(auditRows[0]!.occurredAt);

    // A created row: new values only, the first four fields, a long value cut with its full text in the title.
    const shown = within(create!).getAllByRole('listitem').filter((li) => !li.closest('details'));
    expect(shown.map((li) => li.textContent)).toEqual([
      'DateOfBirth: 2019-04-02',
      'ExternalId: P-001',
      expect.stringMatching(/^Notes: Proband with early-onset epilepsy; .+…$/),
      'PhenotypeTerms: ["HP:0001250"]',
    ]);
    expect(shown[2]!.textContent!.length).toBeLessThan(LONG_NOTE.length);
    expect(within(shown[2]!).getByTitle(LONG_NOTE)).toBeTruthy();
    const details = create!.querySelector('details')!;
    expect(details.open).toBe(false);
    await u.click(within(create!).getByText('All 5 fields'));
    expect(details.open).toBe(true);
    expect(within(details).getAllByRole('listitem').map((li) => li.textContent)).toContain(`Notes: ${LONG_NOTE}`);
    expect(within(details).getByText('Sex', { exact: false })).toBeTruthy();

    // The system acted; a deletion shows the old value.
    expect(remove!.textContent).toContain('System');
    expect(remove!.textContent).toContain('Deleted');
    expect(within(remove!).getByRole('listitem').textContent).toBe('Email: x@example.org');

    expect(screen.getByText('That is everything.')).toBeTruthy();
    expect(params(calls(`GET ${org}/audit`)[0]!.path)).toEqual({ limit: '50' });
  });

  it('sends the filters in the query string', async () => {
    const { calls } = mockFetch(auditRoutes());
    renderApp(auditPath);
    const u = userEvent.setup();
    await screen.findByRole('table', { name: 'Audit records, newest first' });

    await u.selectOptions(screen.getByLabelText('Action'), 'Updated');
    await waitFor(() => expect(params(calls(`GET ${org}/audit`).at(-1)!.path)).toEqual({ limit: '50', action: 'update' }));

    await u.type(screen.getByLabelText('Entity type'), ' Subject ');
    // People seen in the rows are offered (not the system).
    const person = screen.getByLabelText('Person') as HTMLSelectElement;
    expect([...person.options].map((o) => o.textContent)).toEqual(['Anyone', 'Ada Lovelace', 'Grace Hopper']);
    await u.selectOptions(person, 'Grace Hopper');
    const from = screen.getByLabelText('From');
    const to = screen.getByLabelText('To');
    await u.type(from, '2026-11-01');
    await u.type(to, '2026-11-20');

    await waitFor(() =>
      expect(params(calls(`GET ${org}/audit`).at(-1)!.path)).toEqual({
        limit: '50',
        action: 'update',
        entityType: 'Subject',
        actorUserId: GRACE_ID,
        // Whole local days: from the start of the 1st to the start of the 21st (the server keeps rows before "to").
        from: new Date(2026, 10, 1).toISOString(),
        to: new Date(2026, 10, 21).toISOString(),
      }),
    );

    await u.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(params(calls(`GET ${org}/audit`).at(-1)!.path)).toEqual({ limit: '50' }));
  });

  it('says when nothing matches the filters, and shows a refused filter', async () => {
    mockFetch(
      auditRoutes((request) =>
        new URL(request.url).searchParams.get('action') === 'read'
          ? json(200, { items: [], nextCursor: null })
          : new URL(request.url).searchParams.get('action') === 'delete'
            ? problem(400, { title: 'Bad Request', detail: 'The action is one of create, update, delete, read.' })
            : json(200, { items: auditRows, nextCursor: null }),
      ),
    );
    renderApp(auditPath);
    const u = userEvent.setup();
    await screen.findByRole('table', { name: 'Audit records, newest first' });
    await u.selectOptions(screen.getByLabelText('Action'), 'Read');
    expect(await screen.findByText('No records match the filters')).toBeTruthy();
    await u.selectOptions(screen.getByLabelText('Action'), 'Deleted');
    expect((await screen.findByRole('alert')).textContent).toContain('The action is one of create, update, delete, read.');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('loads more with the cursor and appends the rows', async () => {
    const { calls } = mockFetch(
      auditRoutes((request) =>
        new URL(request.url).searchParams.get('cursor') === 'after-2'
          ? json(200, { items: [auditRecord(1)], nextCursor: null })
          : json(200, { items: [auditRecord(3), auditRecord(2)], nextCursor: 'after-2' }),
      ),
    );
    renderApp(auditPath);
    const u = userEvent.setup();

    const table = await screen.findByRole('table', { name: 'Audit records, newest first' });
    const numbers = () => within(table).getAllByRole('rowheader').map((h) => h.textContent);
    expect(numbers()).toEqual(['3', '2']);
    await u.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(numbers()).toEqual(['3', '2', '1']));
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    const paths = calls(`GET ${org}/audit`).map((r) => params(r.path));
    expect(paths).toEqual([{ limit: '50' }, { limit: '50', cursor: 'after-2' }]);
  });

  it('verifies the chain: intact in a status region, broken as an alert naming the problem', async () => {
    let intact = true;
    const { calls } = mockFetch(
      auditRoutes(undefined, {
        [`GET ${org}/audit/verify`]: () =>
          json(
            200,
            intact
              ? { intact: true, rowCount: 1234, firstBrokenSequence: null, firstBrokenId: null, problem: null }
              : {
                  intact: false,
                  rowCount: 16,
                  firstBrokenSequence: 17,
                  firstBrokenId: '0190f0aa-0000-7000-8000-00000000a017',
                  problem: 'Row 17: its content does not match its hash (changed after it was written).',
                },
          ),
      }),
    );
    renderApp(auditPath);
    const u = userEvent.setup();
    await screen.findByRole('table', { name: 'Audit records, newest first' });
    expect(calls(`GET ${org}/audit/verify`)).toHaveLength(0);

    await u.click(screen.getByRole('button', { name: 'Verify the chain' }));
    const status = await screen.findByText(/The audit trail is intact/);
    expect(status.textContent).toContain('The audit trail is intact: 1,234 rows.');
    expect(status.closest('[role="status"]')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();

    intact = false;
    await u.click(screen.getByRole('button', { name: 'Verify the chain' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The audit trail is broken');
    expect(alert.textContent).toContain('Row 17: its content does not match its hash (changed after it was written).');
    expect(alert.textContent).toContain('the first row that does not fit is No. 17');
    expect(screen.queryByText(/The audit trail is intact/)).toBeNull();
    expect(calls(`GET ${org}/audit/verify`)).toHaveLength(2);
  });

  it('offers the CSV export as a link carrying the current filters', async () => {
    const { calls } = mockFetch(auditRoutes());
    renderApp(auditPath);
    const u = userEvent.setup();
    await screen.findByRole('table', { name: 'Audit records, newest first' });

    const link = () => screen.getByRole('link', { name: 'Export CSV' });
    expect(link().getAttribute('href')).toBe(`${org}/audit/export?format=csv`);
    expect(link().hasAttribute('download')).toBe(true);

    await u.selectOptions(screen.getByLabelText('Action'), 'Deleted');
    await u.selectOptions(screen.getByLabelText('Person'), 'Ada Lovelace');
    await u.type(screen.getByLabelText('Entity type'), 'Workspace');
    await u.type(screen.getByLabelText('From'), '2026-11-01');
    await waitFor(() => expect(params(link().getAttribute('href')!)).toEqual({
      format: 'csv',
      action: 'delete',
      actorUserId: ADA_ID,
      entityType: 'Workspace',
      from: new Date(2026, 10, 1).toISOString(),
    }));
    expect(new URL(link().getAttribute('href')!, 'http://x').pathname).toBe(`${org}/audit/export`);
    // The export is a plain download: the page never fetches it.
    expect(calls(`GET ${org}/audit/export`)).toHaveLength(0);
  });

  it('is linked from the navigation only with organization.audit.view, and explains itself without it', async () => {
    mockFetch(auditRoutes());
    const first = renderApp(`/orgs/${ORG_ID}`);
    const nav = await screen.findByRole('navigation', { name: 'Organization' });
    expect(within(nav).getByRole('link', { name: 'Audit' }).getAttribute('href')).toBe(auditPath);
    first.unmount();

    const { calls } = mockFetch(orgRoutes('Analyst', ANALYST_PERMISSIONS));
    renderApp(auditPath);
    expect(await screen.findByText('You cannot view the audit trail')).toBeTruthy();
    const analystNav = screen.getByRole('navigation', { name: 'Organization' });
    expect(within(analystNav).getByRole('link', { name: 'Activity' })).toBeTruthy();
    expect(within(analystNav).queryByRole('link', { name: 'Audit' })).toBeNull();
    expect(calls(`GET ${org}/audit`)).toHaveLength(0);
  });
});

describe('audit query', () => {
  it('sends only what is set, trimmed, with whole local days', () => {
    expect(auditFilterQuery(NO_AUDIT_FILTERS)).toEqual({});
    expect(auditFilterQuery({ ...NO_AUDIT_FILTERS, to: '2026-12-31', entityType: '  ' })).toEqual({ to: new Date(2027, 0, 1).toISOString() });
    expect(auditFilterQuery({ ...NO_AUDIT_FILTERS, from: 'not a date' })).toEqual({});
    expect(auditExportUrl('o/1', { ...NO_AUDIT_FILTERS, entityType: 'Role & Co' })).toBe('/api/organizations/o%2F1/audit/export?format=csv&entityType=Role+%26+Co');
  });
});
