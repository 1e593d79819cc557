import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PermissionKey } from '../../api/permissionKeys';
import {
  analysesRoutes,
  BED_1,
  completeRun,
  OUT_VCF,
  REF_READY,
  RUN_1,
  RUN_2,
  RUN_SUB,
  run,
  runPath,
  runsPath,
  S1,
  ws,
} from '../../test/analysisFixtures';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { statusMessage } from '../../test/helpers';
import { ALL_PERMISSIONS, GRACE_ID, ORG_ID, WS_GENERAL } from '../../test/orgFixtures';
import { renderApp } from '../../test/render';
import { POLL_MS } from './types';

const VIEWER: PermissionKey[] = ['samples.view.all'];

afterEach(() => {
  vi.useRealTimers();
});

describe('Run page', () => {
  it('shows the summary, the steps with their status, the progress bar and the processing time of a running run', async () => {
    mockFetch(analysesRoutes(ALL_PERMISSIONS, { runs: [run(RUN_1, { parameters: { reference: REF_READY, targets: BED_1, minBaseQuality: 13 } })] }));
    renderApp(runPath(RUN_1));

    await screen.findByRole('heading', { level: 1, name: 'Germline calling from FASTQ' });
    // The title is set by an effect after the heading renders.
    await waitFor(() => expect(document.title).toBe('Germline calling from FASTQ · VariantMiner'));
    const summary = screen.getByRole('region', { name: 'Summary' });
    expect(within(summary).getByText('Human reference v1 (GRCh38)')).toBeTruthy();
    expect(within(summary).getByRole('link', { name: 'NA12878' })).toBeTruthy();
    expect(within(summary).getByText('3 min 5 s wall clock')).toBeTruthy();
    expect(within(summary).getByText(/by Ada Lovelace/)).toBeTruthy();
    // Files are named (read by id).
    expect(await within(summary).findByText('NA12878_R1.fastq.gz')).toBeTruthy();

    const steps = screen.getByRole('region', { name: 'Steps' });
    const bar = within(steps).getByRole('progressbar');
    expect(bar.getAttribute('aria-valuetext')).toBe('2 of 6 steps complete');
    const items = within(steps).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('.run-steps__name')!.textContent)).toEqual(['align', 'index', 'alignment_qc', 'call', 'normalize', 'variant_qc']);
    expect(within(items[0]!).getByText('Complete')).toBeTruthy();
    expect(within(items[0]!).getByText(/took 2 min 5 s/)).toBeTruthy();
    // Each step's CPU time, formatted like the run's processing time; a dash while it is not measured.
    expect(within(items[0]!).getByText('CPU 6 min 40 s')).toBeTruthy();
    expect(within(items[2]!).getByText('Running')).toBeTruthy();
    expect(within(items[2]!).getByText('CPU —')).toBeTruthy();
    expect(within(items[3]!).getByText('Queued')).toBeTruthy();

    const parameters = await screen.findByRole('table', { name: 'Parameters of Germline calling from FASTQ' });
    expect(within(parameters).getByRole('rowheader', { name: 'Minimum base quality' }).closest('tr')!.textContent).toContain('13');
    expect(await within(parameters).findByText('exome-targets.bed')).toBeTruthy();
    expect(await within(parameters).findByText('Human reference v1 (GRCh38)')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Cancel run' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('hides Cancel for a final run, and lists its outputs with download links and its wall and CPU time', async () => {
    mockFetch(analysesRoutes(ALL_PERMISSIONS, { runs: [completeRun] }));
    renderApp(runPath(RUN_2));

    await screen.findByRole('heading', { level: 1, name: 'Germline calling from FASTQ' });
    expect(screen.queryByRole('button', { name: 'Cancel run' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    expect(screen.getByRole('progressbar').getAttribute('aria-valuetext')).toBe('6 of 6 steps complete');
    expect(screen.getByText('1 h 6 min wall clock · 3 h 20 min CPU')).toBeTruthy();
    const outputs = screen.getByRole('table', { name: 'Outputs of Germline calling from FASTQ' });
    expect(within(outputs).getByRole('link', { name: 'Download NA12878.vcf.gz' }).getAttribute('href')).toBe(`${ws}/files/${OUT_VCF}/content`);
    expect(within(outputs).queryByRole('button', { name: /Delete/ })).toBeNull();
  });

  it('cancels a running run after a confirmation', async () => {
    const { calls } = mockFetch(
      analysesRoutes(ALL_PERMISSIONS, { runs: [run(RUN_1)] }, { [`POST ${ws}/analyses/${RUN_1}/cancel`]: () => json(200, { id: RUN_1, status: 'CANCELING' }) }),
    );
    renderApp(runPath(RUN_1));
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Cancel run' }));
    const dialog = screen.getByRole('dialog', { name: 'Cancel this run?' });
    expect(calls(`POST ${ws}/analyses/${RUN_1}/cancel`)).toHaveLength(0);
    await u.click(within(dialog).getByRole('button', { name: 'Cancel run' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls(`POST ${ws}/analyses/${RUN_1}/cancel`)).toHaveLength(1);
    expect(statusMessage()).toBe('Run “Germline calling from FASTQ” is being cancelled.');
  });

  it('shows a 409 when the run ended meanwhile', async () => {
    const detail = 'The run is already COMPLETE; there is nothing to cancel.';
    mockFetch(analysesRoutes(ALL_PERMISSIONS, { runs: [run(RUN_1)] }, { [`POST ${ws}/analyses/${RUN_1}/cancel`]: () => problem(409, { title: 'Conflict', detail }) }));
    renderApp(runPath(RUN_1));
    const u = userEvent.setup();
    await u.click(await screen.findByRole('button', { name: 'Cancel run' }));
    const dialog = screen.getByRole('dialog', { name: 'Cancel this run?' });
    await u.click(within(dialog).getByRole('button', { name: 'Cancel run' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain(detail);
    await u.click(within(dialog).getByRole('button', { name: 'Keep it running' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows why a run failed and retries it as a new run', async () => {
    const failed = run(RUN_1, { status: 'EXECUTOR_ERROR', reason: 'bwa mem exited with code 1: the reads are truncated.', endedAt: '2025-03-03T10:05:00Z' });
    const retried = run(RUN_2, { status: 'QUEUED', retryOf: RUN_1, steps: failed.steps.map((s) => ({ ...s, status: 'QUEUED', startedAt: null, endedAt: null })) });
    const { calls } = mockFetch(
      analysesRoutes(ALL_PERMISSIONS, { runs: [failed, retried] }, { [`POST ${ws}/analyses/${RUN_1}/retry`]: () => json(202, { id: RUN_2, status: 'QUEUED' }) }),
    );
    renderApp(runPath(RUN_1));
    const u = userEvent.setup();

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The run failed');
    expect(alert.textContent).toContain('bwa mem exited with code 1: the reads are truncated.');
    expect(screen.queryByRole('button', { name: 'Cancel run' })).toBeNull();
    await u.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe(runPath(RUN_2)));
    expect(calls(`POST ${ws}/analyses/${RUN_1}/retry`)).toHaveLength(1);
    expect(await screen.findByRole('link', { name: 'the earlier run' })).toBeTruthy();
    expect(statusMessage()).toBe('The run was launched again as a new run.');
  });

  it('offers neither Cancel nor Retry without a launch permission', async () => {
    mockFetch(analysesRoutes(VIEWER, { runs: [run(RUN_1), run(RUN_2, { status: 'CANCELED' })] }));
    renderApp(runPath(RUN_1));
    await screen.findByRole('heading', { level: 1, name: 'Germline calling from FASTQ' });
    expect(screen.queryByRole('button', { name: 'Cancel run' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Edit assignees' })).toBeNull();
  });

  it('loads the engine log when its disclosure is opened', async () => {
    const { calls } = mockFetch(
      analysesRoutes(ALL_PERMISSIONS, { runs: [completeRun] }, {
        [`GET ${ws}/analyses/${RUN_2}/log`]: () => new Response('INFO [workflow] start\nINFO [step align] completed success\n', { headers: { 'Content-Type': 'text/plain; charset=utf-8' } }),
      }),
    );
    renderApp(runPath(RUN_2));
    const u = userEvent.setup();

    const summary = await screen.findByText('Engine log');
    expect(calls(`GET ${ws}/analyses/${RUN_2}/log`)).toHaveLength(0);
    await u.click(summary);
    const log = await screen.findByLabelText('Engine log', { selector: 'pre' });
    expect(log.textContent).toBe('INFO [workflow] start\nINFO [step align] completed success\n');
    expect(log.getAttribute('tabindex')).toBe('0');
  });

  it('edits who is assigned the run (samples.assign)', async () => {
    const { calls } = mockFetch(
      analysesRoutes(ALL_PERMISSIONS, { runs: [completeRun] }, {
        [`PUT ${ws}/analyses/${RUN_2}/assignees`]: () => json(200, []),
      }),
    );
    renderApp(runPath(RUN_2));
    const u = userEvent.setup();

    const section = await screen.findByRole('region', { name: 'Assigned to' });
    expect(within(section).getByText('Unassigned')).toBeTruthy();
    await u.click(within(section).getByRole('button', { name: 'Edit assignees' }));
    const dialog = screen.getByRole('dialog', { name: 'Assign “Germline calling from FASTQ”' });
    await u.click(await within(dialog).findByRole('checkbox', { name: 'Grace Hopper' }));
    await u.click(within(dialog).getByRole('button', { name: 'Save assignees' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(JSON.parse(calls(`PUT ${ws}/analyses/${RUN_2}/assignees`)[0]!.body)).toEqual({ userIds: [GRACE_ID] });
  });

  it('says when the run does not exist or cannot be seen', async () => {
    mockFetch(analysesRoutes(ALL_PERMISSIONS, {}, { [`GET ${ws}/analyses/${RUN_1}`]: () => problem(404, { title: 'Not Found', detail: 'The analysis was not found.' }) }));
    renderApp(runPath(RUN_1));
    expect(await screen.findByRole('heading', { level: 1, name: 'Run not found' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to the runs' }).getAttribute('href')).toBe(runsPath);
  });
});

describe('Live status', () => {
  it('reads a run again every few seconds until it is final, then stops', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let current = run(RUN_1);
    const { calls } = mockFetch({ ...analysesRoutes(ALL_PERMISSIONS, { runs: [current] }), [`GET ${ws}/analyses/${RUN_1}`]: () => json(200, current) });
    renderApp(runPath(RUN_1));

    await screen.findByText('2 of 6 steps complete');
    const before = calls(`GET ${ws}/analyses/${RUN_1}`).length;
    current = { ...completeRun, id: RUN_1 };
    await act(() => vi.advanceTimersByTimeAsync(POLL_MS + 100));
    await screen.findByText('6 of 6 steps complete');
    expect(calls(`GET ${ws}/analyses/${RUN_1}`).length).toBe(before + 1);
    expect(screen.queryByRole('button', { name: 'Cancel run' })).toBeNull();

    await act(() => vi.advanceTimersByTimeAsync(POLL_MS * 3));
    expect(calls(`GET ${ws}/analyses/${RUN_1}`).length).toBe(before + 1);
  });

  it('reads the sample’s runs again while one is not final', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let runs = [run(RUN_1, { status: 'QUEUED', steps: run(RUN_1).steps.map((s) => ({ ...s, status: 'QUEUED' })) })];
    const { calls } = mockFetch({ ...analysesRoutes(ALL_PERMISSIONS), [`GET ${ws}/analyses`]: () => json(200, runs) });
    renderApp(`/orgs/${ORG_ID}/workspaces/${WS_GENERAL}/samples/${S1}`);

    await screen.findByText('Queued');
    runs = [run(RUN_1)];
    await act(() => vi.advanceTimersByTimeAsync(POLL_MS + 100));
    expect(await screen.findByText('Running')).toBeTruthy();
    runs = [{ ...completeRun, id: RUN_1 }];
    await act(() => vi.advanceTimersByTimeAsync(POLL_MS + 100));
    expect(await screen.findByText('Complete')).toBeTruthy();
    const settled = calls(`GET ${ws}/analyses`).length;
    await act(() => vi.advanceTimersByTimeAsync(POLL_MS * 3));
    expect(calls(`GET ${ws}/analyses`).length).toBe(settled);
  });
});

describe('Runs page of a workspace', () => {
  it('is linked from the Analyses table, lists runs with their sample and each sub-analysis under its main analysis', async () => {
    const main = completeRun;
    const sub = run(RUN_SUB, { parentId: RUN_2, kind: 'vcf-intake', pipeline: 'vcf-intake', status: 'QUEUED', createdAt: '2025-03-04T09:00:00Z' });
    const other = run(RUN_1, { workflowId: 'wf', workflowName: 'Trio exome' });
    mockFetch({
      ...analysesRoutes(ALL_PERMISSIONS, { runs: [sub, other, main] }),
      [`GET ${ws}/samples`]: () => json(200, { items: [], nextCursor: null, total: 0, totalCapped: false }),
    });
    renderApp(`/orgs/${ORG_ID}/workspaces/${WS_GENERAL}/samples`);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('link', { name: 'Runs' }));
    await screen.findByRole('heading', { level: 1, name: 'Runs' });
    await waitFor(() => expect(document.title).toBe('Runs · General · VariantMiner'));
    const table = await screen.findByRole('table', { name: 'Runs of the workspace' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Run', 'Sample', 'Status', 'Progress', 'Processing time', 'Launched']);
    // Newest first, but the sub-analysis right under its main analysis, marked as such.
    const names = () => within(table).getAllByRole('rowheader').map((h) => h.textContent);
    await waitFor(() => expect(names()).toEqual(['Trio exomeGermline calling from FASTQ', 'Germline calling from FASTQ', '↳Sub-analysis: VCF intake']));
    expect(within(table).getAllByRole('rowheader')[2]!.className).toContain('runs__cell--sub');
    expect(within(table).getAllByRole('link', { name: 'NA12878' })).toHaveLength(3);
  });

  it('filters by status (kept in the address)', async () => {
    const { calls } = mockFetch(analysesRoutes(ALL_PERMISSIONS, { runs: [run(RUN_1), completeRun] }));
    renderApp(runsPath);
    const u = userEvent.setup();

    const table = await screen.findByRole('table', { name: 'Runs of the workspace' });
    expect(within(table).getAllByRole('progressbar')).toHaveLength(2);
    await u.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'COMPLETE');
    await screen.findByRole('table', { name: 'Complete runs of the workspace' });
    await waitFor(() => expect(within(screen.getByRole('table')).getAllByRole('progressbar')).toHaveLength(1));
    expect(screen.getByTestId('location').textContent).toBe(`${runsPath}?status=COMPLETE`);
    expect(calls(`GET ${ws}/analyses`).some((c) => c.path === `${ws}/analyses?status=COMPLETE`)).toBe(true);

    await u.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'SYSTEM_ERROR');
    expect(await screen.findByText('No system error runs')).toBeTruthy();
  });
});
