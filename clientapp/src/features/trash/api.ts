import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import type { JsonOf } from '../../api/types';
import { orgKeys } from '../organizations/keys';

/** A trashed sample or subject: who deleted it and when, when it is purged, who was assigned to it (samples). */
export type TrashItem = JsonOf<paths['/api/organizations/{orgId}/workspaces/{workspaceId}/trash']['get']['responses'][200]>[number];

/** Under the workspace's data (orgKeys.workspaceData), so that deleting or restoring refreshes it with the rest. */
export const trashKey = (orgId: string, workspaceId: string) => [...orgKeys.workspaceData(orgId, workspaceId), 'trash'] as const;

/** The workspace's trash, newest deletion first (samples.delete). */
export function useTrash(orgId: string, workspaceId: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: trashKey(orgId, workspaceId),
    queryFn: (): Promise<TrashItem[]> =>
      unwrap(api.GET('/api/organizations/{orgId}/workspaces/{workspaceId}/trash', { params: { path: { orgId, workspaceId } } })),
    enabled,
  });
}

/** Restores a trashed sample or subject; 409 when its name was taken meanwhile (the detail says so). */
export function useRestore(orgId: string, workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (item: Pick<TrashItem, 'kind' | 'id'>) => {
      if (item.kind === 'subject') {
        await unwrap(
          api.POST('/api/organizations/{orgId}/workspaces/{workspaceId}/trash/subjects/{subjectId}/restore', {
            params: { path: { orgId, workspaceId, subjectId: item.id } },
          }),
        );
      } else {
        await unwrap(
          api.POST('/api/organizations/{orgId}/workspaces/{workspaceId}/trash/samples/{sampleId}/restore', {
            params: { path: { orgId, workspaceId, sampleId: item.id } },
          }),
        );
      }
    },
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: orgKeys.workspaceData(orgId, workspaceId) }),
        queryClient.invalidateQueries({ queryKey: orgKeys.activity(orgId) }),
      ]),
  });
}
