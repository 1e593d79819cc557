import createClient, { type Middleware } from 'openapi-fetch';
import { apiErrorFromResponse, asApiError, ApiError, toApiError } from './problem';
import type { paths } from './schema';

/** Header the backend's antiforgery filter reads on unsafe methods. */
export const ANTIFORGERY_HEADER = 'X-XSRF-TOKEN';
const ANTIFORGERY_PATH = '/api/auth/antiforgery';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// The token is bound to the signed-in identity: forget it whenever that changes
// (sign-in, sign-out, registration, or a 401 that says the session is gone).
let antiforgeryToken: Promise<string> | null = null;

export function clearAntiforgeryToken(): void {
  antiforgeryToken = null;
}

function origin(): string {
  // Absolute base so that Request() also works outside a browser (tests); same origin in the browser.
  return globalThis.location?.origin ?? '';
}

async function requestAntiforgeryToken(): Promise<string> {
  let response: Response;
  try {
    response = await globalThis.fetch(`${origin()}${ANTIFORGERY_PATH}`, {
      method: 'GET',
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
    });
  } catch (error) {
    throw asApiError(error);
  }
  if (!response.ok) throw await apiErrorFromResponse(response);
  const body = (await response.json()) as { token?: unknown };
  if (typeof body.token !== 'string' || body.token === '') {
    throw new ApiError(response.status, null, 'The server did not issue a security token. Reload the page and try again.');
  }
  return body.token;
}

export function getAntiforgeryToken(): Promise<string> {
  if (!antiforgeryToken) {
    const pending = requestAntiforgeryToken();
    antiforgeryToken = pending;
    // A failed fetch must not be cached.
    pending.catch(() => {
      if (antiforgeryToken === pending) antiforgeryToken = null;
    });
  }
  return antiforgeryToken;
}

const antiforgery: Middleware = {
  async onRequest({ request }) {
    if (UNSAFE_METHODS.has(request.method.toUpperCase())) {
      request.headers.set(ANTIFORGERY_HEADER, await getAntiforgeryToken());
    }
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401) clearAntiforgeryToken();
    return undefined;
  },
};

export const api = createClient<paths>({
  baseUrl: origin(),
  credentials: 'same-origin',
  headers: { Accept: 'application/json' },
  // Resolve fetch at call time so the global can be replaced (tests stub it at the boundary).
  fetch: (request: Request) => globalThis.fetch(request),
});
api.use(antiforgery);

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * Unwraps an openapi-fetch result: the data on success, an ApiError (problem details) otherwise.
 * Network failures reject with an ApiError of status 0.
 */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await call;
  } catch (error) {
    throw asApiError(error);
  }
  const { response } = result;
  if (!response.ok) {
    // openapi-fetch has already parsed the body into `error` (JSON) or left it as text.
    let body: unknown = result.error;
    if (typeof body === 'string') {
      try {
        body = JSON.parse(body);
      } catch {
        body = null;
      }
    }
    throw toApiError(response.status, body);
  }
  return result.data as T;
}
