import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import type { BodyOf, JsonOf } from '../../api/types';
import { orgKeys } from '../organizations/keys';

type IntegrationsPath = paths['/api/organizations/{orgId}/settings/integrations'];

/** Where final reports are sent (a FHIR server), how it is told who calls, and whether a token or password is kept (never shown). */
export type IntegrationSettings = JsonOf<IntegrationsPath['get']['responses'][200]>;
/** An empty `fhirBaseUrl` stops sending reports; a null or empty `fhirSecret` keeps the one kept (while the authentication stays the same). */
export type SetIntegrationSettingsRequest = BodyOf<IntegrationsPath['put']>;

/** How the FHIR server is told who is calling. */
export const FHIR_AUTHENTICATIONS = [
  { value: 'none', label: 'None' },
  { value: 'bearer', label: 'Bearer token' },
  { value: 'basic', label: 'User name and password' },
] as const;

export type FhirAuthentication = (typeof FHIR_AUTHENTICATIONS)[number]['value'];

/** The server's value as one of the three ("none" for anything else). */
export function fhirAuthentication(value: string): FhirAuthentication {
  return FHIR_AUTHENTICATIONS.find((a) => a.value === value)?.value ?? 'none';
}

/** Query keys: under the organization's (switching organizations reloads them). */
export const integrationKeys = {
  settings: (orgId: string) => [...orgKeys.org(orgId), 'integration-settings'] as const,
};

/** /orgs/:orgId/settings/integrations: the integration settings page. */
export function integrationSettingsPagePath(orgId: string): string {
  return `/orgs/${orgId}/settings/integrations`;
}

const path = (orgId: string) => ({ params: { path: { orgId } } });

/** The organization's integration settings (organization.settings.manage only: others get a 403). */
export function useIntegrationSettings(orgId: string, { enabled }: { enabled: boolean }) {
  return useQuery({
    queryKey: integrationKeys.settings(orgId),
    queryFn: () => unwrap(api.GET('/api/organizations/{orgId}/settings/integrations', path(orgId))),
    enabled,
  });
}

/**
 * PUT …/settings/integrations (organization.settings.manage): the address (https, public; empty stops sending), the
 * authentication, the user name (basic) and the secret (write-only). A refused address is a 400 on `fhirBaseUrl`.
 */
export function useSetIntegrationSettings(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SetIntegrationSettingsRequest) =>
      unwrap(api.PUT('/api/organizations/{orgId}/settings/integrations', { ...path(orgId), body })),
    onSuccess: (result) => queryClient.setQueryData(integrationKeys.settings(orgId), result),
  });
}
