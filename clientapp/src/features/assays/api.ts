import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { BodyOf } from '../../api/types';
import type { paths } from '../../api/schema';
import { orgKeys } from '../organizations/keys';

export type AddAssayRequest = BodyOf<paths['/api/organizations/{orgId}/assays']['post']>;

/** The organization's assay list is read with useAssays (features/samples/api.ts: the sample form shares it). */
export { useAssays } from '../samples/api';

/** Adds an assay (organization.settings.manage); the server answers the whole new list, which replaces the cached one. */
export function useAddAssay(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AddAssayRequest) => unwrap(api.POST('/api/organizations/{orgId}/assays', { params: { path: { orgId } }, body })),
    onSuccess: (list) => queryClient.setQueryData(orgKeys.assays(orgId), list),
  });
}
