import { useIsMutating, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import type { BodyOf, JsonOf } from '../../api/types';
import { orgKeys } from '../organizations/keys';

type IntegrationsPath = paths['/api/organizations/{orgId}/settings/integrations'];

/**
 * Where final reports are sent (a FHIR server), how it is told who calls, where the organization's events are posted
 * (the webhook), and whether a token, password or signing secret is kept (never shown).
 */
export type IntegrationSettings = JsonOf<IntegrationsPath['get']['responses'][200]>;
/**
 * A full replacement: a missing or empty `fhirBaseUrl` stops sending reports, a missing or empty `webhookUrl` removes
 * the webhook. A null `fhirSecret` / `webhookSecret` keeps the one kept (for the same authentication and server only).
 */
export type SetIntegrationSettingsRequest = BodyOf<IntegrationsPath['put']>;
/** One event sent (or being sent) to the webhook: its status, rounds tried and the receiver's last answer. */
export type WebhookDelivery = JsonOf<
  paths['/api/organizations/{orgId}/settings/integrations/webhook/deliveries']['get']['responses'][200]
>[number];

/** The FHIR part of a PUT as it is kept: a save of the webhook alone sends it unchanged (the secret, null, stays kept). */
export function keptFhir(settings: IntegrationSettings): SetIntegrationSettingsRequest {
  return {
    fhirBaseUrl: settings.fhirBaseUrl ?? '',
    fhirAuthentication: settings.fhirBaseUrl ? fhirAuthentication(settings.fhirAuthentication) : 'none',
    fhirUserName: settings.fhirUserName,
    fhirSecret: null,
  };
}

/** The webhook part of a PUT as it is kept: a save of the FHIR server alone sends it unchanged (the secret, null, stays kept). */
export function keptWebhook(settings: IntegrationSettings): SetIntegrationSettingsRequest {
  return { webhookUrl: settings.webhookUrl ?? '', webhookSecret: null };
}

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
  /** The PUT's mutations (each replaces the whole settings: one at a time). */
  save: (orgId: string) => [...orgKeys.org(orgId), 'integration-settings', 'save'] as const,
  webhookDeliveries: (orgId: string) => [...orgKeys.org(orgId), 'webhook-deliveries'] as const,
};

/** While an entry of the webhook's delivery log is pending, the log is read again this often. */
export const WEBHOOK_POLL_MS = 5_000;

/** The delivery statuses, in words (the badge's colour only repeats them). */
export const WEBHOOK_DELIVERY_STATUSES: Record<string, string> = {
  pending: 'Pending',
  delivered: 'Delivered',
  failed: 'Failed',
};

/** The webhook's address, for example (its placeholder and messages). */
export const WEBHOOK_ADDRESS_EXAMPLE = 'https://lims.lab.example.org/hooks/variantminer';

/** The signing secret's length (characters, after trimming), as the server checks it. */
export const WEBHOOK_SECRET_MIN = 16;
export const WEBHOOK_SECRET_MAX = 200;

/**
 * Whether `url` is on the same server (scheme, host and port) as `kept`: the server keeps a secret only for a changed
 * address on the same server; it is never sent to another one.
 */
export function sameServer(url: string, kept: string | null): boolean {
  if (!kept || !URL.canParse(url) || !URL.canParse(kept)) return false;
  return new URL(url).origin === new URL(kept).origin;
}

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
 * PUT …/settings/integrations (organization.settings.manage), a full replacement: the FHIR server's address (https,
 * public; empty stops sending), authentication, user name (basic) and secret (write-only); the webhook's address (empty
 * removes it) and signing secret (write-only, 16–200 characters). Every save sends both parts (keptFhir, keptWebhook).
 * A refused address is a 400 on `fhirBaseUrl` or `webhookUrl`; a refused secret on `webhookSecret`.
 */
export function useSetIntegrationSettings(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: integrationKeys.save(orgId),
    mutationFn: (body: SetIntegrationSettingsRequest) =>
      unwrap(api.PUT('/api/organizations/{orgId}/settings/integrations', { ...path(orgId), body })),
    onSuccess: (result) => queryClient.setQueryData(integrationKeys.settings(orgId), result),
  });
}

/** Whether a PUT of the settings is under way (from either form): each sends both parts, so one at a time. */
export function useSavingIntegrationSettings(orgId: string): boolean {
  return useIsMutating({ mutationKey: integrationKeys.save(orgId) }) > 0;
}

/**
 * GET …/settings/integrations/webhook/deliveries (organization.settings.manage): the webhook's delivery log, newest first
 * (the last 100). Read again every WEBHOOK_POLL_MS while an entry is pending, so that its status moves on its own.
 */
export function useWebhookDeliveries(orgId: string, { enabled }: { enabled: boolean }) {
  return useQuery({
    queryKey: integrationKeys.webhookDeliveries(orgId),
    queryFn: () => unwrap(api.GET('/api/organizations/{orgId}/settings/integrations/webhook/deliveries', path(orgId))),
    enabled,
    refetchInterval: (query) => (query.state.data?.some((d) => d.status === 'pending') ? WEBHOOK_POLL_MS : false),
  });
}

/**
 * POST …/settings/integrations/webhook/test (organization.settings.manage): queues a test event ("webhook.test"); 202
 * with its log entry, 409 when no webhook is set. The entry is put at the top of the log, which is then read again.
 */
export function useSendWebhookTest(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/organizations/{orgId}/settings/integrations/webhook/test', path(orgId))),
    onSuccess: (entry) => {
      queryClient.setQueryData<WebhookDelivery[]>(integrationKeys.webhookDeliveries(orgId), (log) => [
        entry,
        ...(log ?? []).filter((d) => d.id !== entry.id),
      ]);
      return queryClient.invalidateQueries({ queryKey: integrationKeys.webhookDeliveries(orgId) });
    },
  });
}
