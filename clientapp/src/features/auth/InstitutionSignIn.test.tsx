import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ANTIFORGERY_HEADER } from '../../api/client';
import { axeViolations } from '../../test/axe';
import { anonymous, json, mockFetch, problem, user, type Handler } from '../../test/fetchMock';
import { renderApp } from '../../test/render';

const ORG_ID = '0190f0aa-0000-7000-8000-000000000001';
const ORG = 'Northwind Genomics Lab';
const ADDRESS = 'ada@northwind.example';
const REQUIRED_DETAIL = 'Northwind Genomics Lab signs its members in through its institution: use it to sign in.';

function institution(required = false) {
  return json(200, { method: 'sso', organizationId: ORG_ID, organizationName: ORG, required });
}

/** The text of the elements an input's aria-describedby points to. */
function description(input: HTMLElement): string {
  return (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

/** window.location.assign, which a test cannot let navigate. */
function stubNavigation() {
  const assign = vi.fn();
  vi.stubGlobal('location', { ...window.location, assign });
  return assign;
}

async function typeAddress(address = ADDRESS) {
  const u = userEvent.setup();
  await screen.findByRole('form', { name: 'Sign in' });
  await u.type(screen.getByLabelText('E-mail address'), address);
  return u;
}

describe('Sign in page, institution sign-in', () => {
  it('offers the institution once the address is left, and goes to its start with the return address', async () => {
    const assign = stubNavigation();
    const { calls, requests } = mockFetch({ 'GET /api/auth/me': anonymous, 'GET /api/auth/sso': () => institution() });
    renderApp('/login?returnTo=%2Fprofile');
    const u = await typeAddress();

    await u.tab();

    const go = await screen.findByRole('button', { name: `Continue with ${ORG}` });
    expect(screen.getByText(`${ORG} signs you in through your institution.`)).toBeTruthy();
    expect(screen.queryByLabelText('Password')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Sign in' })).toBeNull();
    // The focus had gone on to the password field, which is gone: it is on the way on.
    await waitFor(() => expect(document.activeElement).toBe(go));
    expect(requests.find((r) => r.path.startsWith('/api/auth/sso'))!.path).toBe(`/api/auth/sso?email=${encodeURIComponent(ADDRESS)}`);
    expect(await axeViolations()).toEqual([]);

    await u.click(go);

    expect(assign).toHaveBeenCalledWith(`/api/auth/sso/${ORG_ID}/start?email=ada%40northwind.example&returnUrl=%2Fprofile`);
    expect(calls('POST /api/auth/login')).toHaveLength(0);
  });

  it('asks before sending a password when the address was not looked up yet', async () => {
    const { calls } = mockFetch({ 'GET /api/auth/me': anonymous, 'GET /api/auth/sso': () => institution() });
    renderApp('/login');
    const u = await typeAddress();

    await u.keyboard('{Enter}');

    expect(await screen.findByRole('button', { name: `Continue with ${ORG}` })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(calls('GET /api/auth/sso')).toHaveLength(1);
    expect(calls('POST /api/auth/login')).toHaveLength(0);
  });

  it('signs in with a password instead when asked, also where the institution is required for members', async () => {
    let signedIn = false;
    const { calls } = mockFetch({
      'GET /api/auth/me': () => (signedIn ? json(200, user) : anonymous()),
      'GET /api/auth/sso': () => institution(true),
      'POST /api/auth/login': () => {
        signedIn = true;
        return json(200, user);
      },
    });
    renderApp('/login');
    const u = await typeAddress();
    await u.tab();
    await screen.findByRole('button', { name: `Continue with ${ORG}` });
    expect(screen.getByText(/Its members cannot sign in with a password/).textContent).toContain('you can use a password instead');

    await u.click(screen.getByRole('button', { name: 'Use a password instead' }));

    const password = screen.getByLabelText('Password');
    expect(document.activeElement).toBe(password);
    expect(screen.queryByRole('button', { name: `Continue with ${ORG}` })).toBeNull();
    await u.type(password, 'correct horse battery staple');
    await u.click(screen.getByRole('button', { name: 'Sign in' }));

    await screen.findByRole('heading', { name: 'Home' });
    expect(JSON.parse(calls('POST /api/auth/login')[0]!.body)).toEqual({ email: ADDRESS, password: 'correct horse battery staple' });
    expect(calls('GET /api/auth/sso')).toHaveLength(1);
  });

  it('offers the institution when the password is refused because its organization requires it', async () => {
    mockFetch({
      'GET /api/auth/me': anonymous,
      'GET /api/auth/sso': () => institution(true),
      'POST /api/auth/login': () => problem(403, { title: 'Forbidden', detail: REQUIRED_DETAIL, reason: 'sso-required' }),
    });
    renderApp('/login');
    const u = await typeAddress();
    await u.tab();
    await u.click(await screen.findByRole('button', { name: 'Use a password instead' }));
    await u.type(screen.getByLabelText('Password'), 'correct horse battery staple');

    await u.click(screen.getByRole('button', { name: 'Sign in' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(REQUIRED_DETAIL);
    expect(screen.getByRole('button', { name: `Continue with ${ORG}` })).toBeTruthy();
    expect(screen.queryByLabelText('Password')).toBeNull();
    expect(document.activeElement).toBe(alert);
  });

  it('falls back to the password when the lookup fails, and asks again when the password is refused for the institution', async () => {
    // The answers before the password fail (on leaving the field, and before sending); the one after the refusal works.
    let lookups = 0;
    const lookUp: Handler = () => (++lookups <= 2 ? problem(503, { title: 'Service Unavailable' }) : institution(true));
    const { calls } = mockFetch({
      'GET /api/auth/me': anonymous,
      'GET /api/auth/sso': lookUp,
      'POST /api/auth/login': () => problem(403, { title: 'Forbidden', detail: REQUIRED_DETAIL, reason: 'sso-required' }),
    });
    renderApp('/login');
    const u = await typeAddress();
    await u.type(screen.getByLabelText('Password'), 'correct horse battery staple');
    expect(screen.queryByRole('alert')).toBeNull();

    await u.click(screen.getByRole('button', { name: 'Sign in' }));

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Sign-in failed')).toBeTruthy();
    expect(alert.textContent).toContain(REQUIRED_DETAIL);
    expect(await screen.findByRole('button', { name: `Continue with ${ORG}` })).toBeTruthy();
    expect(document.activeElement).toBe(alert);
    expect(calls('POST /api/auth/login')).toHaveLength(1);
    expect(calls('GET /api/auth/sso')).toHaveLength(3);
  });

  it('explains why the institution sent the person back', async () => {
    mockFetch({ 'GET /api/auth/me': anonymous });
    renderApp('/login?ssoError=not-invited');

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Institution sign-in failed')).toBeTruthy();
    expect(alert.textContent).toContain('Ask one of its administrators for an invitation.');
    expect(document.activeElement).toBe(alert);
    expect(await axeViolations()).toEqual([]);

    // Gone once the form is used.
    const u = await typeAddress();
    await u.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(screen.queryByText('Institution sign-in failed')).toBeNull());
  });

  it.each([
    ['expired', 'Signing in took too long. Start again.'],
    ['locked', 'Your account is locked for a while after repeated failed sign-ins.'],
    ['other-domain', 'is not one of the organization’s domains'],
    ['email-unverified', 'did not confirm an e-mail address'],
    ['failed', 'could not be verified'],
    ['something-new', 'could not be verified'],
  ])('explains ssoError=%s', async (code, text) => {
    mockFetch({ 'GET /api/auth/me': anonymous });
    renderApp(`/login?ssoError=${code}`);

    expect((await screen.findByRole('alert')).textContent).toContain(text);
  });
});

describe('Link your account', () => {
  const page = `/login/link?email=${encodeURIComponent(ADDRESS)}&returnUrl=%2Fprofile`;
  const CODE_NEEDED = 'Enter the code from your authenticator app.';

  /** A server where the password is right; `link` answers POST /api/auth/sso/link. */
  function server(link: Handler) {
    let signedIn = false;
    return mockFetch({
      'GET /api/auth/me': () => (signedIn ? json(200, user) : anonymous()),
      'POST /api/auth/sso/link': async (request, body) => {
        const response = await link(request, body);
        signedIn = response.ok;
        return response;
      },
    });
  }

  it('links the account with its password and goes where the sign-in was going', async () => {
    const { calls } = server(() => json(200, user));
    renderApp(page);
    const u = userEvent.setup();

    const form = await screen.findByRole('form', { name: 'Link your account' });
    expect(screen.getByRole('heading', { level: 1, name: 'Link your account' })).toBeTruthy();
    expect(screen.getByText(ADDRESS, { selector: 'strong' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to sign in' }).getAttribute('href')).toBe('/login');
    expect(within(form).queryByLabelText('Authentication code')).toBeNull();
    expect(await axeViolations()).toEqual([]);

    await u.click(within(form).getByRole('button', { name: 'Link and sign in' }));
    expect(description(within(form).getByLabelText('Password'))).toContain('Enter the password of your account.');
    expect(calls('POST /api/auth/sso/link')).toHaveLength(0);

    await u.type(within(form).getByLabelText('Password'), 'correct horse battery staple');
    await u.click(within(form).getByRole('button', { name: 'Link and sign in' }));

    await screen.findByRole('heading', { level: 1, name: 'Your profile' });
    expect(screen.getByTestId('location').textContent).toBe('/profile');
    const [link] = calls('POST /api/auth/sso/link');
    expect(JSON.parse(link!.body)).toEqual({ password: 'correct horse battery staple' });
    expect(link!.headers.get(ANTIFORGERY_HEADER)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy();
  });

  it('asks for a code when the account has two-factor on, then sends both', async () => {
    const { calls } = server((_request, body) =>
      JSON.parse(body).code
        ? json(200, user)
        : problem(401, { title: 'Unauthorized', detail: CODE_NEEDED, reason: 'two-factor-required' }),
    );
    // Only local paths: anything else goes home.
    renderApp(`/login/link?email=${encodeURIComponent(ADDRESS)}&returnUrl=%2F%2Fevil.example`);
    const u = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Link your account' });
    await u.type(within(form).getByLabelText('Password'), 'correct horse battery staple');
    await u.click(within(form).getByRole('button', { name: 'Link and sign in' }));

    const code = await within(form).findByLabelText('Authentication code');
    expect(code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(description(code)).toContain('or one of your recovery codes');
    expect(document.activeElement).toBe(code);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(await axeViolations()).toEqual([]);

    await u.click(within(form).getByRole('button', { name: 'Link and sign in' }));
    expect(description(code)).toContain('Enter the code your authenticator app shows');
    expect(calls('POST /api/auth/sso/link')).toHaveLength(1);

    await u.type(code, '123 456');
    await u.click(within(form).getByRole('button', { name: 'Link and sign in' }));

    await screen.findByRole('heading', { name: 'Home' });
    expect(screen.getByTestId('location').textContent).toBe('/');
    expect(JSON.parse(calls('POST /api/auth/sso/link')[1]!.body)).toEqual({ password: 'correct horse battery staple', code: '123456' });
  });

  it('shows the detail of a refusal and stays', async () => {
    const detail = 'The password is not right, or signing in at the institution took too long: start again.';
    server(() => problem(401, { title: 'Unauthorized', detail }));
    renderApp(page);
    const u = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Link your account' });
    await u.type(within(form).getByLabelText('Password'), 'wrong password');
    await u.click(within(form).getByRole('button', { name: 'Link and sign in' }));

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('The account could not be linked')).toBeTruthy();
    expect(alert.textContent).toContain(detail);
    expect(document.activeElement).toBe(alert);
    expect(screen.getByTestId('location').textContent).toBe(page);
  });
});
