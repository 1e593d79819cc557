import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import type { BodyOf, JsonOf } from '../../api/types';
import { orgKeys } from '../organizations/keys';

type GeneListsPath = paths['/api/organizations/{orgId}/gene-lists'];
type GeneListPath = paths['/api/organizations/{orgId}/gene-lists/{geneListId}'];
type FilterSetsPath = paths['/api/organizations/{orgId}/filter-sets'];
type FilterSetPath = paths['/api/organizations/{orgId}/filter-sets/{filterSetId}'];

/** A named list of genes shared in the organization (a panel): distinct names, in the order given. */
export type GeneList = JsonOf<GeneListsPath['get']['responses'][200]>[number];
export type SaveGeneListRequest = BodyOf<GeneListsPath['post']>;
/** Shared, named variant filters (e.g. "Rare damaging"). */
export type FilterSet = JsonOf<FilterSetsPath['get']['responses'][200]>[number];
export type SaveFilterSetRequest = BodyOf<FilterSetsPath['post']>;
/**
 * The filters of a variant table, as filter sets (and saved searches) keep them: every key present, null when unused;
 * lists (genes, consequences, ClinVar words, classifications, zygosities) comma-separated.
 */
export type VariantFilterValues = FilterSet['filters'];

export const knowledgeKeys = {
  geneLists: (orgId: string) => [...orgKeys.org(orgId), 'gene-lists'] as const,
  filterSets: (orgId: string) => [...orgKeys.org(orgId), 'filter-sets'] as const,
};

// ---- Gene lists (every member reads them; variants.classify writes them) ----

/** The organization's gene lists, by name. */
export function useGeneLists(orgId: string, { enabled = true } = {}) {
  return useQuery({
    queryKey: knowledgeKeys.geneLists(orgId),
    queryFn: () => unwrap(api.GET('/api/organizations/{orgId}/gene-lists', { params: { path: { orgId } } })),
    enabled,
  });
}

function useGeneListsChanged(orgId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: knowledgeKeys.geneLists(orgId) });
}

export function useCreateGeneList(orgId: string) {
  const changed = useGeneListsChanged(orgId);
  return useMutation({
    mutationFn: (body: SaveGeneListRequest) => unwrap(api.POST('/api/organizations/{orgId}/gene-lists', { params: { path: { orgId } }, body })),
    onSuccess: changed,
  });
}

/** PUT: the name and the whole list of genes. */
export function useUpdateGeneList(orgId: string, geneListId: string) {
  const changed = useGeneListsChanged(orgId);
  return useMutation({
    mutationFn: (body: BodyOf<GeneListPath['put']>) =>
      unwrap(api.PUT('/api/organizations/{orgId}/gene-lists/{geneListId}', { params: { path: { orgId, geneListId } }, body })),
    onSuccess: changed,
  });
}

export function useDeleteGeneList(orgId: string) {
  const changed = useGeneListsChanged(orgId);
  return useMutation({
    mutationFn: (geneListId: string) =>
      unwrap(api.DELETE('/api/organizations/{orgId}/gene-lists/{geneListId}', { params: { path: { orgId, geneListId } } })),
    onSuccess: changed,
  });
}

// ---- Filter sets (every member reads them; variants.classify writes them) ----

/** The organization's shared filter sets, by name. */
export function useFilterSets(orgId: string, { enabled = true } = {}) {
  return useQuery({
    queryKey: knowledgeKeys.filterSets(orgId),
    queryFn: () => unwrap(api.GET('/api/organizations/{orgId}/filter-sets', { params: { path: { orgId } } })),
    enabled,
  });
}

function useFilterSetsChanged(orgId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: knowledgeKeys.filterSets(orgId) });
}

export function useCreateFilterSet(orgId: string) {
  const changed = useFilterSetsChanged(orgId);
  return useMutation({
    mutationFn: (body: SaveFilterSetRequest) => unwrap(api.POST('/api/organizations/{orgId}/filter-sets', { params: { path: { orgId } }, body })),
    onSuccess: changed,
  });
}

/** PUT: the name and every filter (a filter left out is cleared). */
export function useUpdateFilterSet(orgId: string, filterSetId: string) {
  const changed = useFilterSetsChanged(orgId);
  return useMutation({
    mutationFn: (body: BodyOf<FilterSetPath['put']>) =>
      unwrap(api.PUT('/api/organizations/{orgId}/filter-sets/{filterSetId}', { params: { path: { orgId, filterSetId } }, body })),
    onSuccess: changed,
  });
}

export function useDeleteFilterSet(orgId: string) {
  const changed = useFilterSetsChanged(orgId);
  return useMutation({
    mutationFn: (filterSetId: string) =>
      unwrap(api.DELETE('/api/organizations/{orgId}/filter-sets/{filterSetId}', { params: { path: { orgId, filterSetId } } })),
    onSuccess: changed,
  });
}
