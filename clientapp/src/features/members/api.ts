import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
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
