import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type {
  CreateOrganizationRequest,
  CurrentUser,
  PermissionInfo,
  SetSecurityPolicyRequest,
  SetSingleSignOnRequest,
  UpdateOrganizationRequest,
} from '../../api/types';
import { meQueryKey, useMe } from '../auth/authApi';
import { orgKeys } from './keys';
import type { ActivityFilters } from './useActivityFilters';

const path = (orgId: string) => ({ params: { path: { orgId } } });

/** My organizations with my role in each (only while signed in). */
export function useOrganizations() {
  const me = useMe();
  return useQuery({
    queryKey: orgKeys.list(),
    queryFn: () => unwrap(api.GET('/api/organizations')),
    enabled: !!me.data,
    staleTime: 30_000,
  });
}

export function useOrganization(orgId: string) {
  return useQuery({
    queryKey: orgKeys.dashboard(orgId),
    queryFn: () => unwrap(api.GET('/api/organizations/{orgId}', path(orgId))),
  });
}

export function useMyAccess(orgId: string | undefined) {
  return useQuery({
    queryKey: orgKeys.access(orgId ?? ''),
    queryFn: () => unwrap(api.GET('/api/organizations/{orgId}/me', path(orgId!))),
    enabled: !!orgId,
    staleTime: 30_000,
  });
}

export function usePermissionCatalogue() {
  return useQuery({
    queryKey: orgKeys.permissionCatalogue(),
    queryFn: (): Promise<PermissionInfo[]> => unwrap(api.GET('/api/permissions')),
    staleTime: Infinity,
  });
}

/** Remembers the organization on the server (where "/" goes next time) and in the cached user. */
export function useRememberOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (organizationId: string) =>
      unwrap(api.PUT('/api/auth/me/last-organization', { body: { organizationId } })).then(() => organizationId),
    // Optimistic, so that the organization's pages do not remember it a second time.
    onMutate: (organizationId) => {
      queryClient.setQueryData<CurrentUser | null>(meQueryKey, (user) => (user ? { ...user, lastOrganizationId: organizationId } : user));
    },
  });
}

export function useCreateOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateOrganizationRequest) => unwrap(api.POST('/api/organizations', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: orgKeys.list() }),
  });
}

export function useUpdateOrganization(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateOrganizationRequest) => unwrap(api.PATCH('/api/organizations/{orgId}', { ...path(orgId), body })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: orgKeys.org(orgId) }),
        queryClient.invalidateQueries({ queryKey: orgKeys.list() }),
      ]),
  });
}

export function useDeleteOrganization(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (confirmName: string) =>
      unwrap(api.DELETE('/api/organizations/{orgId}', { ...path(orgId), body: { confirmName } })),
    onSuccess: () => {
      // The organization's own queries are dropped by the page after it has navigated away: dropping them here
      // would refetch them (404) while its pages are still mounted, replacing the page before it can leave.
      queryClient.setQueryData<CurrentUser | null>(meQueryKey, (user) =>
        user && user.lastOrganizationId === orgId ? { ...user, lastOrganizationId: null } : user,
      );
      return queryClient.invalidateQueries({ queryKey: orgKeys.list() });
    },
  });
}

export function useAccessControl(orgId: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: orgKeys.accessControl(orgId),
    queryFn: () => unwrap(api.GET('/api/organizations/{orgId}/settings/access-control', path(orgId))),
    enabled,
  });
}

export function useSetAccessControl(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (roleBasedAccessEnabled: boolean) =>
      unwrap(api.PUT('/api/organizations/{orgId}/settings/access-control', { ...path(orgId), body: { roleBasedAccessEnabled } })),
    onSuccess: (result) => {
      queryClient.setQueryData(orgKeys.accessControl(orgId), result);
      // Effective permissions change with the switch (samples.* and analyses.* for everyone when off).
      return queryClient.invalidateQueries({
        predicate: (q) => q.queryKey[0] === 'orgs' && q.queryKey[1] === orgId && q.queryKey[2] !== 'access-control',
      });
    },
  });
}

/** The organization's security policy: every member reads it (what their sign-in must meet to act here). */
export function useSecurityPolicy(orgId: string) {
  return useQuery({
    queryKey: orgKeys.securityPolicy(orgId),
    queryFn: () => unwrap(api.GET('/api/organizations/{orgId}/settings/security', path(orgId))),
  });
}

export function useSetSecurityPolicy(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SetSecurityPolicyRequest) =>
      unwrap(api.PUT('/api/organizations/{orgId}/settings/security', { ...path(orgId), body })),
    onSuccess: (result) => queryClient.setQueryData(orgKeys.securityPolicy(orgId), result),
  });
}

/** The organization's institution sign-in (organization.settings.manage only). */
export function useSingleSignOn(orgId: string, { enabled }: { enabled: boolean }) {
  return useQuery({
    queryKey: orgKeys.singleSignOn(orgId),
    queryFn: () => unwrap(api.GET('/api/organizations/{orgId}/settings/sso', path(orgId))),
    enabled,
  });
}

export function useSetSingleSignOn(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SetSingleSignOnRequest) => unwrap(api.PUT('/api/organizations/{orgId}/settings/sso', { ...path(orgId), body })),
    onSuccess: (result) => queryClient.setQueryData(orgKeys.singleSignOn(orgId), result),
  });
}

export const ACTIVITY_PAGE_SIZE = 25;

/** Activity I may see, newest first, filtered (only what is set is sent), a page at a time over the cursor. */
export function useActivity(orgId: string, filters: ActivityFilters) {
  return useInfiniteQuery({
    queryKey: orgKeys.activityList(orgId, filters),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/organizations/{orgId}/activity', {
          params: {
            path: { orgId },
            query: {
              limit: ACTIVITY_PAGE_SIZE,
              ...(filters.actorUserId ? { actorUserId: filters.actorUserId } : {}),
              ...(filters.kind ? { kind: filters.kind } : {}),
              ...(filters.from ? { from: filters.from } : {}),
              ...(filters.to ? { to: filters.to } : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
