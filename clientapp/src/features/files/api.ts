import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { orgKeys } from '../organizations/keys';
import type { FileFilters, StoredFile } from './types';

function origin(): string {
  return globalThis.location?.origin ?? '';
}

/** /api/organizations/{orgId}/workspaces/{workspaceId} */
export function workspaceApiPath(orgId: string, workspaceId: string): string {
  return `/api/organizations/${encodeURIComponent(orgId)}/workspaces/${encodeURIComponent(workspaceId)}`;
}

/** The tus endpoint (absolute: tus resolves the Location of a new upload against it). */
export function uploadsEndpoint(orgId: string, workspaceId: string): string {
  return `${origin()}${workspaceApiPath(orgId, workspaceId)}/uploads`;
}

/** GET …/files/{fileId}/content: the browser downloads it as an attachment with the session cookie. */
export function fileContentUrl(orgId: string, workspaceId: string, fileId: string): string {
  return `${workspaceApiPath(orgId, workspaceId)}/files/${encodeURIComponent(fileId)}/content`;
}

/** Query keys: under the workspace's data, so deleting or restoring a sample refreshes its files too. */
export const fileKeys = {
  all: (orgId: string, workspaceId: string) => [...orgKeys.workspaceData(orgId, workspaceId), 'files'] as const,
  list: (orgId: string, workspaceId: string, filters: FileFilters) =>
    [...orgKeys.workspaceData(orgId, workspaceId), 'files', 'list', { sampleId: filters.sampleId ?? null, kind: filters.kind ?? null }] as const,
};

const ws = (orgId: string, workspaceId: string) => ({ orgId, workspaceId });

/** Only the filters that are set are sent. */
function fileQuery(filters: FileFilters): FileFilters {
  return { ...(filters.sampleId ? { sampleId: filters.sampleId } : {}), ...(filters.kind ? { kind: filters.kind } : {}) };
}

export function listFiles(orgId: string, workspaceId: string, filters: FileFilters = {}): Promise<StoredFile[]> {
  return unwrap(
    api.GET('/api/organizations/{orgId}/workspaces/{workspaceId}/files', {
      params: { path: ws(orgId, workspaceId), query: fileQuery(filters) },
    }),
  );
}

/** The files I may see (their sample's visibility), newest first; one sample's with `sampleId`, one kind with `kind`. */
export function useFiles(orgId: string, workspaceId: string, filters: FileFilters = {}, { enabled = true } = {}) {
  return useQuery({
    queryKey: fileKeys.list(orgId, workspaceId, filters),
    queryFn: () => listFiles(orgId, workspaceId, filters),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** After a file arrived or went: the lists of files and the organization's storage (dashboard) change. */
export function useFilesChanged(orgId: string, workspaceId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: fileKeys.all(orgId, workspaceId) }),
      queryClient.invalidateQueries({ queryKey: orgKeys.dashboard(orgId) }),
    ]);
}

/** DELETE …/files/{fileId} (samples.define): the file goes and its bytes leave the organization's storage. */
export function useDeleteFile(orgId: string, workspaceId: string) {
  const changed = useFilesChanged(orgId, workspaceId);
  return useMutation({
    mutationFn: async (file: Pick<StoredFile, 'id' | 'name'>) => {
      await unwrap(
        api.DELETE('/api/organizations/{orgId}/workspaces/{workspaceId}/files/{fileId}', {
          params: { path: { ...ws(orgId, workspaceId), fileId: file.id } },
        }),
      );
    },
    onSuccess: changed,
  });
}

/** The organization's storage preferences: FASTQ / BAM deleted N days after their analysis completed (null: kept). */
export function useStoragePreferences(orgId: string) {
  return useQuery({
    queryKey: orgKeys.storagePreferences(orgId),
    queryFn: () => unwrap(api.GET('/api/organizations/{orgId}/settings/storage', { params: { path: { orgId } } })),
  });
}

export function useSetStoragePreferences(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { deleteFastqDaysAfterAnalysis: number | null; deleteBamDaysAfterAnalysis: number | null }) =>
      unwrap(api.PUT('/api/organizations/{orgId}/settings/storage', { params: { path: { orgId } }, body })),
    onSuccess: (result) => {
      queryClient.setQueryData(orgKeys.storagePreferences(orgId), result);
      return queryClient.invalidateQueries({ queryKey: ['orgs', orgId, 'activity'] });
    },
  });
}
