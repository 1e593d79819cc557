import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { orgKeys } from '../organizations/keys';
import type {
  Assignee,
  AssignmentResult,
  AssignSamplesRequest,
  CreateSampleRequest,
  Sample,
  SampleFilters,
  SampleListQuery,
  SamplePage,
  Subject,
  SubjectReference,
} from './types';

export const SAMPLE_PAGE_SIZE = 50;
export const SUBJECT_SEARCH_LIMIT = 20;

const ws = (orgId: string, workspaceId: string) => ({ orgId, workspaceId });

/**
 * The query string of GET …/samples for the table's filters: only what is set is sent; "Assigned to me" is
 * `assignedTo=me`; the search is trimmed.
 */
export function sampleListQuery(filters: SampleFilters, cursor?: string | null, limit = SAMPLE_PAGE_SIZE): SampleListQuery {
  const search = filters.search.trim();
  return {
    limit,
    sort: filters.sort,
    ...(filters.assay ? { assay: filters.assay } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.assignedToMe ? { assignedTo: 'me' } : {}),
    ...(search ? { search } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

export function useAssays(orgId: string) {
  return useQuery({
    queryKey: orgKeys.assays(orgId),
    queryFn: () => unwrap(api.GET('/api/organizations/{orgId}/assays', { params: { path: { orgId } } })),
    staleTime: 60_000,
  });
}

/** Members who can enter the workspace, i.e. who samples there can be assigned to (needs samples.assign). */
export function useAssignableMembers(orgId: string, workspaceId: string, { enabled = true } = {}) {
  return useQuery({
    queryKey: [...orgKeys.samples(orgId, workspaceId), 'assignable-members'] as const,
    queryFn: () =>
      unwrap(
        api.GET('/api/organizations/{orgId}/workspaces/{workspaceId}/assignable-members', {
          params: { path: { orgId, workspaceId } },
        }),
      ),
    enabled,
    staleTime: 30_000,
  });
}

/** The Analyses table, a page at a time over the cursor. */
export function useSampleTable(orgId: string, workspaceId: string, filters: SampleFilters) {
  return useInfiniteQuery({
    queryKey: orgKeys.sampleTable(orgId, workspaceId, filters),
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) =>
      (await unwrap(
        api.GET('/api/organizations/{orgId}/workspaces/{workspaceId}/samples', {
          params: { path: ws(orgId, workspaceId), query: sampleListQuery(filters, pageParam) },
        }),
      )) as SamplePage,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useSample(orgId: string, workspaceId: string, sampleId: string) {
  return useQuery({
    queryKey: orgKeys.sample(orgId, workspaceId, sampleId),
    queryFn: async () =>
      (await unwrap(
        api.GET('/api/organizations/{orgId}/workspaces/{workspaceId}/samples/{sampleId}', {
          params: { path: { ...ws(orgId, workspaceId), sampleId } },
        }),
      )) as Sample,
  });
}

export function useSampleAssignees(orgId: string, workspaceId: string, sampleId: string, { enabled = true } = {}) {
  return useQuery({
    queryKey: orgKeys.sampleAssignees(orgId, workspaceId, sampleId),
    queryFn: (): Promise<Assignee[]> =>
      unwrap(
        api.GET('/api/organizations/{orgId}/workspaces/{workspaceId}/samples/{sampleId}/assignees', {
          params: { path: { ...ws(orgId, workspaceId), sampleId } },
        }),
      ),
    enabled,
  });
}

function useSamplesChanged(orgId: string, workspaceId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: orgKeys.workspaceData(orgId, workspaceId) });
}

export function useCreateSample(orgId: string, workspaceId: string) {
  const changed = useSamplesChanged(orgId, workspaceId);
  return useMutation({
    mutationFn: async (body: CreateSampleRequest) =>
      (await unwrap(
        api.POST('/api/organizations/{orgId}/workspaces/{workspaceId}/samples', { params: { path: ws(orgId, workspaceId) }, body }),
      )) as Sample,
    onSuccess: changed,
  });
}

export function useDeleteSample(orgId: string, workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (sampleId: string) =>
      unwrap(
        api.DELETE('/api/organizations/{orgId}/workspaces/{workspaceId}/samples/{sampleId}', {
          params: { path: { ...ws(orgId, workspaceId), sampleId } },
        }),
      ),
    // The sample goes to the workspace's trash: the tables, the subjects' sample lists and the trash change.
    onSuccess: (_r, sampleId) => {
      queryClient.removeQueries({ queryKey: orgKeys.sample(orgId, workspaceId, sampleId) });
      return queryClient.invalidateQueries({ queryKey: orgKeys.workspaceData(orgId, workspaceId) });
    },
  });
}

/** Bulk assignment: add, remove or replace people on many samples at once (all or nothing). */
export function useAssignSamples(orgId: string, workspaceId: string) {
  const changed = useSamplesChanged(orgId, workspaceId);
  return useMutation({
    mutationFn: (body: AssignSamplesRequest): Promise<AssignmentResult> =>
      unwrap(
        api.POST('/api/organizations/{orgId}/workspaces/{workspaceId}/samples/assignments', {
          params: { path: ws(orgId, workspaceId) },
          body,
        }),
      ),
    onSuccess: changed,
  });
}

/** Sets exactly who is assigned to one sample. */
export function useSetAssignees(orgId: string, workspaceId: string) {
  const changed = useSamplesChanged(orgId, workspaceId);
  return useMutation({
    mutationFn: ({ sampleId, userIds }: { sampleId: string; userIds: string[] }): Promise<Assignee[]> =>
      unwrap(
        api.PUT('/api/organizations/{orgId}/workspaces/{workspaceId}/samples/{sampleId}/assignees', {
          params: { path: { ...ws(orgId, workspaceId), sampleId } },
          body: { userIds },
        }),
      ),
    onSuccess: changed,
  });
}

/**
 * The workspace's subjects with their details, by external id search (the first SUBJECT_SEARCH_LIMIT). The server lists
 * every subject to holders of samples.view.all and otherwise only those of samples one can see, so "Define sample"
 * offers this list with samples.view.all only.
 */
export function useSubjects(orgId: string, workspaceId: string, search: string, { enabled = true } = {}) {
  return useQuery({
    queryKey: orgKeys.subjects(orgId, workspaceId, search),
    queryFn: async (): Promise<Subject[]> =>
      (
        await unwrap(
          api.GET('/api/organizations/{orgId}/workspaces/{workspaceId}/subjects', {
            params: { path: ws(orgId, workspaceId), query: { limit: SUBJECT_SEARCH_LIMIT, ...(search ? { search } : {}) } },
          }),
        )
      ).items,
    placeholderData: keepPreviousData,
    enabled,
  });
}

/**
 * Finds the subject with this exact external id (any case) for linking a new sample (samples.define): a 404 means
 * there is none. Works without samples.view.all, unlike the subject list; run on demand ("Find").
 */
export function useFindSubject(orgId: string, workspaceId: string) {
  return useMutation({
    mutationFn: (externalId: string): Promise<SubjectReference> =>
      unwrap(
        api.GET('/api/organizations/{orgId}/workspaces/{workspaceId}/subjects/lookup', {
          params: { path: ws(orgId, workspaceId), query: { externalId } },
        }),
      ),
  });
}
