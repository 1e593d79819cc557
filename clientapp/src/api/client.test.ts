import { describe, expect, it } from 'vitest';
import { json, mockFetch, problem, user } from '../test/fetchMock';
import { ANTIFORGERY_HEADER, api, clearAntiforgeryToken, unwrap } from './client';
import { ApiError } from './problem';

describe('API client', () => {
  it('sends same-origin credentials and no antiforgery token on safe methods', async () => {
    const { requests, calls } = mockFetch({ 'GET /api/auth/me': () => json(200, user) });

    await expect(unwrap(api.GET('/api/auth/me'))).resolves.toEqual(user);

    expect(calls('GET /api/auth/antiforgery')).toHaveLength(0);
    expect(requests[0]?.credentials).toBe('same-origin');
    expect(requests[0]?.headers.get(ANTIFORGERY_HEADER)).toBeNull();
  });

  it('fetches the antiforgery token lazily, caches it, and sends it on unsafe methods', async () => {
    const { calls } = mockFetch({
      'POST /api/auth/login': () => json(200, user),
      'POST /api/auth/logout': () => new Response(null, { status: 204 }),
    });

    await unwrap(api.POST('/api/auth/login', { body: { email: 'ada@example.org', password: 'correct horse battery' } }));
    await unwrap(api.POST('/api/auth/logout'));

    expect(calls('GET /api/auth/antiforgery')).toHaveLength(1);
    expect(calls('GET /api/auth/antiforgery')[0]?.credentials).toBe('same-origin');
    expect(calls('POST /api/auth/login')[0]?.headers.get(ANTIFORGERY_HEADER)).toBe('token-1');
    expect(calls('POST /api/auth/logout')[0]?.headers.get(ANTIFORGERY_HEADER)).toBe('token-1');
    expect(calls('POST /api/auth/login')[0]?.credentials).toBe('same-origin');
  });

  it('fetches a new token after the identity changes', async () => {
    const { calls } = mockFetch({ 'POST /api/auth/logout': () => new Response(null, { status: 204 }) });

    await unwrap(api.POST('/api/auth/logout'));
    clearAntiforgeryToken();
    await unwrap(api.POST('/api/auth/logout'));

    expect(calls('GET /api/auth/antiforgery')).toHaveLength(2);
    expect(calls('POST /api/auth/logout').map((r) => r.headers.get(ANTIFORGERY_HEADER))).toEqual(['token-1', 'token-2']);
  });

  it('forgets the token when the server answers 401 (the session is gone)', async () => {
    let loggedIn = true;
    const { calls } = mockFetch({
      'POST /api/auth/logout': () => new Response(null, { status: 204 }),
      'GET /api/auth/me': () => (loggedIn ? json(200, user) : problem(401, { title: 'Unauthorized' })),
    });

    await unwrap(api.POST('/api/auth/logout'));
    loggedIn = false;
    await expect(unwrap(api.GET('/api/auth/me'))).rejects.toBeInstanceOf(ApiError);
    await unwrap(api.POST('/api/auth/logout'));

    expect(calls('GET /api/auth/antiforgery')).toHaveLength(2);
  });

  it('does not cache a failed token request', async () => {
    let fail = true;
    const { calls } = mockFetch({
      'GET /api/auth/antiforgery': () => (fail ? problem(503, { title: 'Service Unavailable' }) : json(200, { token: 'ok' })),
      'POST /api/auth/logout': () => new Response(null, { status: 204 }),
    });

    await expect(unwrap(api.POST('/api/auth/logout'))).rejects.toMatchObject({ status: 503 });
    fail = false;
    await unwrap(api.POST('/api/auth/logout'));

    expect(calls('POST /api/auth/logout')).toHaveLength(1);
    expect(calls('POST /api/auth/logout')[0]?.headers.get(ANTIFORGERY_HEADER)).toBe('ok');
  });

  it('rejects with the problem details of an error response', async () => {
    mockFetch({
      'POST /api/auth/register': () =>
        problem(400, { title: 'One or more validation errors occurred.', errors: { Password: ['At least 12 characters.'] } }),
    });

    const error = await unwrap(
      api.POST('/api/auth/register', { body: { email: 'a@b.c', password: 'short', displayName: 'A' } }),
    ).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).fieldErrors).toEqual({ password: ['At least 12 characters.'] });
  });

  it('rejects with a readable error when the server cannot be reached', async () =>{
    const { fetchMock } = mockFetch({});
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));

    await expect(unwrap(api.GET('/api/auth/me'))).rejects.toMatchObject({
      status: 0,
      message: 'Could not reach the server. Check your connection and try again.',
    });
  });
});
