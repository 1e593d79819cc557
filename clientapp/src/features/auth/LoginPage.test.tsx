import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ANTIFORGERY_HEADER } from '../../api/client';
import { anonymous, json, mockFetch, problem, user } from '../../test/fetchMock';
import { renderApp } from '../../test/render';

/** The text of the elements an input's aria-describedby points to. */
function description(input: HTMLElement): string {
  return (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

async function fillAndSubmit(email: string, password: string) {
  const u = userEvent.setup();
  await screen.findByRole('form', { name: 'Sign in' });
  if (email) await u.type(screen.getByLabelText('E-mail address'), email);
  if (password) await u.type(screen.getByLabelText('Password'), password);
  await u.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('Sign in page', () => {
  it('asks for both fields before calling the server', async () => {
    const { calls } = mockFetch({ 'GET /api/auth/me': anonymous });
    renderApp('/login');

    await fillAndSubmit('', '');

    const email = screen.getByLabelText('E-mail address');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(description(email)).toContain('Enter your e-mail address.');
    expect(description(screen.getByLabelText('Password'))).toContain('Enter your password.');
    expect(document.activeElement).toBe(email);
    expect(calls('POST /api/auth/login')).toHaveLength(0);
  });

  it('shows validation errors from a 400 problem next to the fields', async () => {
    mockFetch({
      'GET /api/auth/me': anonymous,
      'POST /api/auth/login': () =>
        problem(400, {
          title: 'One or more validation errors occurred.',
          errors: { Email: ["'Email' is not a valid email address."] },
        }),
    });
    renderApp('/login');

    await fillAndSubmit('not-an-address', 'whatever password');

    const email = await screen.findByLabelText('E-mail address');
    await screen.findByRole('alert');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(description(email)).toContain("'Email' is not a valid email address.");
    expect(screen.getByLabelText('Password').getAttribute('aria-invalid')).toBeNull();
    expect(within(screen.getByRole('alert')).getByText('Check the highlighted fields and try again.')).toBeTruthy();
  });

  it('shows the problem detail of a 401 in an alert', async () => {
    mockFetch({
      'GET /api/auth/me': anonymous,
      'POST /api/auth/login': () => problem(401, { title: 'Unauthorized', detail: 'The e-mail address or password is incorrect.' }),
    });
    renderApp('/login');

    await fillAndSubmit('ada@example.org', 'wrong password!');

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The e-mail address or password is incorrect.');
    expect(screen.getByTestId('location').textContent).toBe('/login');
  });

  it('shows the same 401 detail for a locked account, with no lockout message of its own', async () => {
    const detail =
      'The e-mail address or password is incorrect, or the account is locked for a while after repeated failures (its owner has been e-mailed).';
    mockFetch({
      'GET /api/auth/me': anonymous,
      'POST /api/auth/login': () => problem(401, { title: 'Unauthorized', detail }),
    });
    renderApp('/login');

    await fillAndSubmit('ada@example.org', 'wrong password!');

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Sign-in failed')).toBeTruthy();
    expect(alert.textContent).toContain(detail);
    expect(alert.textContent).not.toContain('This account is locked.');
    expect(document.activeElement).toBe(alert);
    expect(screen.getByTestId('location').textContent).toBe('/login');
  });

  it('signs in with the antiforgery token and goes to the home page', async () => {
    let signedIn = false;
    const { calls } = mockFetch({
      'GET /api/auth/me': () => (signedIn ? json(200, user) : anonymous()),
      'POST /api/auth/login': () => {
        signedIn = true;
        return json(200, user);
      },
    });
    renderApp('/login?returnTo=%2F');

    await fillAndSubmit('  ada@example.org ', 'correct horse battery staple');

    expect(await screen.findByText('Ada Lovelace', { selector: 'strong' })).toBeTruthy();
    expect(screen.getByTestId('location').textContent).toBe('/');
    const [login] = calls('POST /api/auth/login');
    expect(JSON.parse(login!.body)).toEqual({ email: 'ada@example.org', password: 'correct horse battery staple' });
    expect(login!.headers.get(ANTIFORGERY_HEADER)).toBe('token-1');
  });

  it('ignores a returnTo that points to another site', async () => {
    mockFetch({ 'GET /api/auth/me': anonymous, 'POST /api/auth/login': () => json(200, user) });
    renderApp('/login?returnTo=https%3A%2F%2Fevil.example%2F');

    await fillAndSubmit('ada@example.org', 'correct horse battery staple');

    await screen.findByRole('heading', { name: 'Home' });
    expect(screen.getByTestId('location').textContent).toBe('/');
  });

  it('signs out with a fresh antiforgery token and returns to the sign-in page', async () => {
    let signedIn = true;
    const { calls } = mockFetch({
      'GET /api/auth/me': () => (signedIn ? json(200, user) : anonymous()),
      'POST /api/auth/login': () => {
        signedIn = true;
        return json(200, user);
      },
      'POST /api/auth/logout': () => {
        signedIn = false;
        return new Response(null, { status: 204 });
      },
    });
    renderApp('/');
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Sign out' }));
    await screen.findByRole('heading', { name: 'Sign in' });
    await fillAndSubmit('ada@example.org', 'correct horse battery staple');
    await screen.findByRole('heading', { name: 'Home' });

    // The token used before sign-out is bound to the old identity: a new one is fetched after it.
    expect(calls('POST /api/auth/logout')[0]!.headers.get(ANTIFORGERY_HEADER)).toBe('token-1');
    expect(calls('POST /api/auth/login')[0]!.headers.get(ANTIFORGERY_HEADER)).toBe('token-2');
    expect(screen.queryByRole('button', { name: 'Sign in' })).toBeNull();
  });
});
