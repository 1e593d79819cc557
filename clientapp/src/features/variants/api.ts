import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { orgKeys } from '../organizations/keys';
import type { ClassifyRequest, SaveSearchRequest, VariantNote } from './types';
import { variantListQuery, type VariantTableFilters } from './useVariantFilters';

/** Rows asked for per page ("Load more" asks for the next ones after the cursor). */
export const VARIANT_PAGE_SIZE = 100;

/**
 * Query keys. An analysis's variants live under the workspace's data (deleting or restoring a sample refreshes them),
 * apart from its run (which is re-read while it changes). The knowledge of a variant key (classification, notes, tags)
 * and my saved searches belong to the organization (gene lists and filter sets: features/knowledge).
 */
export const variantKeys = {
  table: (orgId: string, workspaceId: string, analysisId: string, filters: VariantTableFilters) =>
    [...orgKeys.workspaceData(orgId, workspaceId), 'variants', analysisId, 'table', filters] as const,
  one: (orgId: string, workspaceId: string, analysisId: string, variantId: string) =>
    [...orgKeys.workspaceData(orgId, workspaceId), 'variants', analysisId, 'one', variantId] as const,
  classification: (orgId: string, key: string) => [...orgKeys.org(orgId), 'variant-knowledge', key, 'classification'] as const,
  notes: (orgId: string, key: string) => [...orgKeys.org(orgId), 'variant-knowledge', key, 'notes'] as const,
  tags: (orgId: string, key: string) => [...orgKeys.org(orgId), 'variant-knowledge', key, 'tags'] as const,
  savedSearches: (orgId: string) => [...orgKeys.org(orgId), 'saved-searches'] as const,
};

/** Every variant table and detail of the organization (a classification shows on each of them). */
function invalidateVariantData(queryClient: QueryClient, orgId: string) {
  return queryClient.invalidateQueries({
    predicate: (q) => q.queryKey[0] === 'orgs' && q.queryKey[1] === orgId && q.queryKey[2] === 'ws' && q.queryKey[4] === 'variants',
  });
}

const analysisPath = (orgId: string, workspaceId: string, analysisId: string) => ({ orgId, workspaceId, analysisId });

/**
 * The variant table, a page at a time over the cursor (keyset paging: the rows of "Load more" are appended). Each read
 * of variants is a read of patient data the server audits: the pages are not read again when the window regains focus,
 * only when the filters change or the data is known to have changed.
 */
export function useVariantTable(orgId: string, workspaceId: string, analysisId: string, filters: VariantTableFilters) {
  return useInfiniteQuery({
    queryKey: variantKeys.table(orgId, workspaceId, analysisId, filters),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/organizations/{orgId}/workspaces/{workspaceId}/analyses/{analysisId}/variants', {
          params: { path: analysisPath(orgId, workspaceId, analysisId), query: variantListQuery(filters, pageParam, VARIANT_PAGE_SIZE) },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
    refetchOnWindowFocus: false,
  });
}

/** One variant with every consequence and its calls (audited like the table). */
export function useVariant(orgId: string, workspaceId: string, analysisId: string, variantId: string) {
  return useQuery({
    queryKey: variantKeys.one(orgId, workspaceId, analysisId, variantId),
    queryFn: () =>
      unwrap(
        api.GET('/api/organizations/{orgId}/workspaces/{workspaceId}/analyses/{analysisId}/variants/{variantId}', {
          params: { path: { ...analysisPath(orgId, workspaceId, analysisId), variantId: Number(variantId) } },
        }),
      ),
    enabled: /^\d+$/.test(variantId),
    staleTime: 5 * 60_000,
    refetchOnWindowFocus: false,
  });
}

// The knowledge of a variant key. openapi-fetch encodes path parameters, so the key (build:chrom:pos:ref:alt) is given as it is.
const keyPath = (orgId: string, variantKey: string) => ({ params: { path: { orgId, variantKey } } });

/** The organization's classification of the key with its whole history (newest first); every member may read it. */
export function useClassification(orgId: string, variantKey: string, { enabled = true } = {}) {
  return useQuery({
    queryKey: variantKeys.classification(orgId, variantKey),
    queryFn: () => unwrap(api.GET('/api/organizations/{orgId}/classifications/{variantKey}', keyPath(orgId, variantKey))),
    enabled: enabled && !!variantKey,
  });
}

/** PUT …/classifications/{key} (variants.classify): the earlier classification goes to the history. */
export function useClassify(orgId: string, variantKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ClassifyRequest) => unwrap(api.PUT('/api/organizations/{orgId}/classifications/{variantKey}', { ...keyPath(orgId, variantKey), body })),
    onSuccess: (classification) => {
      queryClient.setQueryData(variantKeys.classification(orgId, variantKey), classification);
      // The tables show the classification of each row (and filter on it).
      return invalidateVariantData(queryClient, orgId);
    },
  });
}

/** Notes on the key, oldest first, each with every text it had. */
export function useVariantNotes(orgId: string, variantKey: string, { enabled = true } = {}) {
  return useQuery({
    queryKey: variantKeys.notes(orgId, variantKey),
    queryFn: () => unwrap(api.GET('/api/organizations/{orgId}/variants/{variantKey}/notes', keyPath(orgId, variantKey))),
    enabled: enabled && !!variantKey,
  });
}

function useNotesChanged(orgId: string, variantKey: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: variantKeys.notes(orgId, variantKey) });
}

/** POST a note (any member). */
export function useAddNote(orgId: string, variantKey: string) {
  const changed = useNotesChanged(orgId, variantKey);
  return useMutation({
    mutationFn: (text: string) => unwrap(api.POST('/api/organizations/{orgId}/variants/{variantKey}/notes', { ...keyPath(orgId, variantKey), body: { text } })),
    onSuccess: changed,
  });
}

/** PATCH my note (its earlier text is kept; another member's note → 403). */
export function useEditNote(orgId: string, variantKey: string) {
  const changed = useNotesChanged(orgId, variantKey);
  return useMutation({
    mutationFn: ({ note, text }: { note: VariantNote; text: string }) =>
      unwrap(api.PATCH('/api/organizations/{orgId}/notes/{noteId}', { params: { path: { orgId, noteId: note.id } }, body: { text } })),
    onSuccess: changed,
  });
}

/** DELETE my note (another member's → 403). */
export function useDeleteNote(orgId: string, variantKey: string) {
  const changed = useNotesChanged(orgId, variantKey);
  return useMutation({
    mutationFn: (note: VariantNote) => unwrap(api.DELETE('/api/organizations/{orgId}/notes/{noteId}', { params: { path: { orgId, noteId: note.id } } })),
    onSuccess: changed,
  });
}

/** The organization's tags on the key, with who added each. */
export function useVariantTags(orgId: string, variantKey: string, { enabled = true } = {}) {
  return useQuery({
    queryKey: variantKeys.tags(orgId, variantKey),
    queryFn: () => unwrap(api.GET('/api/organizations/{orgId}/variants/{variantKey}/tags', keyPath(orgId, variantKey))),
    enabled: enabled && !!variantKey,
  });
}

/** PUT the whole list of tags (variants.classify). */
export function useSetTags(orgId: string, variantKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tags: string[]) => unwrap(api.PUT('/api/organizations/{orgId}/variants/{variantKey}/tags', { ...keyPath(orgId, variantKey), body: { tags } })),
    onSuccess: (tags) => queryClient.setQueryData(variantKeys.tags(orgId, variantKey), tags),
  });
}

/** My saved searches in the organization. */
export function useSavedSearches(orgId: string) {
  return useQuery({
    queryKey: variantKeys.savedSearches(orgId),
    queryFn: () => unwrap(api.GET('/api/organizations/{orgId}/saved-searches', { params: { path: { orgId } } })),
    staleTime: 60_000,
  });
}

/** POST a saved search (pinned to the analysis's annotation when the analysis is given). */
export function useSaveSearch(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveSearchRequest) => unwrap(api.POST('/api/organizations/{orgId}/saved-searches', { params: { path: { orgId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: variantKeys.savedSearches(orgId) }),
  });
}

export function useDeleteSavedSearch(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (savedSearchId: string) =>
      unwrap(api.DELETE('/api/organizations/{orgId}/saved-searches/{savedSearchId}', { params: { path: { orgId, savedSearchId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: variantKeys.savedSearches(orgId) }),
  });
}

/** Where an analysis's variant table lives in the app. */
export function variantsPagePath(orgId: string, workspaceId: string, analysisId: string): string {
  return `/orgs/${orgId}/workspaces/${workspaceId}/analyses/${analysisId}/variants`;
}

export function variantPagePath(orgId: string, workspaceId: string, analysisId: string, variantId: number | string): string {
  return `${variantsPagePath(orgId, workspaceId, analysisId)}/${variantId}`;
}
