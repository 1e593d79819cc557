// axe-core on the Analyses pages and dialogs (the rules the browser e2e runs, on what jsdom can compute).
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { analysesRoutes, completeRun, RUN_1, RUN_2, RUN_SUB, run, runPath, runsPath, samplePath, ws } from '../../test/analysisFixtures';
import { axeViolations } from '../../test/axe';
import { mockFetch } from '../../test/fetchMock';
import { ALL_PERMISSIONS } from '../../test/orgFixtures';
import { renderApp } from '../../test/render';

const runs = [run(RUN_SUB, { parentId: RUN_2, pipeline: 'vcf-intake' }), run(RUN_1, { workflowName: 'Trio exome', workflowId: 'wf' }), completeRun];

describe('axe: no violations on the Analyses pages', () => {
  it('the sample page with its runs, and the launch dialog in both modes with errors', async () => {
    mockFetch(analysesRoutes(ALL_PERMISSIONS, { runs }));
    renderApp(samplePath);
    const u = userEvent.setup();
    await screen.findByRole('table', { name: 'Runs of NA12878' });
    await screen.findByRole('table', { name: 'Files of NA12878' });
    expect(await axeViolations()).toEqual([]);

    await u.click(screen.getByRole('button', { name: 'Launch analysis' }));
    const dialog = screen.getByRole('dialog', { name: 'Launch an analysis on “NA12878”' });
    await u.click(within(dialog).getByRole('button', { name: 'Launch analysis' }));
    await within(dialog).findByRole('alert');
    expect(await axeViolations('[role="dialog"]')).toEqual([]);

    await u.click(within(dialog).getByRole('radio', { name: 'Choose a pipeline' }));
    await u.click(await within(dialog).findByRole('radio', { name: 'Germline calling from FASTQ' }));
    await within(dialog).findByRole('option', { name: 'exome-targets.bed (2 KiB)' });
    await u.click(within(dialog).getByRole('button', { name: 'Launch analysis' }));
    expect(await axeViolations('[role="dialog"]')).toEqual([]);
  });

  it('the workspace’s runs page', async () => {
    mockFetch(analysesRoutes(ALL_PERMISSIONS, { runs }));
    renderApp(runsPath);
    await screen.findByRole('table', { name: 'Runs of the workspace' });
    await screen.findByText('VCF intake');
    expect(await axeViolations()).toEqual([]);
  });

  it('the run page of a running run with its log open, its cancel confirmation and its assignees dialog', async () => {
    mockFetch(
      analysesRoutes(ALL_PERMISSIONS, { runs }, { [`GET ${ws}/analyses/${RUN_1}/log`]: () => new Response('INFO start\n', { headers: { 'Content-Type': 'text/plain' } }) }),
    );
    renderApp(runPath(RUN_1));
    const u = userEvent.setup();
    await screen.findByRole('heading', { level: 1, name: 'Trio exome' });
    await u.click(screen.getByText('Engine log'));
    await screen.findByLabelText('Engine log', { selector: 'pre' });
    expect(await axeViolations()).toEqual([]);

    await u.click(screen.getByRole('button', { name: 'Cancel run' }));
    expect(await axeViolations('[role="dialog"]')).toEqual([]);
    await u.click(screen.getByRole('button', { name: 'Keep it running' }));

    await u.click(screen.getByRole('button', { name: 'Edit assignees' }));
    await within(screen.getByRole('dialog')).findByRole('checkbox', { name: 'Grace Hopper' });
    expect(await axeViolations('[role="dialog"]')).toEqual([]);
  });

  it('the run page of a failed run and of a complete one with outputs', async () => {
    mockFetch(analysesRoutes(ALL_PERMISSIONS, { runs: [run(RUN_1, { status: 'SYSTEM_ERROR', reason: 'The worker stopped.' }), completeRun] }));
    const { unmount } = renderApp(runPath(RUN_1));
    await screen.findByRole('button', { name: 'Retry' });
    expect(await axeViolations()).toEqual([]);
    unmount();

    renderApp(runPath(RUN_2));
    await screen.findByRole('table', { name: /^Outputs of/ });
    expect(await axeViolations()).toEqual([]);
  });
});
