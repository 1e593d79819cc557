import type { VariantFilterValues } from './api';
import { parseGenes } from './genes';

// The variant filters as the server reads them (src/Application/Variants/VariantQueries.cs, VariantFilterValues and its
// validator): the choices offered, the client checks, what is sent, and a one-line summary.

export type { VariantFilterValues };
export type FilterKey = keyof VariantFilterValues;
/** Messages per filter (the client's checks, or the server's `filters.<key>` errors without the prefix). */
export type FilterErrors = Partial<Record<FilterKey, readonly string[]>>;

export const FILTER_KEYS = [
  'gene',
  'geneListId',
  'consequence',
  'clinicalSignificance',
  'classification',
  'zygosity',
  'maxPopulationAf',
  'minQuality',
  'minGq',
  'minDp',
  'region',
  'sort',
] as const satisfies readonly FilterKey[];

/** No filter at all: every variant. */
export const NO_FILTERS: VariantFilterValues = {
  gene: null,
  geneListId: null,
  consequence: null,
  maxPopulationAf: null,
  clinicalSignificance: null,
  classification: null,
  zygosity: null,
  minQuality: null,
  minGq: null,
  minDp: null,
  region: null,
  sort: null,
};

export interface FilterOption {
  value: string;
  label: string;
}

/** The common bcftools csq consequence terms, most damaging first (a variant matches when its consequence contains one). */
export const CONSEQUENCES: readonly FilterOption[] = [
  'stop_gained',
  'frameshift',
  'splice_acceptor',
  'splice_donor',
  'start_lost',
  'stop_lost',
  'missense',
  'inframe_insertion',
  'inframe_deletion',
  'splice_region',
  'synonymous',
  'intron',
].map((term) => ({ value: term, label: term }));

/** The genotype of the analysis's (first) sample. */
export const ZYGOSITIES: readonly FilterOption[] = [
  { value: 'het', label: 'het (heterozygous)' },
  { value: 'hom_alt', label: 'hom_alt (homozygous alternate)' },
  { value: 'hemizygous', label: 'hemizygous' },
  { value: 'hom_ref', label: 'hom_ref (homozygous reference)' },
  { value: 'missing', label: 'missing (no call)' },
];

/** The organization's own classification of a variant (the five ACMG tiers), or none yet. */
export const CLASSIFICATIONS: readonly FilterOption[] = [
  { value: 'pathogenic', label: 'Pathogenic' },
  { value: 'likely-pathogenic', label: 'Likely pathogenic' },
  { value: 'uncertain', label: 'Uncertain significance' },
  { value: 'likely-benign', label: 'Likely benign' },
  { value: 'benign', label: 'Benign' },
  { value: 'unclassified', label: 'Not classified yet' },
];

export const SORTS: readonly FilterOption[] = [
  { value: 'position', label: 'Position in the genome' },
  { value: 'priority', label: 'Priority (highest first)' },
];

/** The server's limit on a filter set's name. */
export const FILTER_SET_NAME_MAX = 100;

/** The form field (and the server's error key) of a filter of a filter set: "filters.zygosity". */
export function filterField(key: FilterKey): `filters.${FilterKey}` {
  return `filters.${key}`;
}

/** Every key present (a filter set read from the server may leave unused ones out). */
export function filtersOf(filters: Partial<VariantFilterValues> | null | undefined): VariantFilterValues {
  return { ...NO_FILTERS, ...filters };
}

/** "missense, stop_gained" → ["missense", "stop_gained"]. */
export function splitList(list: string | null | undefined): string[] {
  return (list ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** ["missense", "stop_gained"] → "missense,stop_gained"; nothing → null (the filter is not used). */
export function joinList(items: readonly string[]): string | null {
  return items.length > 0 ? items.join(',') : null;
}

/** ClinVar spells its words with underscores: "likely pathogenic; benign" → likely_pathogenic, benign. */
function clinVarWords(text: string | null): string[] {
  return (text ?? '')
    .split(/[,;]+/)
    .map((word) => word.trim().replace(/\s+/g, '_'))
    .filter(Boolean);
}

function number(value: number | null): number | null {
  return value === null || !Number.isFinite(value) ? null : value;
}

/**
 * The filters to send: lists comma-separated (genes may also be separated by spaces or semicolons as typed), text
 * trimmed, empty values as null.
 */
export function filtersToSend(filters: VariantFilterValues): VariantFilterValues {
  return {
    gene: joinList(parseGenes(filters.gene ?? '').genes),
    geneListId: filters.geneListId || null,
    consequence: joinList(splitList(filters.consequence)),
    maxPopulationAf: number(filters.maxPopulationAf),
    clinicalSignificance: joinList(clinVarWords(filters.clinicalSignificance)),
    classification: joinList(splitList(filters.classification)),
    zygosity: joinList(splitList(filters.zygosity)),
    minQuality: number(filters.minQuality),
    minGq: number(filters.minGq),
    minDp: number(filters.minDp),
    region: filters.region?.trim() || null,
    sort: filters.sort || null,
  };
}

/** As the server reads a region: a chromosome, or chrom:start-end with 1 ≤ start ≤ end (thousands separators allowed). */
export function isRegion(text: string): boolean {
  const region = text.trim().replace(/,/g, '');
  const colon = region.lastIndexOf(':');
  if (colon < 0) return region.length > 0;
  const match = /^(\d+)-(\d+)$/.exec(region.slice(colon + 1));
  if (!match) return false;
  const start = Number(match[1]);
  const end = Number(match[2]);
  return start >= 1 && end >= start;
}

/**
 * The server's checks, before sending (it answers the same as `filters.<key>` errors). NaN stands for text that is not a
 * number. Plain arrays, so that the result can go to useFormErrors().validate as it is.
 */
export function checkFilters(filters: VariantFilterValues): Partial<Record<FilterKey, string[]>> {
  const errors: Partial<Record<FilterKey, string[]>> = {};
  const check = (key: FilterKey, value: number | null, label: string, ok: (n: number) => boolean, range: string) => {
    if (value === null) return;
    if (Number.isNaN(value)) errors[key] = [`${label} is a number.`];
    else if (!ok(value)) errors[key] = [`${label} is ${range}.`];
  };
  check('maxPopulationAf', filters.maxPopulationAf, 'Max population AF', (n) => n >= 0 && n <= 1, 'a frequency between 0 and 1, e.g. 0.01');
  check('minQuality', filters.minQuality, 'Min QUAL', (n) => n >= 0, '0 or more');
  check('minGq', filters.minGq, 'Min GQ', (n) => Number.isInteger(n) && n >= 0, 'a whole number, 0 or more');
  check('minDp', filters.minDp, 'Min DP', (n) => Number.isInteger(n) && n >= 0, 'a whole number, 0 or more');
  const region = filters.region?.trim();
  if (region && !isRegion(region)) errors.region = ['Enter a chromosome, or chrom:start-end with 1 ≤ start ≤ end (e.g. chr1:1000-2000).'];
  return errors;
}

/** "missense,stop_gained" → "missense, stop_gained". */
function listed(list: string | null): string {
  return splitList(list).join(', ');
}

/** At most `shown` names, then how many more: "BRCA1, BRCA2, TP53 +4 more". */
function some(items: readonly string[], shown = 3): string {
  return items.length > shown ? `${items.slice(0, shown).join(', ')} +${items.length - shown} more` : items.join(', ');
}

/**
 * A readable line of the filters in use, e.g. "missense, stop_gained · AF ≤ 0.01 · het". `geneListName` names the
 * filter's gene list: null when it no longer exists, undefined when it is not known (yet).
 */
export function describeFilters(input: VariantFilterValues, geneListName?: string | null): string {
  const f = filtersToSend(filtersOf(input));
  const parts: string[] = [];
  if (f.geneListId) parts.push(geneListName === null ? 'a gene list that no longer exists' : geneListName ? `gene list ${geneListName}` : 'a gene list');
  if (f.gene) parts.push(`${splitList(f.gene).length === 1 ? 'gene' : 'genes'} ${some(splitList(f.gene))}`);
  if (f.consequence) parts.push(listed(f.consequence));
  if (f.clinicalSignificance) parts.push(`ClinVar ${listed(f.clinicalSignificance)}`);
  if (f.classification) parts.push(`classification ${listed(f.classification)}`);
  if (f.maxPopulationAf !== null) parts.push(`AF ≤ ${f.maxPopulationAf}`);
  if (f.zygosity) parts.push(listed(f.zygosity));
  if (f.minQuality !== null) parts.push(`QUAL ≥ ${f.minQuality}`);
  if (f.minGq !== null) parts.push(`GQ ≥ ${f.minGq}`);
  if (f.minDp !== null) parts.push(`DP ≥ ${f.minDp}`);
  if (f.region) parts.push(`region ${f.region}`);
  if (f.sort === 'priority') parts.push('by priority');
  return parts.length > 0 ? parts.join(' · ') : 'No filters: every variant';
}
