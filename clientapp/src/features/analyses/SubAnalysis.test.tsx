import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PermissionKey } from '../../api/permissionKeys';
import { analysesRoutes, completeRun, org, RUN_1, RUN_2, RUN_SUB, run, runPath, samplePath, ws } from '../../test/analysisFixtures';
import { axeViolations } from '../../test/axe';
import { json, mockFetch, problem, type Handler } from '../../test/fetchMock';
import { statusMessage } from '../../test/helpers';
import { ALL_PERMISSIONS, ORG_ID, WS_EXOME } from '../../test/orgFixtures';
import { renderApp } from '../../test/render';

const SUB_ONLY: PermissionKey[] = ['samples.view.all', 'analyses.launch.sub'];
const WITHOUT_SUB = ALL_PERMISSIONS.filter((p) => p !== 'analyses.launch.sub');
const GENES = 'Genes (symbols or ids, separated by commas or spaces)';
const subRun = run(RUN_SUB, {
  parentId: RUN_2,
  kind: 'gene-list',
  pipeline: 'gene-list-filter',
  status: 'QUEUED',
  parameters: { reference: completeRun.reference!.id, genes: 'vmA1, vmC3' },
});

// The run page is a lazily loaded route: load it once before the tests, so that the first one does not time the module
// transform on a busy machine (see Samples.test.tsx).
beforeAll(async () => {
  await import('./RunPage');
});

/** The text of the elements a control's aria-describedby points to. */
function description(element: HTMLElement): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

function routes(permissions: readonly PermissionKey[], launch?: Handler) {
  return analysesRoutes(permissions, { runs: [completeRun, subRun, run(RUN_1)] }, launch ? { [`POST ${ws}/analyses/${RUN_2}/sub-analyses`]: launch } : {});
}

async function openDialog() {
  const u = userEvent.setup();
  await u.click(await screen.findByRole('button', { name: 'Launch sub-analysis' }));
  return { u, dialog: screen.getByRole('dialog', { name: 'Launch a sub-analysis' }) };
}

describe('Launch sub-analysis: who and where', () => {
  it('is offered on a COMPLETE main analysis with analyses.launch.sub alone (no launch right needed)', async () => {
    mockFetch(routes(SUB_ONLY));
    renderApp(runPath(RUN_2));
    await screen.findByRole('heading', { level: 1, name: 'Germline calling from FASTQ' });
    expect(await screen.findByRole('button', { name: 'Launch sub-analysis' })).toBeTruthy();
  });

  it('is not offered without analyses.launch.sub', async () => {
    mockFetch(routes(WITHOUT_SUB));
    renderApp(runPath(RUN_2));
    // The permissions are known once "Edit assignees" (samples.assign) shows.
    await screen.findByRole('button', { name: 'Edit assignees' });
    expect(screen.queryByRole('button', { name: 'Launch sub-analysis' })).toBeNull();
  });

  it('is not offered on a main analysis that is not COMPLETE', async () => {
    mockFetch(routes(ALL_PERMISSIONS));
    renderApp(runPath(RUN_1));
    await screen.findByRole('button', { name: 'Cancel run' });
    expect(screen.queryByRole('button', { name: 'Launch sub-analysis' })).toBeNull();
  });

  it('is not offered on a sub-analysis, which links to its main analysis instead', async () => {
    const complete = { ...subRun, status: 'COMPLETE' };
    mockFetch({ ...routes(ALL_PERMISSIONS), [`GET ${ws}/analyses/${RUN_SUB}`]: () => json(200, complete) });
    renderApp(runPath(RUN_SUB));
    await screen.findByRole('heading', { level: 1, name: 'Gene-list filter (sub-analysis)' });
    await screen.findByRole('button', { name: 'Edit assignees' });
    expect(screen.queryByRole('button', { name: 'Launch sub-analysis' })).toBeNull();
    const summary = screen.getByRole('region', { name: 'Summary' });
    const link = await within(summary).findByRole('link', { name: 'Germline calling from FASTQ' });
    expect(link.getAttribute('href')).toBe(runPath(RUN_2));
    expect(link.closest('div')!.querySelector('dt')!.textContent).toBe('Sub-analysis of');
  });
});

describe('Launch sub-analysis dialog', () => {
  it('offers the sub-analysis kinds, the main analysis’s bundle read only, and sends {kind, parameters: {genes}} without reference', async () => {
    const { calls } = mockFetch(routes(SUB_ONLY, () => json(202, { id: RUN_SUB, status: 'QUEUED' })));
    renderApp(runPath(RUN_2));
    const { u, dialog } = await openDialog();

    const kinds = within(dialog).getByRole('group', { name: 'Kind of sub-analysis' });
    const radios = within(kinds).getAllByRole('radio') as HTMLInputElement[];
    expect(radios.map((r) => r.closest('label')!.textContent)).toEqual(['Gene-list filter (sub-analysis)']);
    expect(radios[0]!.checked).toBe(true);
    // The reference is not a field: it is the main analysis's.
    expect(within(dialog).queryByRole('combobox')).toBeNull();
    const reference = within(dialog).getByText("Reference bundle (the main analysis's)");
    expect(reference.closest('div')!.querySelector('dd')!.textContent).toBe('Human reference v1 (GRCh38)');

    await u.type(within(dialog).getByLabelText(GENES), 'vmA1, vmC3');
    await u.click(within(dialog).getByRole('button', { name: 'Launch sub-analysis' }));
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe(runPath(RUN_SUB)));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(JSON.parse(calls(`POST ${ws}/analyses/${RUN_2}/sub-analyses`)[0]!.body)).toEqual({ kind: 'gene-list', parameters: { genes: 'vmA1, vmC3' } });
    expect(statusMessage()).toBe('Sub-analysis of “Germline calling from FASTQ” launched.');
    // The new run's page, which leads back to the main analysis.
    expect(await screen.findByRole('heading', { level: 1, name: 'Gene-list filter (sub-analysis)' })).toBeTruthy();
    expect((await screen.findByRole('link', { name: 'Germline calling from FASTQ' })).getAttribute('href')).toBe(runPath(RUN_2));
  });

  it('checks the declared pattern before sending, and shows a 400 on parameters.genes next to the field', async () => {
    const message = 'No gene named vmZZ9 in the gene models of Human reference v1.';
    const { calls } = mockFetch(
      routes(SUB_ONLY, () => problem(400, { title: 'One or more validation errors occurred.', errors: { 'parameters.genes': [message] } })),
    );
    renderApp(runPath(RUN_2));
    const { u, dialog } = await openDialog();
    const genes = within(dialog).getByLabelText(GENES);

    // Required, then the pattern: nothing is sent.
    await u.click(within(dialog).getByRole('button', { name: 'Launch sub-analysis' }));
    expect(description(genes)).toContain(`${GENES} is required.`);
    await u.type(genes, 'vmA1 && rm -rf /');
    await u.click(within(dialog).getByRole('button', { name: 'Launch sub-analysis' }));
    expect(genes.getAttribute('aria-invalid')).toBe('true');
    expect(description(genes)).toContain('is not in the expected form.');
    expect(document.activeElement).toBe(genes);
    expect(calls(`POST ${ws}/analyses/${RUN_2}/sub-analyses`)).toHaveLength(0);

    await u.clear(genes);
    await u.type(genes, 'vmZZ9');
    await u.click(within(dialog).getByRole('button', { name: 'Launch sub-analysis' }));
    await waitFor(() => expect(description(genes)).toContain(message));
    expect(genes.getAttribute('aria-invalid')).toBe('true');
    expect(within(dialog).getByRole('alert').textContent).toContain('Check the highlighted fields and try again.');
    expect(screen.getByTestId('location').textContent).toBe(runPath(RUN_2));
  });

  it('shows the detail of a 409 (the analysis is not complete) in the dialog’s alert', async () => {
    const detail = 'A sub-analysis needs a COMPLETE analysis; this one is RUNNING.';
    mockFetch(routes(SUB_ONLY, () => problem(409, { title: 'Conflict', detail })));
    renderApp(runPath(RUN_2));
    const { u, dialog } = await openDialog();
    await u.type(within(dialog).getByLabelText(GENES), 'vmA1');
    await u.click(within(dialog).getByRole('button', { name: 'Launch sub-analysis' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain(detail);
  });

  it('has no axe violations, with errors shown', async () => {
    mockFetch(routes(ALL_PERMISSIONS, () => problem(400, { title: 'One or more validation errors occurred.', errors: { 'parameters.genes': ['Unknown gene.'] } })));
    renderApp(runPath(RUN_2));
    const { u, dialog } = await openDialog();
    expect(await axeViolations('[role="dialog"]')).toEqual([]);
    await u.type(within(dialog).getByLabelText(GENES), 'vmQ');
    await u.click(within(dialog).getByRole('button', { name: 'Launch sub-analysis' }));
    await within(dialog).findByText('Unknown gene.');
    expect(await axeViolations('[role="dialog"]')).toEqual([]);
  });
});

describe('Sub-analysis pipelines elsewhere', () => {
  it('are not offered in the launch dialog of a sample', async () => {
    mockFetch(analysesRoutes(ALL_PERMISSIONS));
    renderApp(samplePath);
    const u = userEvent.setup();
    await u.click(await screen.findByRole('button', { name: 'Launch analysis' }));
    const dialog = screen.getByRole('dialog', { name: 'Launch an analysis on “NA12878”' });
    await u.click(within(dialog).getByRole('radio', { name: 'Choose a pipeline' }));
    const pipelines = within(dialog).getByRole('group', { name: 'Pipeline' });
    await within(pipelines).findByRole('radio', { name: 'Germline calling from FASTQ' });
    expect(within(pipelines).getAllByRole('radio').map((r) => r.closest('label')!.textContent)).toEqual(['Germline calling from FASTQ', 'VCF intake']);
  });

  it('are not offered in the workflow form', async () => {
    mockFetch(analysesRoutes(ALL_PERMISSIONS, {}, { [`GET ${org}/workspaces/${WS_EXOME}/files`]: () => json(200, []) }));
    renderApp(`/orgs/${ORG_ID}/workflows`);
    const u = userEvent.setup();
    await u.click(await screen.findByRole('button', { name: 'New workflow' }));
    const pipeline = within(screen.getByRole('dialog', { name: 'New workflow' })).getByRole('combobox', { name: 'Pipeline' });
    expect(within(pipeline).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Choose a pipeline',
      'Germline calling from FASTQ',
      'VCF intake (not available on this server yet)',
    ]);
  });
});
