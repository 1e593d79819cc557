import { useSearchParams } from 'react-router';
import { CLASSIFICATIONS, FILTER_KEYS, filtersToSend, NO_FILTERS, splitList, ZYGOSITIES, type VariantFilterValues } from '../knowledge/filters';
import type { VariantListQuery } from './types';

/**
 * The variant table's filters as the page's query string keeps them (`?gene=BRCA1,BRCA2&consequence=missense&…`), so
 * that a filtered view can be shared, survives a reload, and Back returns to the previous filters: the filters a filter
 * set or saved search keeps (`values`, the shared VariantFilterFields edit them), and the filter set and saved search
 * they apply on top of.
 */
export interface VariantTableFilters {
  values: VariantFilterValues;
  filterSetId: string;
  savedSearchId: string;
}

export const NO_TABLE_FILTERS: VariantTableFilters = { values: NO_FILTERS, filterSetId: '', savedSearchId: '' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KNOWN_CLASSIFICATIONS: ReadonlySet<string> = new Set(CLASSIFICATIONS.map((c) => c.value));
const KNOWN_ZYGOSITIES: ReadonlySet<string> = new Set(ZYGOSITIES.map((z) => z.value));

/** The filters of a query string; a value that is not of its form (an edited link) is left out, not sent. */
export function variantFiltersOf(params: URLSearchParams): VariantTableFilters {
  const text = (name: string) => params.get(name)?.trim() || null;
  const number = (name: string) => {
    const v = text(name);
    return v !== null && Number.isFinite(Number(v)) ? Number(v) : null;
  };
  const list = (name: string, known: ReadonlySet<string>) => splitList(text(name)).filter((v) => known.has(v)).join(',') || null;
  const id = (name: string) => {
    const v = text(name) ?? '';
    return UUID.test(v) ? v : '';
  };
  const sort = text('sort');
  return {
    values: filtersToSend({
      gene: text('gene'),
      geneListId: id('geneListId') || null,
      consequence: text('consequence'),
      maxPopulationAf: number('maxPopulationAf'),
      clinicalSignificance: text('clinicalSignificance'),
      classification: list('classification', KNOWN_CLASSIFICATIONS),
      zygosity: list('zygosity', KNOWN_ZYGOSITIES),
      minQuality: number('minQuality'),
      minGq: number('minGq'),
      minDp: number('minDp'),
      region: text('region'),
      sort: sort === 'position' || sort === 'priority' ? sort : null,
    }),
    filterSetId: id('filterSetId'),
    savedSearchId: id('savedSearchId'),
  };
}

/** The query string of the filters: only what is set, in the filters' order, then the saved search and filter set. */
export function variantSearchParams(filters: VariantTableFilters): URLSearchParams {
  const params = new URLSearchParams();
  const values = filtersToSend(filters.values);
  for (const key of FILTER_KEYS) {
    const value = values[key];
    if (value !== null && value !== '') params.set(key, String(value));
  }
  if (filters.savedSearchId) params.set('savedSearchId', filters.savedSearchId);
  if (filters.filterSetId) params.set('filterSetId', filters.filterSetId);
  return params;
}

export function isFiltered(filters: VariantTableFilters): boolean {
  return variantSearchParams(filters).size > 0;
}

/** `base` with every value `over` sets on top (the server's VariantFilterValues.OverriddenBy). */
export function overriddenBy(base: VariantFilterValues, over: VariantFilterValues): VariantFilterValues {
  const result: VariantFilterValues = { ...NO_FILTERS, ...base };
  for (const key of FILTER_KEYS) {
    if (over[key] !== null && over[key] !== undefined) Object.assign(result, { [key]: over[key] });
  }
  return result;
}

/**
 * The filters in effect, as the server composes them: a saved search's, then a filter set's over it, then the table's
 * own on top. What "Save this search" keeps.
 */
export function effectiveFilterValues(
  filters: VariantTableFilters,
  filterSet: VariantFilterValues | undefined,
  savedSearch: VariantFilterValues | undefined,
): VariantFilterValues {
  let values = filtersToSend(filters.values);
  if (filterSet) values = overriddenBy(filterSet, values);
  if (savedSearch) values = overriddenBy(savedSearch, values);
  return values;
}

/** The request's query string for the filters (only what is set is sent). */
export function variantListQuery(filters: VariantTableFilters, cursor: string | null, limit: number): VariantListQuery {
  const v = filtersToSend(filters.values);
  const query: VariantListQuery = { limit };
  if (v.gene) query.gene = v.gene;
  if (v.geneListId) query.geneListId = v.geneListId;
  if (v.consequence) query.consequence = v.consequence;
  if (v.maxPopulationAf !== null) query.maxPopulationAf = v.maxPopulationAf;
  if (v.clinicalSignificance) query.clinicalSignificance = v.clinicalSignificance;
  if (v.classification) query.classification = v.classification;
  if (v.zygosity) query.zygosity = v.zygosity;
  if (v.minQuality !== null) query.minQuality = v.minQuality;
  if (v.minGq !== null) query.minGq = v.minGq;
  if (v.minDp !== null) query.minDp = v.minDp;
  if (v.region) query.region = v.region;
  if (v.sort) query.sort = v.sort;
  if (filters.filterSetId) query.filterSetId = filters.filterSetId;
  if (filters.savedSearchId) query.savedSearchId = filters.savedSearchId;
  if (cursor) query.cursor = cursor;
  return query;
}

/**
 * The filters kept in the URL. Applying or resetting adds a history entry (Back returns to the previous filters), as
 * following a link would.
 */
export function useVariantFilters() {
  const [params, setParams] = useSearchParams();
  const filters = variantFiltersOf(params);
  return {
    filters,
    /** The query string the filters were read from (a new one gives the panel fresh values). */
    search: params.toString(),
    isFiltered: isFiltered(filters),
    apply: (next: VariantTableFilters) => setParams(variantSearchParams(next)),
    reset: () => setParams(new URLSearchParams()),
  };
}
