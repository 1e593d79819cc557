import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../../test/axe';
import { mockFetch, problem } from '../../test/fetchMock';
import { ALL_PERMISSIONS, ORG_ID } from '../../test/orgFixtures';
import { ADMIN_PERMISSIONS } from '../../test/peopleFixtures';
import { renderApp } from '../../test/render';
import { billingPage, GET_STATEMENT, statementPage, usageRoutes } from './usageFixtures';

function rows(table: HTMLElement): string[] {
  return within(table)
    .getAllByRole('row')
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim()).join(' | '));
}

describe('Statement page', () => {
  it('lists a closed month’s lines with their total, says it never changes, and offers the CSV', async () => {
    const { calls } = mockFetch(usageRoutes('Group Supervisor', ALL_PERMISSIONS));
    renderApp(statementPage('2026-10'));

    expect(await screen.findByRole('heading', { level: 1, name: 'Statement 2026-10' })).toBeTruthy();
    await waitFor(() => expect(document.title).toBe('Statement 2026-10 · VariantMiner'));
    const table = await screen.findByRole('table', { name: 'Statement 2026-10' });
    expect(rows(table)).toEqual([
      'Description | Quantity | Unit | Unit price | Amount',
      'Storage — Exome 2025 | 3.25 | GB-month | €0.023 | €0.07',
      'Processing — General | 20.25 | CPU hour | €0.12 | €2.43',
      'Samples — General | 9 | sample | €2.50 | €22.50',
      'Standard plan | 1 | month | €49.00 | €49.00',
      'Total | €74.00',
    ]);
    expect(within(table).getByRole('rowheader', { name: 'Total' }).closest('tfoot')).not.toBeNull();
    expect(screen.getByText('Closed on 1 Nov 2026, never changes.')).toBeTruthy();
    expect(screen.queryByText('Open: figures as they stand now.')).toBeNull();
    expect(screen.getByText(/Standard plan · EUR/)).toBeTruthy();

    const csv = screen.getByRole('link', { name: 'Download CSV' });
    expect(csv.getAttribute('href')).toBe(`/api/organizations/${ORG_ID}/billing/statements/2026-10?format=csv`);
    expect(csv.hasAttribute('download')).toBe(true);
    // The CSV is a plain download: the page never fetches it.
    expect(calls(GET_STATEMENT('2026-10')).map((c) => c.path)).toEqual([`/api/organizations/${ORG_ID}/billing/statements/2026-10`]);
    expect(within(screen.getByRole('main')).getByRole('link', { name: 'Billing' }).getAttribute('href')).toBe(billingPage);
    expect(await axeViolations()).toEqual([]);
  });

  it('says an open month’s figures are as they stand now', async () => {
    mockFetch(usageRoutes('Group Supervisor', ALL_PERMISSIONS));
    renderApp(statementPage('2026-11'));

    const table = await screen.findByRole('table', { name: 'Statement 2026-11' });
    expect(screen.getByText('Open: figures as they stand now.')).toBeTruthy();
    expect(screen.queryByText(/never changes/)).toBeNull();
    expect(rows(table).at(-1)).toBe('Total | €61.48');
    expect(screen.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).toBe(
      `/api/organizations/${ORG_ID}/billing/statements/2026-11?format=csv`,
    );
  });

  it('says a month without a statement is not found', async () => {
    mockFetch(
      usageRoutes('Group Supervisor', ALL_PERMISSIONS, {
        [GET_STATEMENT('2019-01')]: () => problem(404, { title: 'Not Found', detail: 'There is no statement for 2019-01.' }),
      }),
    );
    renderApp(statementPage('2019-01'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Statement not found' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to billing' }).getAttribute('href')).toBe(billingPage);
  });

  it('is not loaded without organization.billing.manage', async () => {
    const { calls } = mockFetch(usageRoutes('Group Admin', ADMIN_PERMISSIONS));
    renderApp(statementPage('2026-10'));

    expect(await screen.findByText('You cannot see this organization’s statements')).toBeTruthy();
    expect(calls(GET_STATEMENT('2026-10'))).toHaveLength(0);
    expect(await axeViolations()).toEqual([]);
  });
});
