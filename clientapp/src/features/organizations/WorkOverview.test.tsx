import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { axeViolations } from '../../test/axe';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { ALL_PERMISSIONS, ANALYST_PERMISSIONS, ORG_ID, WS_EXOME, WS_GENERAL } from '../../test/orgFixtures';
import { renderApp } from '../../test/render';
import { WORK_OVERVIEW_REFRESH_MS } from './workOverviewApi';
import {
  orderId,
  reportId,
  runId,
  workOrder,
  workOverview,
  workOverviewApi,
  workOverviewRoutes,
  workReport,
  workRun,
} from './workOverviewFixtures';

const dashboardPath = `/orgs/${ORG_ID}`;
const wsPath = (workspaceId: string) => `/orgs/${ORG_ID}/workspaces/${workspaceId}`;

afterEach(() => {
  vi.useRealTimers();
});

/** A supervisor's morning: two runs in progress, 23 failed (ten listed), two orders due (one overdue), one report to sign. */
const busy = workOverview({
  runningCount: 2,
  running: [workRun(1, { status: 'QUEUED', workspaceId: WS_EXOME, workspaceName: 'Exome 2025' }), workRun(2, { status: 'RUNNING' })],
  failedCount: 23,
  failed: Array.from({ length: 10 }, (_, i) => workRun(10 + i, { status: i === 0 ? 'SYSTEM_ERROR' : 'EXECUTOR_ERROR' })),
  ordersDueCount: 2,
  ordersDue: [
    workOrder(1, { test: 'Epilepsy gene panel', priority: 'urgent', dueDate: '2026-11-20', overdue: true }),
    workOrder(2, { test: 'Cardiac panel', priority: 'routine', dueDate: '2026-11-30', overdue: false, workspaceId: WS_EXOME, workspaceName: 'Exome 2025' }),
  ],
  awaitingSignatureCount: 1,
  awaitingSignature: [workReport(1, { title: 'Trio exome report', secondSignature: true })],
  processingHoursThisMonth: 3.2,
  processingHoursQuota: 100,
});

function region(name: string) {
  return screen.getByRole('region', { name });
}

function hrefs(container: HTMLElement): string[] {
  return within(container)
    .getAllByRole('link')
    .map((a) => a.getAttribute('href') ?? '');
}

describe('Needs attention on the organization dashboard', () => {
  it('lists runs in progress, failed runs, orders due and reports to sign as links, with counts, states and the quotas', async () => {
    const { calls } = mockFetch(workOverviewRoutes('Group Supervisor', ALL_PERMISSIONS, busy));
    renderApp(dashboardPath);

    const attention = await screen.findByRole('region', { name: 'Needs attention' });
    expect(within(attention).getByRole('heading', { level: 2, name: 'Needs attention' })).toBeTruthy();
    const running = await within(attention).findByRole('region', { name: 'Runs in progress (2)' });

    // Runs in progress: oldest first, each a link to its run page, with its state in words and its workspace.
    const runItems = within(within(running).getByRole('list', { name: 'Runs in progress (2)' })).getAllByRole('listitem');
    expect(runItems).toHaveLength(2);
    expect(within(runItems[0]!).getByRole('link', { name: 'germline-fastq on NA12801' }).getAttribute('href')).toBe(
      `${wsPath(WS_EXOME)}/analyses/${runId(1)}`,
    );
    expect(within(runItems[0]!).getByText('Queued')).toBeTruthy();
    expect(within(runItems[0]!).getByText('Exome 2025')).toBeTruthy();
    expect(within(runItems[0]!).getByText('5 minutes ago').tagName).toBe('TIME');
    expect(within(runItems[1]!).getByRole('link').getAttribute('href')).toBe(`${wsPath(WS_GENERAL)}/analyses/${runId(2)}`);
    expect(within(runItems[1]!).getByText('Running')).toBeTruthy();
    expect(within(running).queryByText(/^Showing/)).toBeNull();

    // Failed runs: ten of 23 listed, and said so.
    const failed = region('Failed runs, last 14 days (23)');
    expect(hrefs(failed)).toEqual(Array.from({ length: 10 }, (_, i) => `${wsPath(WS_GENERAL)}/analyses/${runId(10 + i)}`));
    expect(within(failed).getByText(/^Showing 10 of 23\./)).toBeTruthy();
    expect(within(failed).getByText('Failed (system error)')).toBeTruthy();
    expect(within(failed).getAllByText('Failed')).toHaveLength(9);

    // Orders due: the overdue one says so in words, besides its priority and due date.
    const orders = region('Orders due (2)');
    const [overdue, due] = within(orders).getAllByRole('listitem');
    expect(within(overdue!).getByRole('link', { name: 'Epilepsy gene panel' }).getAttribute('href')).toBe(`${wsPath(WS_GENERAL)}/orders/${orderId(1)}`);
    expect(within(overdue!).getByText('Overdue')).toBeTruthy();
    expect(within(overdue!).getByText('Urgent')).toBeTruthy();
    expect(overdue!.textContent).toContain('Due 20 Nov 2026');
    expect(within(due!).getByRole('link', { name: 'Cardiac panel' }).getAttribute('href')).toBe(`${wsPath(WS_EXOME)}/orders/${orderId(2)}`);
    expect(within(due!).queryByText('Overdue')).toBeNull();
    expect(within(due!).getByText('Routine')).toBeTruthy();
    expect(within(due!).getByText('Exome 2025')).toBeTruthy();

    // Reports awaiting my signature.
    const reports = region('Reports awaiting your signature (1)');
    expect(within(reports).getByRole('link', { name: 'Trio exome report' }).getAttribute('href')).toBe(`${wsPath(WS_EXOME)}/reports/${reportId(1)}`);
    expect(within(reports).getByText('Second signature')).toBeTruthy();

    // The quotas: storage and this month's processing, with the way to the usage page.
    const overview = region('Overview');
    expect(within(overview).getByRole('meter', { name: 'Storage used' }).getAttribute('aria-valuetext')).toBe('1.5 GiB of 1 TiB used (0.1 %)');
    expect(within(overview).getByRole('meter', { name: 'Processing hours used' }).getAttribute('aria-valuetext')).toBe(
      '3.2 of 100 CPU hours this month',
    );
    expect(within(overview).getByText('3.2 of 100 CPU hours this month')).toBeTruthy();
    expect(within(overview).getByRole('link', { name: 'View usage' }).getAttribute('href')).toBe(`/orgs/${ORG_ID}/usage`);

    // The work comes first; the rest of the dashboard is still there.
    expect(attention.compareDocumentPosition(overview) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(region('Your workspaces')).toBeTruthy();
    expect(region('Recent activity')).toBeTruthy();
    expect(region('Details')).toBeTruthy();
    expect(calls(`GET ${workOverviewApi}`)).toHaveLength(1);
    expect(await axeViolations()).toEqual([]);
  });

  it('says when nothing needs attention, and leaves out reports to sign for a role that does not sign', async () => {
    mockFetch(workOverviewRoutes('Analyst', ANALYST_PERMISSIONS, workOverview({ processingHoursThisMonth: 12.25, processingHoursQuota: null })));
    renderApp(dashboardPath);

    expect(await screen.findByText('No runs in progress.')).toBeTruthy();
    expect(region('Runs in progress (0)')).toBeTruthy();
    expect(within(region('Failed runs, last 14 days (0)')).getByText('No runs failed in the last 14 days.')).toBeTruthy();
    expect(within(region('Orders due (0)')).getByText('No open orders are overdue or due in the next 7 days.')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: /Reports awaiting your signature/ })).toBeNull();
    expect(screen.queryByText(/^Showing/)).toBeNull();

    const overview = region('Overview');
    expect(within(overview).getByText('12.3 CPU hours this month. No processing quota.')).toBeTruthy();
    expect(within(overview).queryByRole('meter', { name: 'Processing hours used' })).toBeNull();
    expect(await axeViolations()).toEqual([]);
  });

  it('shows reports to sign to one who signs, even when there are none', async () => {
    mockFetch(workOverviewRoutes('Group Supervisor', ALL_PERMISSIONS, workOverview()));
    renderApp(dashboardPath);

    const reports = await screen.findByRole('region', { name: 'Reports awaiting your signature (0)' });
    expect(within(reports).getByText('No reports are awaiting your signature.')).toBeTruthy();
    expect(within(reports).queryByRole('list')).toBeNull();
  });

  it('shows reports awaiting a signature to a role without reports.sign when the server lists some', async () => {
    mockFetch(
      workOverviewRoutes(
        'Analyst',
        ANALYST_PERMISSIONS,
        workOverview({ awaitingSignatureCount: 1, awaitingSignature: [workReport(2, { title: 'Panel report' })] }),
      ),
    );
    renderApp(dashboardPath);

    const reports = await screen.findByRole('region', { name: 'Reports awaiting your signature (1)' });
    expect(within(reports).getByRole('link', { name: 'Panel report' }).getAttribute('href')).toBe(`${wsPath(WS_EXOME)}/reports/${reportId(2)}`);
    expect(within(reports).getByText('Ready to sign')).toBeTruthy();
  });

  it('does not hold up the rest of the page while loading, and when it fails says why and tries again', async () => {
    let answer: () => Response = () => problem(500, { title: 'Server error', detail: 'The work overview is being rebuilt.' });
    let release: () => void = () => {};
    const first = new Promise<void>((resolve) => (release = resolve));
    mockFetch(
      workOverviewRoutes('Group Supervisor', ALL_PERMISSIONS, async () => {
        await first;
        return answer();
      }),
    );
    renderApp(dashboardPath);

    // Still loading: the organization's part of the page is there.
    expect(await screen.findByRole('heading', { level: 1, name: 'Northwind Genomics Lab' })).toBeTruthy();
    const attention = region('Needs attention');
    expect(within(attention).getByRole('status').textContent).toBe('Loading what needs attention…');
    expect(within(region('Overview')).getByRole('meter', { name: 'Storage used' })).toBeTruthy();
    expect(within(region('Overview')).getByText('Loading processing hours…')).toBeTruthy();
    expect(region('Your workspaces')).toBeTruthy();

    release();
    expect(await within(attention).findByText('What needs attention could not be loaded')).toBeTruthy();
    expect(within(attention).getByText('The work overview is being rebuilt.')).toBeTruthy();
    expect(within(region('Overview')).getByText('Processing hours could not be loaded.')).toBeTruthy();
    expect(region('Your workspaces')).toBeTruthy();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(await axeViolations()).toEqual([]);

    answer = () => json(200, busy);
    await userEvent.setup().click(within(attention).getByRole('button', { name: 'Try again' }));
    expect(await within(attention).findByRole('region', { name: 'Runs in progress (2)' })).toBeTruthy();
    expect(within(attention).queryByText('What needs attention could not be loaded')).toBeNull();
  });

  it('reads what needs attention again every minute while the dashboard is open', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let overview = workOverview();
    let fail = false;
    const { calls } = mockFetch(
      workOverviewRoutes('Group Supervisor', ALL_PERMISSIONS, () =>
        fail ? problem(503, { title: 'Service unavailable', detail: 'The server is restarting.' }) : json(200, overview),
      ),
    );
    renderApp(dashboardPath);

    expect(await screen.findByRole('region', { name: 'Runs in progress (0)' })).toBeTruthy();
    expect(calls(`GET ${workOverviewApi}`)).toHaveLength(1);

    overview = workOverview({ runningCount: 1, running: [workRun(3)] });
    await act(() => vi.advanceTimersByTimeAsync(WORK_OVERVIEW_REFRESH_MS - 1000));
    expect(calls(`GET ${workOverviewApi}`)).toHaveLength(1);
    await act(() => vi.advanceTimersByTimeAsync(1500));
    await waitFor(() => expect(calls(`GET ${workOverviewApi}`)).toHaveLength(2));
    const running = await screen.findByRole('region', { name: 'Runs in progress (1)' });
    expect(within(running).getByRole('link', { name: 'germline-fastq on NA12803' })).toBeTruthy();

    // A later read that fails keeps what was read last on the page, and says so.
    fail = true;
    await act(() => vi.advanceTimersByTimeAsync(WORK_OVERVIEW_REFRESH_MS + 500));
    const attention = region('Needs attention');
    expect((await within(attention).findByText(/^Could not refresh this list/)).textContent).toBe(
      'Could not refresh this list: The server is restarting. It shows what was read last.',
    );
    expect(within(attention).getByRole('link', { name: 'germline-fastq on NA12803' })).toBeTruthy();
  });
});
