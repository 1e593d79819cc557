import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { analysesRoutes, completeRun, org, OUT_VCF, REF_READY, run, RUN_2, RUN_SUB, runPath, S1, storedFile, ws } from '../../test/analysisFixtures';
import { mockFetch } from '../../test/fetchMock';
import { ALL_PERMISSIONS } from '../../test/orgFixtures';
import { renderApp } from '../../test/render';
import { browserPagePath, locusAround } from './browserConfig';

// igv draws on a canvas jsdom does not have: the page is tested up to what it hands igv (the browser e2e opens the real one).
const igv = vi.hoisted(() => ({ createBrowser: vi.fn(), removeBrowser: vi.fn() }));
vi.mock('igv', () => ({ default: igv }));

const BAM = '0190f0aa-0000-7000-8000-0000000001a1';
const BAI = '0190f0aa-0000-7000-8000-0000000001a2';
const TBI = '0190f0aa-0000-7000-8000-0000000001a3';
const SUB_VCF = '0190f0aa-0000-7000-8000-0000000001a4';
const SUB_TBI = '0190f0aa-0000-7000-8000-0000000001a5';
const ORG_ID = org.split('/').pop()!;
const WS_ID = ws.split('/').pop()!;

const vcf = storedFile(OUT_VCF, 'NA12878.vcf.gz', 'vcf', { sampleId: S1 });
const mainRun = {
  ...completeRun,
  outputs: [
    storedFile(BAM, 'NA12878.bam', 'bam', { sampleId: S1 }),
    storedFile(BAI, 'NA12878.bam.bai', 'other', { sampleId: S1 }),
    vcf,
    storedFile(TBI, 'NA12878.vcf.gz.tbi', 'other', { sampleId: S1 }),
    storedFile('0190f0aa-0000-7000-8000-0000000001a6', 'NA12878.flagstat.txt', 'other', { sampleId: S1 }),
  ],
};
const subRun = run(RUN_SUB, {
  parentId: RUN_2,
  kind: 'gene-list',
  pipeline: 'gene-list-filter',
  status: 'COMPLETE',
  outputs: [storedFile(SUB_VCF, 'panel.vcf.gz', 'vcf', { sampleId: S1 }), storedFile(SUB_TBI, 'panel.vcf.gz.tbi', 'other', { sampleId: S1 })],
});
const content = (id: string) => `${ws}/files/${id}/content`;

function openBrowser(runs: ReturnType<typeof run>[], analysisId: string, locus?: string) {
  const server = mockFetch(analysesRoutes(ALL_PERMISSIONS, { runs }));
  renderApp(browserPagePath(ORG_ID, WS_ID, analysisId, locus));
  return server;
}

beforeEach(() => {
  igv.createBrowser.mockReset().mockResolvedValue({ id: 'browser' });
  igv.removeBrowser.mockReset();
});

describe('Genome browser', () => {
  it("opens igv on the run's genome at the locus, with each indexed BAM and VCF read through the download route", async () => {
    openBrowser([mainRun], RUN_2, 'chr17:43045662-43045762');
    await screen.findByRole('heading', { level: 1, name: 'Genome browser' });
    await waitFor(() => expect(igv.createBrowser).toHaveBeenCalledTimes(1));
    const [element, options] = igv.createBrowser.mock.calls[0] as [HTMLElement, unknown];
    expect(element).toBe(screen.getByRole('region', { name: 'Genome browser (igv)' }));
    expect(options).toEqual({
      reference: {
        id: 'Human reference',
        name: 'Human reference v1 (GRCh38)',
        fastaURL: `${org}/references/${REF_READY}/genome`,
        indexURL: `${org}/references/${REF_READY}/genome-index`,
      },
      locus: 'chr17:43045662-43045762',
      tracks: [
        { type: 'alignment', format: 'bam', name: 'NA12878.bam', url: content(BAM), indexURL: content(BAI) },
        { type: 'variant', format: 'vcf', name: 'NA12878.vcf.gz', url: content(vcf.id), indexURL: content(TBI) },
      ],
      loadDefaultGenomes: false,
    });
    expect(screen.getByText('Human reference v1 (GRCh38) · NA12878.bam, NA12878.vcf.gz')).toBeTruthy();
    await waitFor(() => expect(document.title).toMatch(/^Genome browser · /));
  });

  it("shows a sub-analysis's VCF over its main analysis's reads", async () => {
    openBrowser([mainRun, subRun], RUN_SUB);
    await waitFor(() => expect(igv.createBrowser).toHaveBeenCalledTimes(1));
    const options = igv.createBrowser.mock.calls[0]?.[1] as { tracks: { name: string }[]; locus: string };
    expect(options.tracks.map((t) => t.name)).toEqual(['NA12878.bam', 'NA12878.vcf.gz', 'panel.vcf.gz']);
  });

  it('says when a run has nothing indexed to show, and shows the genome alone', async () => {
    openBrowser([completeRun], RUN_2);
    await waitFor(() => expect(igv.createBrowser).toHaveBeenCalledTimes(1));
    expect((igv.createBrowser.mock.calls[0]?.[1] as { tracks: unknown[] }).tracks).toEqual([]);
    expect(screen.getByText(/no indexed BAM or VCF that you may read; only the reference genome is shown/)).toBeTruthy();
  });

  it('offers no browser for a run without a reference bundle', async () => {
    openBrowser([{ ...completeRun, reference: null }], RUN_2);
    await screen.findByText(/was not made with a reference bundle/);
    expect(screen.queryByRole('region', { name: 'Genome browser (igv)' })).toBeNull();
    expect(igv.createBrowser).not.toHaveBeenCalled();
  });

  it("shows igv's failure (a genome still being prepared answers 409)", async () => {
    igv.createBrowser.mockRejectedValue(new Error('The reference bundle "Human reference" is preparing, not ready.'));
    openBrowser([mainRun], RUN_2);
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('The genome browser could not open')).toBeTruthy();
    expect(alert.textContent).toContain('is preparing, not ready');
  });

  it("is linked from a complete run's page", async () => {
    mockFetch(analysesRoutes(ALL_PERMISSIONS, { runs: [mainRun] }));
    renderApp(runPath(RUN_2));
    const link = await screen.findByRole('link', { name: 'Genome browser' });
    expect(link.getAttribute('href')).toBe(browserPagePath(ORG_ID, WS_ID, RUN_2));
  });

  it('centres a variant in a window of 101 bases', () => {
    expect(locusAround('chr17', 43045712)).toBe('chr17:43045662-43045762');
    expect(locusAround('chrM', 10)).toBe('chrM:1-60');
  });
});
