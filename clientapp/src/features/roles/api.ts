import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { CreateRoleRequest, UpdateRoleRequest } from '../../api/types';
import { orgKeys } from '../organizations/keys';

/** The organization's roles (built-in first, then custom), with permissions and member counts. Any member may list them. */
export function useRoles(orgId: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: orgKeys.roles(orgId),
    queryFn: () => unwrap(api.GET('/api/organizations/{orgId}/roles', { params: { path: { orgId } } })),
    enabled,
    staleTime: 30_000,
  });
}

/**
 * After a role changed: everything about the organization (my own permissions may have changed, member tables show
 * role names, counts move).
 */
function useRolesChanged(orgId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: orgKeys.org(orgId) });
}

export function useCreateRole(orgId: string) {
  const changed = useRolesChanged(orgId);
  return useMutation({
    mutationFn: (body: CreateRoleRequest) => unwrap(api.POST('/api/organizations/{orgId}/roles', { params: { path: { orgId } }, body })),
    onSuccess: changed,
  });
}

export function useUpdateRole(orgId: string) {
  const changed = useRolesChanged(orgId);
  return useMutation({
    mutationFn: ({ roleId, ...body }: UpdateRoleRequest & { roleId: string }) =>
      unwrap(api.PUT('/api/organizations/{orgId}/roles/{roleId}', { params: { path: { orgId, roleId } }, body })),
    onSuccess: changed,
  });
}

export function useDeleteRole(orgId: string) {
  const changed = useRolesChanged(orgId);
  return useMutation({
    mutationFn: (roleId: string) => unwrap(api.DELETE('/api/organizations/{orgId}/roles/{roleId}', { params: { path: { orgId, roleId } } })),
    onSuccess: changed,
  });
}
