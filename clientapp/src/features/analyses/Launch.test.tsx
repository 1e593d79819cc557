import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { PermissionKey } from '../../api/permissionKeys';
import {
  analysesRoutes,
  BED_1,
  FQ_2,
  REF_READY,
  RUN_1,
  run,
  runPath,
  S1,
  samplePath,
  trio,
  WF_TRIO,
  ws,
} from '../../test/analysisFixtures';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { statusMessage } from '../../test/helpers';
import { renderApp } from '../../test/render';

const VIEW: PermissionKey[] = ['samples.view.all', 'samples.define'];
const WORKFLOW: PermissionKey[] = [...VIEW, 'analyses.launch.workflow'];
const DIRECT: PermissionKey[] = [...VIEW, 'analyses.launch.direct'];
const BOTH: PermissionKey[] = [...VIEW, 'analyses.launch.workflow', 'analyses.launch.direct'];

async function openLaunchDialog() {
  const u = userEvent.setup();
  await u.click(await screen.findByRole('button', { name: 'Launch analysis' }));
  return { u, dialog: screen.getByRole('dialog', { name: 'Launch an analysis on “NA12878”' }) };
}

/** The text of the elements a control's aria-describedby points to. */
function description(element: HTMLElement): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

describe('Runs section of a sample', () => {
  it('lists the sample’s runs with status, progress by steps, processing time and who launched them', async () => {
    const { calls } = mockFetch(analysesRoutes(BOTH, { runs: [run(RUN_1)] }));
    renderApp(samplePath);

    const table = await screen.findByRole('table', { name: 'Runs of NA12878' });
    expect(calls(`GET ${ws}/analyses`)[0]!.path).toBe(`${ws}/analyses?sampleId=${S1}`);
    const row = within(table).getByRole('rowheader', { name: 'Germline calling from FASTQ' }).closest('tr')!;
    expect(within(row).getByText('Running')).toBeTruthy();
    const bar = within(row).getByRole('progressbar', { name: 'Progress of Germline calling from FASTQ' });
    expect(bar.getAttribute('aria-valuenow')).toBe('2');
    expect(bar.getAttribute('aria-valuemax')).toBe('6');
    expect(bar.getAttribute('aria-valuetext')).toBe('2 of 6 steps complete');
    expect(within(row).getByText('3 min 5 s')).toBeTruthy();
    expect(within(row).getByText('by Ada Lovelace')).toBeTruthy();
    expect(within(row).getByRole('link', { name: 'Germline calling from FASTQ' }).getAttribute('href')).toBe(runPath(RUN_1));
  });

  it('says when the sample has no runs', async () => {
    mockFetch(analysesRoutes(BOTH));
    renderApp(samplePath);
    expect(await screen.findByText('No analysis has been run on this sample yet.')).toBeTruthy();
  });
});

describe('Launch dialog: what each permission combination offers', () => {
  it('neither launch permission: no "Launch analysis" button at all', async () => {
    mockFetch(analysesRoutes(VIEW, { runs: [run(RUN_1)] }));
    renderApp(samplePath);
    await screen.findByRole('table', { name: 'Runs of NA12878' });
    await screen.findByRole('navigation', { name: 'Organization' });
    expect(screen.queryByRole('button', { name: 'Launch analysis' })).toBeNull();
  });

  it('analyses.launch.workflow only: a workflow picker, no pipelines or parameters; launches with the workflow alone', async () => {
    const { calls } = mockFetch(
      analysesRoutes(WORKFLOW, {}, { [`POST ${ws}/analyses`]: () => json(202, { id: RUN_1, status: 'QUEUED' }) }),
    );
    renderApp(samplePath);
    const { u, dialog } = await openLaunchDialog();

    expect(within(dialog).queryByRole('group', { name: 'How to launch' })).toBeNull();
    expect(within(dialog).queryByRole('group', { name: 'Pipeline' })).toBeNull();
    expect(within(dialog).queryByRole('radio')).toBeNull();
    expect(within(dialog).queryByLabelText('Minimum base quality')).toBeNull();
    const picker = within(dialog).getByRole('combobox', { name: 'Workflow' });
    await within(picker).findByRole('option', { name: 'Trio exome — Germline calling from FASTQ' });
    await u.selectOptions(picker, WF_TRIO);
    // Its fixed parameters are shown, read only.
    const fixed = await within(dialog).findByRole('table', { name: 'Parameters of Trio exome' });
    expect(within(fixed).getByRole('rowheader', { name: 'Minimum base quality' }).closest('tr')!.textContent).toContain('20');
    expect(await within(fixed).findByText('Human reference v1 (GRCh38)')).toBeTruthy();

    await u.click(within(dialog).getByRole('button', { name: 'Launch analysis' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(JSON.parse(calls(`POST ${ws}/analyses`)[0]!.body)).toEqual({ sampleIds: [S1], workflowId: WF_TRIO });
    expect(statusMessage()).toBe('Analysis launched on “NA12878”.');
  });

  it('analyses.launch.direct only: pipelines (one this server cannot run disabled, naming the tool) and the generated parameter form', async () => {
    const { calls } = mockFetch(
      analysesRoutes(DIRECT, {}, { [`POST ${ws}/analyses`]: () => json(202, { id: RUN_1, status: 'QUEUED' }) }),
    );
    renderApp(samplePath);
    const { u, dialog } = await openLaunchDialog();

    expect(within(dialog).queryByRole('group', { name: 'How to launch' })).toBeNull();
    expect(within(dialog).queryByRole('combobox', { name: 'Workflow' })).toBeNull();
    const pipelines = within(dialog).getByRole('group', { name: 'Pipeline' });
    const intake = (await within(pipelines).findByRole('radio', { name: 'VCF intake' })) as HTMLInputElement;
    expect(intake.disabled).toBe(true);
    expect(description(intake)).toContain('Not available: bcftools is not installed on this server.');
    const germline = within(pipelines).getByRole('radio', { name: 'Germline calling from FASTQ' }) as HTMLInputElement;
    expect(germline.disabled).toBe(false);
    await u.click(germline);

    // Typed fields with their range, defaults filled in.
    const baseQuality = within(dialog).getByLabelText('Minimum base quality') as HTMLInputElement;
    expect(baseQuality.type).toBe('number');
    expect(baseQuality.value).toBe('13');
    expect(baseQuality.min).toBe('0');
    expect(baseQuality.max).toBe('60');
    expect(description(baseQuality)).toContain('Between 0 and 60. Default: 13.');
    expect((within(dialog).getByLabelText('Minimum variant quality (QUAL)') as HTMLInputElement).value).toBe('20');
    // Only Ready bundles that are not retired.
    const reference = within(dialog).getByRole('combobox', { name: 'Reference bundle' });
    await within(reference).findByRole('option', { name: 'Human reference v1 (GRCh38)' });
    expect(within(reference).getAllByRole('option').map((o) => o.textContent)).toEqual(['Choose a reference bundle', 'Human reference v1 (GRCh38)']);
    // Files of the declared kind from the workspace.
    const targets = within(dialog).getByRole('combobox', { name: 'Target regions (BED)' });
    await within(targets).findByRole('option', { name: 'exome-targets.bed (2 KiB)' });
    expect(within(targets).getAllByRole('option').map((o) => o.textContent)).toEqual(['None', 'exome-targets.bed (2 KiB)']);

    await u.selectOptions(reference, REF_READY);
    await u.selectOptions(targets, BED_1);
    await u.clear(baseQuality);
    await u.type(baseQuality, '20');
    await u.click(within(dialog).getByRole('button', { name: 'Launch analysis' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(JSON.parse(calls(`POST ${ws}/analyses`)[0]!.body)).toEqual({
      sampleIds: [S1],
      pipeline: 'germline-fastq',
      parameters: { reference: REF_READY, targets: BED_1, minBaseQuality: 20, minVariantQuality: 20 },
    });
  });

  it('both: a choice between a workflow and a pipeline, each showing only its own fields', async () => {
    mockFetch(analysesRoutes(BOTH));
    renderApp(samplePath);
    const { u, dialog } = await openLaunchDialog();

    const how = within(dialog).getByRole('group', { name: 'How to launch' });
    const withWorkflow = within(how).getByRole('radio', { name: 'With a workflow' }) as HTMLInputElement;
    expect(withWorkflow.checked).toBe(true);
    expect(within(dialog).getByRole('combobox', { name: 'Workflow' })).toBeTruthy();
    expect(within(dialog).queryByRole('group', { name: 'Pipeline' })).toBeNull();

    await u.click(within(how).getByRole('radio', { name: 'Choose a pipeline' }));
    expect(within(dialog).queryByRole('combobox', { name: 'Workflow' })).toBeNull();
    expect(within(dialog).getByRole('group', { name: 'Pipeline' })).toBeTruthy();
  });
});

describe('Launch dialog: checks and refusals', () => {
  it('checks min/max before sending, and shows a 400 problem’s field errors next to their fields', async () => {
    const { calls } = mockFetch(
      analysesRoutes(DIRECT, {}, {
        [`POST ${ws}/analyses`]: () =>
          problem(400, {
            title: 'One or more validation errors occurred.',
            errors: { 'parameters.minVariantQuality': ['Minimum variant quality (QUAL) is between 0 and 1000 (got 999.5).'] },
          }),
      }),
    );
    renderApp(samplePath);
    const { u, dialog } = await openLaunchDialog();
    await u.click(await within(dialog).findByRole('radio', { name: 'Germline calling from FASTQ' }));
    await within(within(dialog).getByRole('combobox', { name: 'Reference bundle' })).findByRole('option', { name: 'Human reference v1 (GRCh38)' });
    await u.selectOptions(within(dialog).getByRole('combobox', { name: 'Reference bundle' }), REF_READY);

    const baseQuality = within(dialog).getByLabelText('Minimum base quality');
    await u.clear(baseQuality);
    await u.type(baseQuality, '61');
    await u.click(within(dialog).getByRole('button', { name: 'Launch analysis' }));
    expect(baseQuality.getAttribute('aria-invalid')).toBe('true');
    expect(description(baseQuality)).toContain('Minimum base quality is between 0 and 60.');
    expect(document.activeElement).toBe(baseQuality);
    expect(calls(`POST ${ws}/analyses`)).toHaveLength(0);

    await u.clear(baseQuality);
    await u.type(baseQuality, '12.5');
    await u.click(within(dialog).getByRole('button', { name: 'Launch analysis' }));
    expect(description(baseQuality)).toContain('Minimum base quality is a whole number.');

    await u.clear(baseQuality);
    await u.type(baseQuality, '30');
    await u.click(within(dialog).getByRole('button', { name: 'Launch analysis' }));
    await waitFor(() => expect(calls(`POST ${ws}/analyses`)).toHaveLength(1));
    const variantQuality = within(dialog).getByLabelText('Minimum variant quality (QUAL)');
    await waitFor(() => expect(variantQuality.getAttribute('aria-invalid')).toBe('true'));
    expect(description(variantQuality)).toContain('Minimum variant quality (QUAL) is between 0 and 1000 (got 999.5).');
    expect(baseQuality.getAttribute('aria-invalid')).toBeNull();
    expect(within(dialog).getByRole('alert').textContent).toContain('Check the highlighted fields and try again.');
  });

  it('shows the detail of a 503 (a tool missing on the server)', async () => {
    const detail = 'The pipeline Germline calling from FASTQ cannot run on this server: bwa is not installed.';
    mockFetch(analysesRoutes(WORKFLOW, {}, { [`POST ${ws}/analyses`]: () => problem(503, { title: 'Pipeline not available', detail }) }));
    renderApp(samplePath);
    const { u, dialog } = await openLaunchDialog();
    const picker = within(dialog).getByRole('combobox', { name: 'Workflow' });
    await within(picker).findByRole('option', { name: /Trio exome/ });
    await u.selectOptions(picker, trio.id);
    await u.click(within(dialog).getByRole('button', { name: 'Launch analysis' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain(detail);
  });

  it('asks which files to analyse when the server says the sample has several of a kind, and sends them as fileIds', async () => {
    let attempts = 0;
    const { calls } = mockFetch(
      analysesRoutes(WORKFLOW, {}, {
        [`POST ${ws}/analyses`]: () =>
          ++attempts === 1
            ? problem(400, { title: 'One or more validation errors occurred.', errors: { fileIds: ['The sample has 2 FASTQ read 1 files; choose one with fileIds.'] } })
            : json(202, { id: RUN_1, status: 'QUEUED' }),
      }),
    );
    renderApp(samplePath);
    const { u, dialog } = await openLaunchDialog();
    const picker = within(dialog).getByRole('combobox', { name: 'Workflow' });
    await within(picker).findByRole('option', { name: /Trio exome/ });
    await u.selectOptions(picker, trio.id);
    await u.click(within(dialog).getByRole('button', { name: 'Launch analysis' }));

    const inputs = await within(dialog).findByRole('group', { name: 'Input files' });
    expect(description(inputs)).toContain('The sample has 2 FASTQ read 1 files; choose one with fileIds.');
    await u.click(await within(inputs).findByRole('checkbox', { name: /NA12878_run2_R1\.fastq\.gz/ }));
    // The sample's FASTQ files, each with its read.
    expect(within(inputs).getAllByRole('checkbox').map((c) => c.closest('label')!.textContent)).toEqual([
      'NA12878_R1.fastq.gz (FASTQ, R1, 2 KiB)',
      'NA12878_run2_R1.fastq.gz (FASTQ, R1, 2 KiB)',
    ]);
    await u.click(within(dialog).getByRole('button', { name: 'Launch analysis' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(JSON.parse(calls(`POST ${ws}/analyses`)[1]!.body)).toEqual({ sampleIds: [S1], workflowId: WF_TRIO, fileIds: [FQ_2] });
  });
});
