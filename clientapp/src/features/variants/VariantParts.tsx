import { tierLabel, ZYGOSITY_LABELS, type Variant, type VariantCall } from './types';
import './variants.css';

// Small pieces a variant is shown with, in the table and on its page.

/** The organization's classification in a coloured badge; "Unclassified" when there is none. */
export function ClassificationBadge({ value }: { value: string | null | undefined }) {
  if (!value) return <span className="acmg acmg--none">Unclassified</span>;
  return <span className={`acmg acmg--${value}`}>{tierLabel(value)}</span>;
}

const positionFormat = new Intl.NumberFormat('en-US');

/** "17:43,045,712" (chrom as the VCF names it). */
export function formatPosition(variant: Pick<Variant, 'chrom' | 'position'>): string {
  return `${variant.chrom}:${positionFormat.format(variant.position)}`;
}

/** "G>A"; long alleles shortened ("GATTACA…(52 bp)>G"), the full text is in the title. */
export function formatAlleles(variant: Pick<Variant, 'ref' | 'alt'>, max = 12): string {
  const short = (allele: string) => (allele.length > max ? `${allele.slice(0, max)}…(${allele.length} bp)` : allele);
  return `${short(variant.ref)}>${short(variant.alt)}`;
}

/** A population allele frequency: "0.0123", "1.2e-5" when tiny, a dash when unknown. */
export function formatAf(af: number | null | undefined): string {
  if (af === null || af === undefined) return '—';
  if (af === 0) return '0';
  if (af < 0.0001) return af.toExponential(1);
  return String(Number(af.toPrecision(3)));
}

/** QUAL with one decimal; a dash when unknown. */
export function formatQuality(quality: number | null | undefined): string {
  return quality === null || quality === undefined ? '—' : String(Math.round(quality * 10) / 10);
}

/** "missense&splice_region" → "missense, splice_region". */
export function formatConsequence(consequence: string | null | undefined): string {
  return consequence ? consequence.split('&').join(', ') : '—';
}

/** "Likely_pathogenic" → "Likely pathogenic". */
export function formatClinVar(clinVar: string | null | undefined): string {
  return clinVar ? clinVar.replaceAll('_', ' ') : '—';
}

export function zygosityLabel(zygosity: string, short = false): string {
  const z = ZYGOSITY_LABELS.find((x) => x.value === zygosity);
  return z ? (short ? z.short : z.label) : zygosity;
}

/** "Het 0/1". */
export function formatCall(call: VariantCall): string {
  return `${zygosityLabel(call.zygosity, true)} ${call.gt}`;
}

/** A number or a dash. */
export function orDash(value: number | string | null | undefined): string {
  return value === null || value === undefined || value === '' ? '—' : String(value);
}

/** "G>A at 17:43,045,712" with the gene when known: how a variant is named in headings and labels. */
export function variantName(variant: Pick<Variant, 'chrom' | 'position' | 'ref' | 'alt' | 'gene'>): string {
  const where = `${formatPosition(variant)} ${formatAlleles(variant)}`;
  return variant.gene ? `${variant.gene} ${where}` : where;
}
