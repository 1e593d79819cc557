import { vi } from 'vitest';

/** A route handler: gets the request (body already readable as text) and returns a Response. */
export type Handler = (request: Request, body: string) => Response | Promise<Response>;

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Headers;
  credentials: RequestCredentials;
  body: string;
}

export function json(status: number, body: unknown, contentType = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType } });
}

export function problem(status: number, body: Record<string, unknown>): Response {
  return json(status, { status, ...body }, 'application/problem+json');
}

export const anonymous = () =>
  problem(401, { type: 'https://tools.ietf.org/html/rfc9110#section-15.5.2', title: 'Unauthorized', detail: 'Sign in to continue.' });

export const user = {
  id: '3f2b8c1e-8d7a-4a53-9a55-0b7c3b0d2e11',
  email: 'ada@example.org',
  displayName: 'Ada Lovelace',
  isPlatformAdmin: false,
  lastOrganizationId: null,
  emailVerified: true,
};

/**
 * Replaces global fetch with a router keyed by "METHOD /path". Unknown routes fail loudly.
 * The antiforgery endpoint answers with a new token each time unless overridden; the list of my
 * organizations is empty unless overridden (the header and "/" ask for it once signed in); every address signs in
 * with a password unless overridden (the sign-in page asks).
 */
export function mockFetch(routes: Record<string, Handler>) {
  const requests: RecordedRequest[] = [];
  let tokens = 0;
  const all: Record<string, Handler> = {
    'GET /api/auth/antiforgery': () => json(200, { token: `token-${++tokens}` }),
    'GET /api/organizations': () => json(200, []),
    'GET /api/auth/sso': () => json(200, { method: 'password', organizationId: null, organizationName: null, required: false }),
    ...routes,
  };
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const body = await request.clone().text();
    const url = new URL(request.url);
    const key = `${request.method} ${url.pathname}`;
    requests.push({ method: request.method, path: url.pathname + url.search, headers: request.headers, credentials: request.credentials, body });
    const handler = all[key];
    if (!handler) throw new TypeError(`Unexpected request in test: ${key}`);
    return handler(request, body);
  });
  vi.stubGlobal('fetch', fetchMock);
  return {
    fetchMock,
    requests,
    /** Requests to one route, e.g. calls('POST /api/auth/login'). */
    calls: (key: string) => requests.filter((r) => `${r.method} ${r.path.split('?')[0]}` === key),
  };
}
