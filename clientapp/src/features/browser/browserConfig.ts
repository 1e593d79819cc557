import type { Analysis } from '../analyses/types';
import { fileContentUrl } from '../files/api';

type OutputFile = Analysis['outputs'][number];

/** One track for igv: a BAM with its .bai, or a bgzipped VCF with its .tbi (an index is what lets it read by Range). */
export type BrowserTrack = { name: string; url: string; indexURL: string } & (
  | { type: 'alignment'; format: 'bam' }
  | { type: 'variant'; format: 'vcf' }
);

export interface BrowserOptions {
  reference: { id: string; name: string; fastaURL: string; indexURL: string };
  locus: string;
  tracks: BrowserTrack[];
  /** igv would otherwise fetch its list of public genomes from igv.org: the page talks to this server only. */
  loadDefaultGenomes: false;
}

/** GET …/references/{id}/genome and …/genome-index: a Ready bundle's prepared genome, read with HTTP Range. */
export function genomeUrls(orgId: string, referenceId: string): { fastaURL: string; indexURL: string } {
  const base = `/api/organizations/${encodeURIComponent(orgId)}/references/${encodeURIComponent(referenceId)}`;
  return { fastaURL: `${base}/genome`, indexURL: `${base}/genome-index` };
}

/** /orgs/…/analyses/{id}/browser?locus=… */
export function browserPagePath(orgId: string, workspaceId: string, analysisId: string, locus?: string): string {
  const path = `/orgs/${orgId}/workspaces/${workspaceId}/analyses/${analysisId}/browser`;
  return locus ? `${path}?locus=${encodeURIComponent(locus)}` : path;
}

/** A window of 101 bases centred on a position (igv's locus syntax, 1-based). */
export function locusAround(chrom: string, position: number, flank = 50): string {
  return `${chrom}:${Math.max(1, position - flank)}-${position + flank}`;
}

/**
 * The tracks the runs' outputs allow: each BAM and each bgzipped VCF that has its index among the same outputs (igv
 * reads them by Range through the files' download route, which checks who may read them and audits each read).
 */
export function tracksOf(orgId: string, workspaceId: string, outputs: readonly OutputFile[]): BrowserTrack[] {
  const byName = new Map(outputs.map((f) => [f.name, f]));
  const tracks: BrowserTrack[] = [];
  for (const file of outputs) {
    const kind = file.name.endsWith('.bam') ? 'bam' : file.name.endsWith('.vcf.gz') ? 'vcf' : null;
    if (!kind) continue;
    const index = byName.get(`${file.name}${kind === 'bam' ? '.bai' : '.tbi'}`);
    if (!index) continue;
    const where = { name: file.name, url: fileContentUrl(orgId, workspaceId, file.id), indexURL: fileContentUrl(orgId, workspaceId, index.id) };
    tracks.push(kind === 'bam' ? { type: 'alignment', format: 'bam', ...where } : { type: 'variant', format: 'vcf', ...where });
  }
  return tracks;
}

/**
 * What igv opens for a run: its reference bundle's genome, the run's own tracks and (for a sub-analysis) its main
 * analysis's where I may read them; null when the run has no reference bundle (nothing to draw against).
 */
export function browserOptions(orgId: string, workspaceId: string, run: Analysis, main: Analysis | undefined, locus: string | null): BrowserOptions | null {
  if (!run.reference) return null;
  const reference = run.reference;
  const seen = new Set<string>();
  const tracks = [...tracksOf(orgId, workspaceId, main?.outputs ?? []), ...tracksOf(orgId, workspaceId, run.outputs)].filter((t) =>
    seen.has(t.url) ? false : (seen.add(t.url), true),
  );
  return {
    // igv shows the id in its toolbar: the bundle's name, not its GUID.
    reference: { id: reference.name, name: `${reference.name} ${reference.version} (${reference.genomeBuild})`, ...genomeUrls(orgId, reference.id) },
    // Without a locus igv opens the first contig: a whole chromosome of reads is slow to draw.
    locus: locus ?? '',
    tracks,
    loadDefaultGenomes: false,
  };
}
