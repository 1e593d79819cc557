import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PermissionKey } from '../../api/permissionKeys';
import { analysesRoutes, FASTA_1, GFF_1, org, REF_PREPARING, REF_READY, references, VCF_1 } from '../../test/analysisFixtures';
import { axeViolations } from '../../test/axe';
import { json, mockFetch, problem, type Handler } from '../../test/fetchMock';
import { statusMessage } from '../../test/helpers';
import { ALL_PERMISSIONS, ORG_ID, WS_EXOME } from '../../test/orgFixtures';
import { renderApp } from '../../test/render';
import { POLL_MS } from '../analyses/types';
import type { ReferenceBundle } from './api';

const path = `/orgs/${ORG_ID}/references`;
const ANALYST: PermissionKey[] = ['samples.view.assigned', 'analyses.launch.workflow'];

function routes(permissions: readonly PermissionKey[], extra: Record<string, Handler> = {}, list: ReferenceBundle[] = references) {
  return analysesRoutes(permissions, { references: list }, { [`GET ${org}/workspaces/${WS_EXOME}/files`]: () => json(200, []), ...extra });
}

function row(name: string): HTMLElement {
  return screen.getByRole('rowheader', { name: new RegExp(`^${name}`) }).closest('tr')!;
}

/** The text of the elements a control's aria-describedby points to. */
function description(element: HTMLElement): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

afterEach(() => {
  vi.useRealTimers();
});

describe('References page', () => {
  it('is in the organization navigation and lists bundles with their status, the reason of a failure; read only without references.manage', async () => {
    mockFetch(routes(ANALYST));
    renderApp(`/orgs/${ORG_ID}`);
    const u = userEvent.setup();

    await u.click(within(await screen.findByRole('navigation', { name: 'Organization' })).getByRole('link', { name: 'References' }));
    await screen.findByRole('table', { name: 'Reference bundles' });
    expect(within(row('Human next')).getByText('Preparing')).toBeTruthy();
    expect(within(row('Human broken')).getByText('Failed')).toBeTruthy();
    expect(within(row('Human broken')).getByText('The FASTA has no sequences.')).toBeTruthy();
    expect(within(row('Human reference')).getByText('Ready')).toBeTruthy();
    expect(within(row('Human reference')).getByText('3 files: genome, gene models, 1 annotation source')).toBeTruthy();
    expect(within(row('Human old')).getByText('Retired')).toBeTruthy();
    expect(screen.getByText('Adding and retiring reference bundles takes the permission to manage references.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Add reference bundle' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Retire/ })).toBeNull();
  });

  it('reads the list again while a bundle is being prepared, and stops once none is', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let list = references;
    const { calls } = mockFetch({ ...routes(ALL_PERMISSIONS), [`GET ${org}/references`]: () => json(200, list) });
    renderApp(path);

    await screen.findByRole('table', { name: 'Reference bundles' });
    expect(within(row('Human next')).getByText('Preparing')).toBeTruthy();
    list = references.map((b) => (b.id === REF_PREPARING ? { ...b, status: 'Ready', readyAt: '2025-02-01T11:00:00Z' } : b));
    await act(() => vi.advanceTimersByTimeAsync(POLL_MS + 100));
    await waitFor(() => expect(within(row('Human next')).getByText('Ready')).toBeTruthy());
    const settled = calls(`GET ${org}/references`).length;
    await act(() => vi.advanceTimersByTimeAsync(POLL_MS * 3));
    expect(calls(`GET ${org}/references`).length).toBe(settled);
  });

  it('adds a bundle from a workspace’s FASTA, GFF3 and VCF files', async () => {
    const created: ReferenceBundle = { ...references[2]!, id: 'new', name: 'Human', version: 'v2', status: 'Preparing', readyAt: null };
    const { calls } = mockFetch(routes(ALL_PERMISSIONS, { [`POST ${org}/references`]: () => json(202, created) }));
    renderApp(path);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Add reference bundle' }));
    const dialog = screen.getByRole('dialog', { name: 'Add reference bundle' });
    await u.click(within(dialog).getByRole('button', { name: 'Add bundle' }));
    expect(description(within(dialog).getByLabelText('Name'))).toContain('Enter a name for the bundle.');
    const genome = within(dialog).getByRole('combobox', { name: 'Genome (FASTA)' });
    expect(description(genome)).toContain('Choose the genome FASTA file.');
    expect(calls(`POST ${org}/references`)).toHaveLength(0);

    await u.type(within(dialog).getByLabelText('Name'), 'Human');
    await u.type(within(dialog).getByLabelText('Version'), 'v2');
    await u.type(within(dialog).getByLabelText('Genome build'), 'GRCh38');
    const workspace = within(dialog).getByRole('combobox', { name: 'Workspace' });
    expect(within(workspace).getAllByRole('option').map((o) => o.textContent)).toEqual(['Exome 2025', 'General']);
    expect(await within(dialog).findByText(/No FASTA file has been uploaded here yet/)).toBeTruthy();
    await u.selectOptions(workspace, 'General');
    await u.selectOptions(genome, await within(genome).findByRole('option', { name: 'GRCh38.fa.gz (2 KiB)' }));
    const genes = within(dialog).getByRole('combobox', { name: 'Gene models (GFF3, optional)' });
    await u.selectOptions(genes, await within(genes).findByRole('option', { name: 'genes.gff3 (2 KiB)' }));
    const annotations = within(dialog).getByRole('group', { name: 'Annotation sources (VCF, optional)' });
    await u.click(await within(annotations).findByRole('checkbox', { name: /dbsnp\.vcf\.gz/ }));
    await u.click(within(dialog).getByRole('button', { name: 'Add bundle' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(JSON.parse(calls(`POST ${org}/references`)[0]!.body)).toEqual({
      name: 'Human',
      version: 'v2',
      genomeBuild: 'GRCh38',
      genomeFileId: FASTA_1,
      geneModelsFileId: GFF_1,
      annotationFileIds: [VCF_1],
    });
    expect(statusMessage()).toBe('Reference bundle “Human v2 (GRCh38)” added; its genome is being prepared.');
  });

  it('shows a taken name and version next to the version, and a wrong file next to its picker', async () => {
    let attempt = 0;
    mockFetch(
      routes(ALL_PERMISSIONS, {
        [`POST ${org}/references`]: () =>
          ++attempt === 1
            ? problem(409, { title: 'Conflict', detail: 'The reference bundle Human v1 already exists; give the new one another version.' })
            : problem(400, { title: 'Invalid', errors: { genomeFileId: ['GRCh38.fa.gz is a vcf file; a fasta file is needed here.'] } }),
      }),
    );
    renderApp(path);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Add reference bundle' }));
    const dialog = screen.getByRole('dialog', { name: 'Add reference bundle' });
    await u.type(within(dialog).getByLabelText('Name'), 'Human');
    await u.type(within(dialog).getByLabelText('Version'), 'v1');
    await u.type(within(dialog).getByLabelText('Genome build'), 'GRCh38');
    await u.selectOptions(within(dialog).getByRole('combobox', { name: 'Workspace' }), 'General');
    const genome = within(dialog).getByRole('combobox', { name: 'Genome (FASTA)' });
    await u.selectOptions(genome, await within(genome).findByRole('option', { name: 'GRCh38.fa.gz (2 KiB)' }));
    await u.click(within(dialog).getByRole('button', { name: 'Add bundle' }));
    const version = within(dialog).getByLabelText('Version');
    await waitFor(() => expect(description(version)).toContain('already exists; give the new one another version.'));

    await u.click(within(dialog).getByRole('button', { name: 'Add bundle' }));
    await waitFor(() => expect(description(genome)).toContain('GRCh38.fa.gz is a vcf file; a fasta file is needed here.'));
  });

  it('retires a bundle after a confirmation', async () => {
    const { calls } = mockFetch(
      routes(ALL_PERMISSIONS, { [`POST ${org}/references/${REF_READY}/retire`]: () => json(200, { ...references[2], retiredAt: '2025-03-01T10:00:00Z' }) }),
    );
    renderApp(path);
    const u = userEvent.setup();

    await screen.findByRole('table', { name: 'Reference bundles' });
    expect(within(row('Human old')).queryByRole('button')).toBeNull();
    await u.click(within(row('Human reference')).getByRole('button', { name: 'Retire Human reference v1 (GRCh38)' }));
    const dialog = screen.getByRole('dialog', { name: 'Retire reference bundle' });
    expect(dialog.textContent).toContain('Runs that used it keep it.');
    await u.click(within(dialog).getByRole('button', { name: 'Retire bundle' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls(`POST ${org}/references/${REF_READY}/retire`)).toHaveLength(1);
    expect(statusMessage()).toBe('Reference bundle “Human reference v1 (GRCh38)” retired.');
  });

  it('has no axe violations, nor has its form', async () => {
    mockFetch(routes(ALL_PERMISSIONS));
    renderApp(path);
    const u = userEvent.setup();
    await screen.findByRole('table', { name: 'Reference bundles' });
    expect(await axeViolations()).toEqual([]);

    await u.click(screen.getByRole('button', { name: 'Add reference bundle' }));
    const dialog = screen.getByRole('dialog', { name: 'Add reference bundle' });
    await u.selectOptions(within(dialog).getByRole('combobox', { name: 'Workspace' }), 'General');
    await within(dialog).findByRole('checkbox', { name: /dbsnp/ });
    await u.click(within(dialog).getByRole('button', { name: 'Add bundle' }));
    await within(dialog).findByRole('alert');
    expect(await axeViolations('[role="dialog"]')).toEqual([]);
  });
});
