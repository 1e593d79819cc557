import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../../test/axe';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { ALL_PERMISSIONS, ANALYST_PERMISSIONS, ORG_ID } from '../../test/orgFixtures';
import { renderApp } from '../../test/render';
import { GET_USAGE, myUsagePage, usagePage, usageReport, usageRoutes } from './usageFixtures';

function location() {
  return screen.getByTestId('location').textContent;
}

/** The texts of a table's rows (cells joined by " | "), header row first. */
function rows(table: HTMLElement): string[] {
  return within(table)
    .getAllByRole('row')
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim()).join(' | '));
}

function section(name: string) {
  return screen.getByRole('region', { name });
}

describe('Usage page', () => {
  it('is linked from the navigation and shows the quotas, the charts and their tables with the server’s figures', async () => {
    const { calls } = mockFetch(usageRoutes('Group Supervisor', ALL_PERMISSIONS));
    renderApp(`/orgs/${ORG_ID}`);
    const u = userEvent.setup();

    const nav = await screen.findByRole('navigation', { name: 'Organization' });
    expect(within(nav).queryByRole('link', { name: 'My usage' })).toBeNull();
    await u.click(within(nav).getByRole('link', { name: 'Usage' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Usage' })).toBeTruthy();
    expect(location()).toBe(usagePage);
    await waitFor(() => expect(document.title).toBe('Usage · VariantMiner'));
    expect(screen.getByRole('link', { name: 'My usage' }).getAttribute('href')).toBe(myUsagePage);

    // The default range: nothing asked, the server's answer shown in the pickers.
    await screen.findByRole('heading', { name: 'Storage over time' });
    expect(calls(GET_USAGE).map((c) => c.path)).toEqual([`/api/organizations/${ORG_ID}/usage`]);
    expect((screen.getByLabelText('From') as HTMLInputElement).value).toBe('2025-12');
    expect((screen.getByLabelText('To') as HTMLInputElement).value).toBe('2026-11');

    // Headline figures.
    const storage = screen.getByRole('meter', { name: 'Storage used' });
    expect(storage.getAttribute('aria-valuetext')).toBe('12.3 GB of 100 GB (12 %)');
    expect(screen.getByText('12.3 GB of 100 GB (12 %)')).toBeTruthy();
    expect(screen.getByRole('meter', { name: 'Processing this month' }).getAttribute('aria-valuetext')).toBe(
      '41.5 of 100 CPU hours (42 %)',
    );

    // Storage over time: a named chart (an SVG drawn by the chart library) and the table of the same days.
    const storageSection = section('Storage over time');
    const storageFigure = within(storageSection).getByRole('figure', { name: 'Storage over time' });
    const storageChart = within(storageFigure).getByRole('img');
    expect(storageChart.getAttribute('aria-label')).toBe(
      'Area chart of the storage held per day from 1 Nov 2026 to 3 Nov 2026, against the quota of 100 GB. The figures are in the table below.',
    );
    expect(storageChart.querySelector('svg.recharts-surface')).not.toBeNull();
    expect(storageChart.querySelector('.recharts-reference-line')).not.toBeNull();
    expect(rows(within(storageSection).getByRole('table', { name: 'Storage held per day' }))).toEqual([
      'Day | Stored',
      '1 Nov 2026 | 11.8 GB',
      '2 Nov 2026 | 12.1 GB',
      '3 Nov 2026 | 12.3 GB',
    ]);

    // Processing per month: stacked bars by workspace, and the month × workspace table with totals.
    const processing = section('Processing hours per month');
    const processingChart = within(within(processing).getByRole('figure', { name: 'Processing hours per month' })).getByRole('img');
    expect(processingChart.getAttribute('aria-label')).toContain('by workspace (Exome 2025, General)');
    expect(processingChart.querySelectorAll('.recharts-bar').length).toBe(2);
    const pivot = rows(within(processing).getByRole('table', { name: 'Processing hours (CPU) per month and workspace' }));
    expect(pivot[0]).toBe('Month | Exome 2025 | General | Total');
    expect(pivot).toHaveLength(1 + 12 + 1);
    expect(pivot[1]).toBe('Dec 2025 | 0 | 0 | 0');
    expect(pivot).toContain('Oct 2026 | 12.75 | 20.25 | 33');
    expect(pivot).toContain('Nov 2026 | 0 | 41.5 | 41.5');
    expect(pivot[pivot.length - 1]).toBe('Total | 12.75 | 61.75 | 74.5');

    // Every figure per month and workspace.
    expect(rows(within(section('Per month and workspace')).getByRole('table', { name: 'Usage per month and workspace' }))).toEqual([
      'Month | Workspace | Storage (GB-months) | Stored at month end | Processing (CPU hours) | Wall-clock hours | Samples | Analyses | Reports',
      'Oct 2026 | Exome 2025 | 3.25 | 4.2 GB | 12.75 | 3.5 | 4 | 6 | 2',
      'Oct 2026 | General | 7.5 | 8.1 GB | 20.25 | 5.25 | 9 | 11 | 1',
      'Nov 2026 | General | 8.125 | 8.1 GB | 41.5 | 10 | 3 | 5 | 0',
      'Total | 18.875 |  | 74.5 | 18.75 | 16 | 22 | 3',
    ]);

    expect(rows(within(section('Top users')).getByRole('table', { name: 'Top users by processing hours' }))).toEqual([
      'Person | Processing (CPU hours) | Analyses | Samples',
      'Ada Lovelace | 50.5 | 15 | 10',
      'Grace Hopper | 24 | 7 | 6',
    ]);
    expect(await axeViolations()).toEqual([]);
  });

  it('keeps the range in the address and asks the server for it', async () => {
    const { calls } = mockFetch(usageRoutes('Group Supervisor', ALL_PERMISSIONS));
    renderApp(`${usagePage}?from=2026-03&to=2026-08`);
    const u = userEvent.setup();

    await screen.findByRole('heading', { name: 'Storage over time' });
    expect(calls(GET_USAGE).map((c) => c.path)).toEqual([`/api/organizations/${ORG_ID}/usage?from=2026-03&to=2026-08`]);
    expect((screen.getByLabelText('From') as HTMLInputElement).value).toBe('2026-03');

    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-01' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-06' } });
    await u.click(screen.getByRole('button', { name: 'Show' }));

    await waitFor(() => expect(location()).toBe(`${usagePage}?from=2026-01&to=2026-06`));
    await waitFor(() => expect(calls(GET_USAGE).at(-1)?.path).toBe(`/api/organizations/${ORG_ID}/usage?from=2026-01&to=2026-06`));
    const pivot = await screen.findByRole('table', { name: 'Processing hours (CPU) per month and workspace' });
    expect(rows(pivot)[1]).toBe('Jan 2026 | 0 | 0 | 0');
    expect(rows(pivot)).toHaveLength(1 + 6 + 1);

    // Back to the default: the address and the request name no months.
    await u.click(screen.getByRole('button', { name: 'Last twelve months' }));
    await waitFor(() => expect(location()).toBe(usagePage));
    await waitFor(() => expect(calls(GET_USAGE).at(-1)?.path).toBe(`/api/organizations/${ORG_ID}/usage`));
  });

  it('checks the months before asking, and shows the server’s refusal of a range on its field', async () => {
    const refusal = 'There is no usage before the organization was created (2025-01).';
    const { calls } = mockFetch(
      usageRoutes('Group Supervisor', ALL_PERMISSIONS, {
        [GET_USAGE]: (request) =>
          new URL(request.url).searchParams.get('from') === '2019-01'
            ? problem(400, { title: 'One or more validation errors occurred.', errors: { from: [refusal] } })
            : json(200, usageReport()),
      }),
    );
    renderApp(usagePage);
    const u = userEvent.setup();
    await screen.findByRole('heading', { name: 'Storage over time' });

    // Checked here: in order, at most 36 months.
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-12' } });
    await u.click(screen.getByRole('button', { name: 'Show' }));
    expect(screen.getByLabelText('From').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('The first month comes before the last one (or is the same).')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2023-10' } });
    await u.click(screen.getByRole('button', { name: 'Show' }));
    expect(screen.getByText('At most 36 months at a time.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('From'));
    expect(calls(GET_USAGE)).toHaveLength(1);
    expect(location()).toBe(usagePage);

    // Refused by the server: its message on the field.
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2019-01' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2019-06' } });
    await u.click(screen.getByRole('button', { name: 'Show' }));
    expect(await screen.findByText(refusal)).toBeTruthy();
    expect(calls(GET_USAGE).at(-1)?.path).toBe(`/api/organizations/${ORG_ID}/usage?from=2019-01&to=2019-06`);
    expect(screen.getByLabelText('From').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toContain('These months cannot be shown');
    expect(screen.queryByRole('heading', { name: 'Storage over time' })).toBeNull();
    expect(await axeViolations()).toEqual([]);
  });

  it('says “no processing quota” when there is none', async () => {
    mockFetch(usageRoutes('Group Supervisor', ALL_PERMISSIONS, { [GET_USAGE]: () => json(200, usageReport({ processingHoursQuota: null })) }));
    renderApp(usagePage);

    expect(await screen.findByText('41.5 CPU hours · no processing quota')).toBeTruthy();
    expect(screen.queryByRole('meter', { name: 'Processing this month' })).toBeNull();
  });

  it('sends a member without organization.analytics.view to their own usage, without asking the server', async () => {
    const { calls } = mockFetch(usageRoutes('Analyst', ANALYST_PERMISSIONS));
    renderApp(usagePage);

    expect(await screen.findByText('You cannot see this organization’s usage')).toBeTruthy();
    const alert = screen.getByText('You cannot see this organization’s usage').closest('.alert') as HTMLElement;
    expect(within(alert).getByRole('link', { name: 'My usage' }).getAttribute('href')).toBe(myUsagePage);
    const nav = screen.getByRole('navigation', { name: 'Organization' });
    expect(within(nav).queryByRole('link', { name: 'Usage' })).toBeNull();
    expect(within(nav).getByRole('link', { name: 'My usage' }).getAttribute('href')).toBe(myUsagePage);
    expect(screen.queryByRole('heading', { name: 'Storage over time' })).toBeNull();
    expect(calls(GET_USAGE)).toHaveLength(0);
    expect(await axeViolations()).toEqual([]);
  });

  it('says the same when the server refuses', async () => {
    mockFetch(
      usageRoutes('Group Supervisor', ALL_PERMISSIONS, {
        [GET_USAGE]: () => problem(403, { title: 'Forbidden', detail: 'You do not have permission to do this.' }),
      }),
    );
    renderApp(usagePage);
    expect(await screen.findByText('You cannot see this organization’s usage')).toBeTruthy();
  });

  it('shows the problem’s detail when the usage cannot be loaded', async () => {
    mockFetch(
      usageRoutes('Group Supervisor', ALL_PERMISSIONS, {
        [GET_USAGE]: () => problem(503, { title: 'Service unavailable', detail: 'The usage meter is catching up; try again in a minute.' }),
      }),
    );
    renderApp(usagePage);
    expect(await screen.findByText('The usage meter is catching up; try again in a minute.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});
