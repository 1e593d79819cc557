import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import type { BodyOf, JsonOf } from '../../api/types';
import { POLL_MS } from '../analyses/types';
import { orgKeys } from '../organizations/keys';

type ReferencesPath = paths['/api/organizations/{orgId}/references'];

/** A reference bundle: `status` Preparing (its genome being indexed), Ready or Failed (with `reason`); `retiredAt` once retired. */
export type ReferenceBundle = JsonOf<ReferencesPath['get']['responses'][200]>[number];
export type CreateReferenceRequest = BodyOf<ReferencesPath['post']>;

export const referenceKeys = {
  all: (orgId: string) => [...orgKeys.org(orgId), 'references'] as const,
};

/** Only a Ready bundle that is not retired can be launched with. */
export function isUsable(bundle: ReferenceBundle): boolean {
  return bundle.status === 'Ready' && !bundle.retiredAt;
}

/** "GRCh38 p14 (GRCh38)": name, version and build, as a run names its reference. */
export function referenceLabel(bundle: { name: string; version: string; genomeBuild: string }): string {
  return `${bundle.name} ${bundle.version} (${bundle.genomeBuild})`;
}

/** The organization's bundles, newest first; read again every few seconds while one is still Preparing. */
export function useReferences(orgId: string, { enabled = true } = {}) {
  return useQuery({
    queryKey: referenceKeys.all(orgId),
    queryFn: () => unwrap(api.GET('/api/organizations/{orgId}/references', { params: { path: { orgId } } })),
    refetchInterval: (query) => (query.state.data?.some((b) => b.status === 'Preparing') ? POLL_MS : false),
    enabled,
  });
}

function useReferencesChanged(orgId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: referenceKeys.all(orgId) });
}

export function useCreateReference(orgId: string) {
  const changed = useReferencesChanged(orgId);
  return useMutation({
    mutationFn: (body: CreateReferenceRequest) => unwrap(api.POST('/api/organizations/{orgId}/references', { params: { path: { orgId } }, body })),
    onSuccess: changed,
  });
}

export function useRetireReference(orgId: string) {
  const changed = useReferencesChanged(orgId);
  return useMutation({
    mutationFn: (referenceId: string) =>
      unwrap(api.POST('/api/organizations/{orgId}/references/{referenceId}/retire', { params: { path: { orgId, referenceId } } })),
    onSuccess: changed,
  });
}
