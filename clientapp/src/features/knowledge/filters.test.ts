import { describe, expect, it } from 'vitest';
import { checkFilters, describeFilters, filtersToSend, isRegion, NO_FILTERS } from './filters';
import { checkGenes, firstGenes, geneCount, MAX_GENES, parseGenes } from './genes';

describe('parseGenes', () => {
  it('splits on commas, semicolons, spaces, tabs and new lines; keeps the first spelling of a repeated name', () => {
    expect(parseGenes(' BRCA1,BRCA2;;TP53\r\nATM\tchek2  brca1\n')).toEqual({ genes: ['BRCA1', 'BRCA2', 'TP53', 'ATM', 'chek2'], repeated: 1 });
    expect(parseGenes(' \n, ;')).toEqual({ genes: [], repeated: 0 });
  });
});

describe('checkGenes', () => {
  it('asks for at least one gene, at most MAX_GENES, names of at most 50 characters', () => {
    expect(checkGenes([])).toEqual(['Enter at least one gene.']);
    expect(checkGenes(['BRCA1'])).toEqual([]);
    const many = Array.from({ length: MAX_GENES + 1 }, (_, i) => `G${i}`);
    expect(checkGenes(many)).toEqual(['A gene list has at most 5,000 genes; this one has 5,001.']);
    expect(checkGenes(Array.from({ length: MAX_GENES }, (_, i) => `G${i}`))).toEqual([]);
    expect(checkGenes(['X'.repeat(51)])[0]).toContain('at most 50 characters');
  });

  it('counts and abbreviates', () => {
    expect(geneCount(1)).toBe('1 gene');
    expect(geneCount(1234)).toBe('1,234 genes');
    expect(firstGenes(['A', 'B', 'C'], 2)).toBe('A, B …');
    expect(firstGenes(['A', 'B'], 2)).toBe('A, B');
  });
});

describe('filtersToSend', () => {
  it('sends lists comma-separated, trimmed text, and null for what is empty', () => {
    expect(
      filtersToSend({
        ...NO_FILTERS,
        gene: ' TTN  lmna;FLNC ',
        geneListId: '',
        consequence: 'missense, stop_gained,',
        clinicalSignificance: ' likely  pathogenic ; benign',
        zygosity: '',
        region: '  ',
        minGq: 0,
        sort: '',
      }),
    ).toEqual({
      ...NO_FILTERS,
      gene: 'TTN,lmna,FLNC',
      consequence: 'missense,stop_gained',
      clinicalSignificance: 'likely_pathogenic,benign',
      minGq: 0,
    });
  });
});

describe('checkFilters', () => {
  it('mirrors the server: AF from 0 to 1, QUAL from 0, GQ and DP whole numbers from 0, a region it can read', () => {
    expect(checkFilters({ ...NO_FILTERS, maxPopulationAf: 0, minQuality: 0, minGq: 0, minDp: 5, region: 'chr1:1,000-2,000' })).toEqual({});
    expect(
      checkFilters({ ...NO_FILTERS, maxPopulationAf: 1.01, minQuality: -1, minGq: 2.5, minDp: Number.NaN, region: 'chr1:20-10' }),
    ).toEqual({
      maxPopulationAf: ['Max population AF is a frequency between 0 and 1, e.g. 0.01.'],
      minQuality: ['Min QUAL is 0 or more.'],
      minGq: ['Min GQ is a whole number, 0 or more.'],
      minDp: ['Min DP is a number.'],
      region: ['Enter a chromosome, or chrom:start-end with 1 ≤ start ≤ end (e.g. chr1:1000-2000).'],
    });
  });

  it('reads regions as the server does', () => {
    expect(isRegion('chrX')).toBe(true);
    expect(isRegion('chr1:1-1')).toBe(true);
    expect(isRegion('chr1:0-10')).toBe(false);
    expect(isRegion('chr1:100')).toBe(false);
    expect(isRegion('HLA-A*01:01:5-9')).toBe(true);
  });
});

describe('describeFilters', () => {
  it('sums the filters up in one line, in a fixed order', () => {
    expect(describeFilters({ ...NO_FILTERS, consequence: 'missense,stop_gained', maxPopulationAf: 0.01, zygosity: 'het' })).toBe(
      'missense, stop_gained · AF ≤ 0.01 · het',
    );
    expect(
      describeFilters(
        {
          ...NO_FILTERS,
          gene: 'TTN,LMNA,FLNC,DSP',
          geneListId: 'gl',
          clinicalSignificance: 'pathogenic',
          classification: 'uncertain,unclassified',
          minQuality: 30,
          minGq: 20,
          minDp: 10,
          region: 'chr1:1-100',
          sort: 'priority',
        },
        'Cardio',
      ),
    ).toBe(
      'gene list Cardio · genes TTN, LMNA, FLNC +1 more · ClinVar pathogenic · classification uncertain, unclassified · QUAL ≥ 30 · GQ ≥ 20 · DP ≥ 10 · region chr1:1-100 · by priority',
    );
  });

  it('says when the gene list is gone or not known yet, and when nothing filters', () => {
    expect(describeFilters({ ...NO_FILTERS, geneListId: 'gl' }, null)).toBe('a gene list that no longer exists');
    expect(describeFilters({ ...NO_FILTERS, geneListId: 'gl' })).toBe('a gene list');
    expect(describeFilters({ ...NO_FILTERS, sort: 'position' })).toBe('No filters: every variant');
  });
});
