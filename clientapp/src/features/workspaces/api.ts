import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { CreateWorkspaceRequest, UpdateWorkspaceRequest } from '../../api/types';
import { orgKeys } from '../organizations/keys';

/** Workspaces I can enter; with `all` (workspaces.access.manage) every workspace, to manage access. */
export function useWorkspaces(orgId: string, { all = false, enabled = true }: { all?: boolean; enabled?: boolean } = {}) {
  return useQuery({
    queryKey: orgKeys.workspaces(orgId, all),
    queryFn: () =>
      unwrap(api.GET('/api/organizations/{orgId}/workspaces', { params: { path: { orgId }, query: all ? { all: true } : {} } })),
    enabled,
  });
}

/** After a change: the organization's data (dashboard, my access, lists) and the organizations list (counts). */
function useWorkspacesChanged(orgId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: orgKeys.org(orgId) }),
      queryClient.invalidateQueries({ queryKey: orgKeys.list() }),
    ]);
}

export function useCreateWorkspace(orgId: string) {
  const changed = useWorkspacesChanged(orgId);
  return useMutation({
    mutationFn: (body: CreateWorkspaceRequest) =>
      unwrap(api.POST('/api/organizations/{orgId}/workspaces', { params: { path: { orgId } }, body })),
    onSuccess: changed,
  });
}

export function useUpdateWorkspace(orgId: string, workspaceId: string) {
  const changed = useWorkspacesChanged(orgId);
  return useMutation({
    mutationFn: (body: UpdateWorkspaceRequest) =>
      unwrap(api.PATCH('/api/organizations/{orgId}/workspaces/{workspaceId}', { params: { path: { orgId, workspaceId } }, body })),
    onSuccess: changed,
  });
}

export function useDeleteWorkspace(orgId: string) {
  const changed = useWorkspacesChanged(orgId);
  return useMutation({
    mutationFn: (workspaceId: string) =>
      unwrap(api.DELETE('/api/organizations/{orgId}/workspaces/{workspaceId}', { params: { path: { orgId, workspaceId } } })),
    onSuccess: changed,
  });
}

export function useSetWorkspaceAccess(orgId: string, workspaceId: string) {
  const changed = useWorkspacesChanged(orgId);
  return useMutation({
    mutationFn: ({ userId, granted }: { userId: string; granted: boolean }) => {
      const params = { params: { path: { orgId, workspaceId, userId } } };
      return granted
        ? unwrap(api.PUT('/api/organizations/{orgId}/workspaces/{workspaceId}/access/{userId}', params))
        : unwrap(api.DELETE('/api/organizations/{orgId}/workspaces/{workspaceId}/access/{userId}', params));
    },
    onSuccess: changed,
  });
}
