// The VariantMiner API from TypeScript (Node 18+ or a browser): every route and its types come from the server's
// OpenAPI document (src/schema.ts is generated at build time from clientapp/openapi/v1.json, so it cannot go stale).
import createClient from 'openapi-fetch';
import type { paths } from './schema.js';

export type { paths, components, operations } from './schema.js';

/**
 * A client that sends a personal access token (`vm_pat_…`, from the organization's API tokens page): it speaks for that
 * organization only, with its owner's current role there. Errors come back as RFC 9457 problem details in `error`.
 *
 *   const api = connect('https://variantminer.example.org', process.env.VM_TOKEN!);
 *   const { data, error } = await api.GET('/api/organizations/{orgId}/workspaces', { params: { path: { orgId } } });
 */
export function connect(baseUrl: string, personalAccessToken: string, options: { fetch?: typeof fetch } = {}) {
  return createClient<paths>({
    baseUrl: baseUrl.replace(/\/+$/, ''),
    headers: { Authorization: `Bearer ${personalAccessToken}` },
    fetch: options.fetch,
  });
}
