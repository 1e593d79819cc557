import { vi } from 'vitest';
import type { PermissionKey } from '../api/permissionKeys';
import type { FilterSet, GeneList } from '../features/knowledge/api';
import type { Classification, SavedSearch, Variant, VariantDetail, VariantNote, VariantPage, VariantTag } from '../features/variants/types';
import { analysesRoutes, completeRun, org, RUN_2, runPath, ws } from './analysisFixtures';
import { json, type Handler } from './fetchMock';
import { ADA_ID, GRACE_ID } from './orgFixtures';

// Variants of the COMPLETE run (RUN_2) and the organization's knowledge of them, and a server holding them.

export const variantsPath = `${runPath(RUN_2)}/variants`;
export const variantPath = (id: number) => `${variantsPath}/${id}`;
export const variantsApi = `${ws}/analyses/${RUN_2}/variants`;
/** The API path of a key's knowledge: the key is URL-encoded (build:chrom:pos:ref:alt has colons). */
export const keyPath = (key: string) => encodeURIComponent(key);

export const GENE_LIST_CARDIO = '0190f0aa-0000-7000-8000-0000000000f1';
export const FILTER_SET_RARE = '0190f0aa-0000-7000-8000-0000000000f2';
export const SAVED_BRCA = '0190f0aa-0000-7000-8000-0000000000f3';
export const NOTE_MINE = '0190f0aa-0000-7000-8000-0000000000f4';
export const NOTE_GRACE = '0190f0aa-0000-7000-8000-0000000000f5';

const ada = { userId: ADA_ID, displayName: 'Ada Lovelace' };
const grace = { userId: GRACE_ID, displayName: 'Grace Hopper' };

export function variant(id: number, overrides: Partial<Variant> = {}): Variant {
  const position = 43_045_000 + id;
  return {
    id,
    key: `GRCh38:17:${position}:G:A`,
    chrom: '17',
    position,
    ref: 'G',
    alt: 'A',
    vcfId: null,
    quality: 812.4,
    filter: 'PASS',
    gene: 'BRCA1',
    consequence: 'missense',
    transcript: 'ENST00000357654',
    proteinChange: `p.Arg${id}His`,
    dnaChange: `c.${id}G>A`,
    clinVar: null,
    populationAf: 0.00012,
    priority: 1,
    calls: [{ sample: 'NA12878', gt: '0/1', zygosity: 'het', gq: 99, dp: 42, adRef: 20, adAlt: 22 }],
    classification: null,
    ...overrides,
  };
}

/** The first variant: pathogenic in ClinVar and for the organization, with two consequences. */
export const brca1 = variant(1, {
  key: 'GRCh38:17:43045712:G:A',
  position: 43_045_712,
  vcfId: 'rs80357906',
  consequence: 'stop_gained',
  proteinChange: 'p.Gln1756Ter',
  dnaChange: 'c.5266C>T',
  clinVar: 'Pathogenic',
  populationAf: 0.00003,
  classification: 'pathogenic',
});

export const tp53 = variant(2, {
  key: 'GRCh38:17:7675088:C:T',
  position: 7_675_088,
  ref: 'C',
  alt: 'T',
  gene: 'TP53',
  consequence: 'missense&splice_region',
  proteinChange: 'p.Arg175His',
  clinVar: 'Likely_pathogenic',
  calls: [{ sample: 'NA12878', gt: '1/1', zygosity: 'hom_alt', gq: 60, dp: 31, adRef: 0, adAlt: 31 }],
});

export function page(items: Variant[], overrides: Partial<VariantPage> = {}): VariantPage {
  return { items, nextCursor: null, total: items.length, totalCapped: false, annotation: 'Human reference v1', notice: null, ...overrides };
}

export const detail: VariantDetail = {
  variant: brca1,
  consequences: [
    { consequence: 'stop_gained', gene: 'BRCA1', transcript: 'ENST00000357654', biotype: 'protein_coding', strand: '-', proteinChange: 'p.Gln1756Ter', dnaChange: 'c.5266C>T' },
    { consequence: 'intron', gene: 'BRCA1', transcript: 'ENST00000471181', biotype: 'protein_coding', strand: '-', proteinChange: null, dnaChange: 'c.4096+1G>A' },
  ],
  analysisId: RUN_2,
  annotation: 'Human reference v1',
  genomeBuild: 'GRCh38',
};

export const classification: Classification = {
  key: brca1.key,
  classification: 'pathogenic',
  evidence: 'PVS1, PM2, PP5.',
  classifiedBy: ada,
  classifiedAt: '2025-03-05T10:00:00Z',
  history: [
    { classification: 'pathogenic', evidence: 'PVS1, PM2, PP5.', changedBy: ada, changedAt: '2025-03-05T10:00:00Z' },
    { classification: 'uncertain', evidence: 'Only PM2 so far.', changedBy: grace, changedAt: '2025-03-04T09:00:00Z' },
  ],
};

export const notes: VariantNote[] = [
  {
    id: NOTE_GRACE,
    key: brca1.key,
    text: 'Seen in the mother too.',
    author: grace,
    createdAt: '2025-03-04T09:30:00Z',
    editedAt: null,
    mine: false,
    revisions: [{ text: 'Seen in the mother too.', writtenAt: '2025-03-04T09:30:00Z' }],
  },
  {
    id: NOTE_MINE,
    key: brca1.key,
    text: 'Confirmed by Sanger sequencing.',
    author: ada,
    createdAt: '2025-03-05T11:00:00Z',
    editedAt: '2025-03-05T12:00:00Z',
    mine: true,
    revisions: [
      { text: 'Sanger sequencing requested.', writtenAt: '2025-03-05T11:00:00Z' },
      { text: 'Confirmed by Sanger sequencing.', writtenAt: '2025-03-05T12:00:00Z' },
    ],
  },
];

export const tags: VariantTag[] = [{ tag: 'reportable', addedBy: ada, addedAt: '2025-03-05T10:05:00Z' }];

export const geneLists: GeneList[] = [
  { id: GENE_LIST_CARDIO, name: 'Cardiomyopathy', genes: ['MYH7', 'MYBPC3', 'TNNT2'], updatedBy: ada, updatedAt: '2025-02-01T10:00:00Z' },
];

const noFilters = {
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

export const filterSets: FilterSet[] = [
  { id: FILTER_SET_RARE, name: 'Rare damaging', filters: { ...noFilters, maxPopulationAf: 0.01, consequence: 'stop_gained,frameshift' }, updatedBy: ada, updatedAt: '2025-02-01T10:00:00Z' },
];

export const savedSearches: SavedSearch[] = [
  { id: SAVED_BRCA, name: 'BRCA genes', filters: { ...noFilters, gene: 'BRCA1,BRCA2' }, annotation: 'Human reference v0', createdAt: '2025-02-20T10:00:00Z' },
];

/**
 * A server for the variant pages: the Analyses routes with the COMPLETE run RUN_2, its variants (`list` answers the
 * table; by default one page with brca1 and tp53), the first variant's detail and knowledge, gene lists, filter sets
 * and my saved searches. `extra` overrides any route.
 */
export function variantRoutes(
  permissions: readonly PermissionKey[],
  { list, extra = {} }: { list?: Handler; extra?: Record<string, Handler> } = {},
): Record<string, Handler> {
  const key = keyPath(brca1.key);
  return analysesRoutes(
    permissions,
    { runs: [completeRun] },
    {
      [`GET ${variantsApi}`]: list ?? (() => json(200, page([brca1, tp53]))),
      [`GET ${variantsApi}/${brca1.id}`]: () => json(200, detail),
      [`GET ${org}/classifications/${key}`]: () => json(200, classification),
      [`GET ${org}/variants/${key}/notes`]: () => json(200, notes),
      [`GET ${org}/variants/${key}/tags`]: () => json(200, tags),
      [`GET ${org}/gene-lists`]: () => json(200, geneLists),
      [`GET ${org}/filter-sets`]: () => json(200, filterSets),
      [`GET ${org}/saved-searches`]: () => json(200, savedSearches),
      ...extra,
    },
  );
}

/**
 * jsdom lays nothing out: give every element a height, so that the virtualised table has a box to fill (`height` px,
 * i.e. height / 44 rows plus those rendered around them) and room to scroll. Scrolling a box sets its scrollTop and
 * fires "scroll".
 */
export function giveLayout(height = 600) {
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(height);
  vi.spyOn(HTMLElement.prototype, 'scrollHeight', 'get').mockReturnValue(100_000);
  Object.defineProperty(HTMLElement.prototype, 'scrollTo', {
    configurable: true,
    writable: true,
    value(this: HTMLElement, options: ScrollToOptions) {
      if (typeof options.top === 'number') this.scrollTop = options.top;
      this.dispatchEvent(new Event('scroll'));
    },
  });
}

/** The query parameters of a recorded request ("/api/…?gene=BRCA1&limit=100" → { gene: 'BRCA1', limit: '100' }). */
export function queryOf(path: string): Record<string, string> {
  return Object.fromEntries(new URL(path, 'http://localhost').searchParams);
}
