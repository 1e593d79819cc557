import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { asApiError } from '../../api/problem';
import type { CurrentUser, UpdateMemberRequest } from '../../api/types';
import { meQueryKey } from '../auth/authApi';
import { orgKeys } from '../organizations/keys';
import type { MemberSortKey } from './types';

export const MEMBER_PAGE_SIZE = 50;

export interface MemberFilters {
  search: string;
  roleId: string;
  sort: MemberSortKey;
}

/** The User Management table: server-side search, role filter and sort, loaded a page at a time (cursor). */
export function useMemberTable(orgId: string, filters: MemberFilters, { enabled = true }: { enabled?: boolean } = {}) {
  return useInfiniteQuery({
    queryKey: orgKeys.memberTable(orgId, filters),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/organizations/{orgId}/members', {
          params: {
            path: { orgId },
            query: {
              limit: MEMBER_PAGE_SIZE,
              sort: filters.sort,
              ...(filters.search ? { search: filters.search } : {}),
              ...(filters.roleId ? { roleId: filters.roleId } : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // While a new search is typed, the previous rows stay on screen.
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useUpdateMember(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, ...body }: UpdateMemberRequest & { userId: string }) =>
      unwrap(api.PATCH('/api/organizations/{orgId}/members/{userId}', { params: { path: { orgId, userId } }, body })),
    // Applied at once: tables, role counts, and my own access if I changed myself.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: orgKeys.org(orgId) }),
  });
}

/** Removes a member, or — for oneself — leaves the organization. */
export function useRemoveMember(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId }: { userId: string; leaving: boolean }) =>
      unwrap(api.DELETE('/api/organizations/{orgId}/members/{userId}', { params: { path: { orgId, userId } } })),
    onSuccess: (_result, { leaving }) => {
      if (!leaving) {
        return Promise.all([
          queryClient.invalidateQueries({ queryKey: orgKeys.org(orgId) }),
          queryClient.invalidateQueries({ queryKey: orgKeys.list() }),
        ]);
      }
      // I am no longer a member: "/" must not open the organization again. (Its cached pages are left alone
      // while they are still on screen; the caller navigates away.)
      queryClient.setQueryData<CurrentUser | null>(meQueryKey, (user) =>
        user && user.lastOrganizationId === orgId ? { ...user, lastOrganizationId: null } : user,
      );
      return queryClient.invalidateQueries({ queryKey: orgKeys.list() });
    },
  });
}

/** One workspace to give (`grant`) or take away from a member. */
export interface WorkspaceAccessChange {
  workspaceId: string;
  workspaceName: string;
  grant: boolean;
}

export interface WorkspaceAccessOutcome {
  applied: WorkspaceAccessChange[];
  /** The changes the server refused, each with the problem's message. */
  failed: (WorkspaceAccessChange & { message: string })[];
}

/**
 * Changes the workspaces one member can enter: one PUT (grant) or DELETE (revoke) of
 * …/workspaces/{workspaceId}/access/{userId} per change, one after the other (they touch the same membership). A
 * refused change does not stop the others; the outcome says which were applied. Afterwards the organization's data
 * (members table, workspace lists, my own access) is reloaded.
 */
export function useSetMemberWorkspaces(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ userId, changes }: { userId: string; changes: readonly WorkspaceAccessChange[] }): Promise<WorkspaceAccessOutcome> => {
      const outcome: WorkspaceAccessOutcome = { applied: [], failed: [] };
      for (const change of changes) {
        const params = { params: { path: { orgId, workspaceId: change.workspaceId, userId } } };
        try {
          await unwrap(
            change.grant
              ? api.PUT('/api/organizations/{orgId}/workspaces/{workspaceId}/access/{userId}', params)
              : api.DELETE('/api/organizations/{orgId}/workspaces/{workspaceId}/access/{userId}', params),
          );
          outcome.applied.push(change);
        } catch (error) {
          outcome.failed.push({ ...change, message: asApiError(error).message });
        }
      }
      return outcome;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: orgKeys.org(orgId) }),
  });
}
