import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import type { BodyOf, JsonOf } from '../../api/types';
import { orgKeys } from '../organizations/keys';

type ClientsPath = paths['/api/organizations/{orgId}/clients'];

/** One of the organization's OAuth clients: never its secret. `roleId` is null once revoked (its membership ended). */
export type OrganizationClient = JsonOf<ClientsPath['get']['responses'][200]>[number];
export type CreateClientRequest = BodyOf<ClientsPath['post']>;
/** `clientSecret`: the secret itself, in this answer only (the server keeps a hash). */
export type CreatedClient = JsonOf<ClientsPath['post']['responses'][201]>;

export const clientKeys = {
  list: (orgId: string) => [...orgKeys.org(orgId), 'clients'] as const,
};

/** The organization's clients, newest first (organization.settings.manage). */
export function useClients(orgId: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: clientKeys.list(orgId),
    queryFn: () => unwrap(api.GET('/api/organizations/{orgId}/clients', { params: { path: { orgId } } })),
    enabled,
  });
}

/** A client acts through a member of its own: the People list, the roles' member counts and the dashboard change with it. */
function useClientsChanged(orgId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: orgKeys.org(orgId) });
}

export function useCreateClient(orgId: string) {
  const changed = useClientsChanged(orgId);
  return useMutation({
    mutationFn: (body: CreateClientRequest) => unwrap(api.POST('/api/organizations/{orgId}/clients', { params: { path: { orgId } }, body })),
    onSuccess: changed,
  });
}

export function useRevokeClient(orgId: string) {
  const changed = useClientsChanged(orgId);
  return useMutation({
    mutationFn: (clientId: string) =>
      unwrap(api.POST('/api/organizations/{orgId}/clients/{clientId}/revoke', { params: { path: { orgId, clientId } } })),
    onSuccess: changed,
  });
}
