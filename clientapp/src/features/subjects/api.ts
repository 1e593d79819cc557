import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { orgKeys } from '../organizations/keys';
import type { Subject, SubjectDetail, SubjectListQuery, SubjectPage, UpdateSubjectRequest } from './types';

export const SUBJECT_PAGE_SIZE = 50;

/** Under the workspace's data (orgKeys.workspaceData), so that any change to samples or subjects refreshes them. */
export const subjectKeys = {
  all: (orgId: string, workspaceId: string) => [...orgKeys.workspaceData(orgId, workspaceId), 'subjects'] as const,
  table: (orgId: string, workspaceId: string, search: string) => [...subjectKeys.all(orgId, workspaceId), 'table', { search }] as const,
  one: (orgId: string, workspaceId: string, subjectId: string) => [...subjectKeys.all(orgId, workspaceId), 'one', subjectId] as const,
};

/** The query string of GET …/subjects: the trimmed search only when there is one, and the cursor of the next page. */
export function subjectListQuery(search: string, cursor?: string | null, limit = SUBJECT_PAGE_SIZE): SubjectListQuery {
  const term = search.trim();
  return { limit, ...(term ? { search: term } : {}), ...(cursor ? { cursor } : {}) };
}

/** The subject list of a workspace by external id, a page at a time over the cursor (the API gives no total). */
export function useSubjectTable(orgId: string, workspaceId: string, search: string, { enabled = true } = {}) {
  return useInfiniteQuery({
    queryKey: subjectKeys.table(orgId, workspaceId, search),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }): Promise<SubjectPage> =>
      unwrap(
        api.GET('/api/organizations/{orgId}/workspaces/{workspaceId}/subjects', {
          params: { path: { orgId, workspaceId }, query: subjectListQuery(search, pageParam) },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** One subject with the samples of it I may see (404 when I may see neither it nor any of its samples). */
export function useSubjectDetail(orgId: string, workspaceId: string, subjectId: string) {
  return useQuery({
    queryKey: subjectKeys.one(orgId, workspaceId, subjectId),
    queryFn: async () =>
      (await unwrap(
        api.GET('/api/organizations/{orgId}/workspaces/{workspaceId}/subjects/{subjectId}', {
          params: { path: { orgId, workspaceId, subjectId } },
        }),
      )) as SubjectDetail,
  });
}

/** Edits a subject (samples.define). Sample rows show the external id, so the whole workspace's data is refreshed. */
export function useUpdateSubject(orgId: string, workspaceId: string, subjectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateSubjectRequest): Promise<Subject> =>
      unwrap(
        api.PATCH('/api/organizations/{orgId}/workspaces/{workspaceId}/subjects/{subjectId}', {
          params: { path: { orgId, workspaceId, subjectId } },
          body,
        }),
      ),
    onSuccess: (subject) => {
      queryClient.setQueryData<SubjectDetail>(subjectKeys.one(orgId, workspaceId, subjectId), (current) =>
        current ? { ...current, subject } : current,
      );
      return queryClient.invalidateQueries({ queryKey: orgKeys.workspaceData(orgId, workspaceId) });
    },
  });
}

/** Moves a subject no live sample refers to into the workspace's trash (samples.delete); 409 while samples refer to it. */
export function useDeleteSubject(orgId: string, workspaceId: string, subjectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (): Promise<unknown> =>
      unwrap(
        api.DELETE('/api/organizations/{orgId}/workspaces/{workspaceId}/subjects/{subjectId}', {
          params: { path: { orgId, workspaceId, subjectId } },
        }),
      ),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: subjectKeys.one(orgId, workspaceId, subjectId) });
      return queryClient.invalidateQueries({ queryKey: orgKeys.workspaceData(orgId, workspaceId) });
    },
  });
}
