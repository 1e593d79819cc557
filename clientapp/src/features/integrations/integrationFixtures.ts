import { json, mockFetch, problem, type Handler } from '../../test/fetchMock';
import { ALL_PERMISSIONS, ORG_ID, orgRoutes } from '../../test/orgFixtures';
import type { IntegrationSettings, WebhookDelivery } from './api';

export const base = `/api/organizations/${ORG_ID}`;
export const page = `/orgs/${ORG_ID}/settings/integrations`;
export const GET_SETTINGS = `GET ${base}/settings/integrations`;
export const PUT = `PUT ${base}/settings/integrations`;
export const GET_DELIVERIES = `GET ${base}/settings/integrations/webhook/deliveries`;
export const POST_TEST = `POST ${base}/settings/integrations/webhook/test`;

export const ADDRESS = 'https://fhir.northwind.example/fhir';
export const WEBHOOK = 'https://lims.northwind.example/hooks/variantminer';

export const notSet: IntegrationSettings = {
  fhirBaseUrl: null,
  fhirAuthentication: 'none',
  fhirUserName: null,
  fhirSecretSet: false,
  webhookUrl: null,
  webhookSecretSet: false,
  updatedAt: null,
};

/** A FHIR server with a bearer token, and a webhook with its secret. */
export const bearer: IntegrationSettings = {
  fhirBaseUrl: ADDRESS,
  fhirAuthentication: 'bearer',
  fhirUserName: null,
  fhirSecretSet: true,
  webhookUrl: WEBHOOK,
  webhookSecretSet: true,
  updatedAt: '2025-03-01T10:00:00Z',
};

/** A FHIR server with a user name and password, and no webhook. */
export const basicNoWebhook: IntegrationSettings = {
  fhirBaseUrl: ADDRESS,
  fhirAuthentication: 'basic',
  fhirUserName: 'variantminer',
  fhirSecretSet: true,
  webhookUrl: null,
  webhookSecretSet: false,
  updatedAt: '2025-03-01T10:00:00Z',
};

/** The same FHIR server, and a webhook with its secret. */
export const basicWithWebhook: IntegrationSettings = { ...basicNoWebhook, webhookUrl: WEBHOOK, webhookSecretSet: true };

export function webhookDelivery(overrides: Partial<WebhookDelivery> = {}): WebhookDelivery {
  return {
    id: '0190f0aa-0000-7000-8000-00000000e001',
    event: 'analysis.finished',
    status: 'delivered',
    rounds: 1,
    lastStatusCode: 200,
    lastError: null,
    endpoint: WEBHOOK,
    createdAt: '2025-03-05T10:00:00Z',
    nextAttemptAt: null,
    deliveredAt: '2025-03-05T10:00:02Z',
    ...overrides,
  };
}

function origin(url: string | null): string | null {
  return url && URL.canParse(url) ? new URL(url).origin : null;
}

/**
 * A Group Supervisor's server with the organization's `settings` and webhook delivery `log`. A PUT is a full
 * replacement, as the server does it: what it does not carry is cleared (no fhirBaseUrl stops sending reports, no
 * webhookUrl removes the webhook); a null secret keeps the kept one (the same authentication and server only). The test
 * event is queued at the top of the log (409 without a webhook). `routes` replace any of these.
 */
export function integrationServer(settings: IntegrationSettings, { log = [], routes = {} }: { log?: WebhookDelivery[]; routes?: Record<string, Handler> } = {}) {
  const state = { settings, log: [...log] };
  const server = mockFetch({
    ...orgRoutes('Group Supervisor', ALL_PERMISSIONS),
    [GET_SETTINGS]: () => json(200, state.settings),
    [PUT]: (_r: Request, body: string) => {
      const sent = JSON.parse(body);
      const kept = state.settings;
      const url = sent.fhirBaseUrl?.trim() || null;
      const authentication = url ? (sent.fhirAuthentication ?? 'none') : 'none';
      const fhirKept = authentication === kept.fhirAuthentication && kept.fhirSecretSet && origin(url) === origin(kept.fhirBaseUrl);
      const webhook = sent.webhookUrl?.trim() || null;
      const webhookKept = kept.webhookSecretSet && origin(webhook) === origin(kept.webhookUrl);
      if (webhook && !sent.webhookSecret && !webhookKept)
        return problem(400, {
          title: 'Bad request',
          detail: `Enter the secret the webhook's receiver checks signatures with${kept.webhookSecretSet ? ': the kept one is not sent to another server.' : '.'}`,
        });
      state.settings = {
        fhirBaseUrl: url,
        fhirAuthentication: authentication,
        fhirUserName: authentication === 'basic' ? sent.fhirUserName : null,
        fhirSecretSet: authentication !== 'none' && (!!sent.fhirSecret || fhirKept),
        webhookUrl: webhook,
        webhookSecretSet: !!webhook,
        updatedAt: '2025-03-08T12:00:00Z',
      };
      return json(200, state.settings);
    },
    [GET_DELIVERIES]: () => json(200, state.log),
    [POST_TEST]: () => {
      if (!state.settings.webhookUrl)
        return problem(409, { title: 'Conflict', detail: 'No webhook is set: enter its address and secret first.' });
      const entry = webhookDelivery({
        id: `0190f0aa-0000-7000-8000-00000000f${String(state.log.length).padStart(3, '0')}`,
        event: 'webhook.test',
        status: 'pending',
        rounds: 0,
        lastStatusCode: null,
        endpoint: state.settings.webhookUrl,
        createdAt: '2025-03-08T12:05:00Z',
        nextAttemptAt: '2025-03-08T12:05:00Z',
        deliveredAt: null,
      });
      state.log = [entry, ...state.log];
      return json(202, entry);
    },
    ...routes,
  });
  return { ...server, state };
}

/** The text of the elements an element's aria-describedby points to. */
export function description(element: HTMLElement): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}
