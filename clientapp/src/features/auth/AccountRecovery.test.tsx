import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ANTIFORGERY_HEADER } from '../../api/client';
import { sessionEndedKey } from '../../app/session';
import { anonymous, json, mockFetch, problem, user } from '../../test/fetchMock';
import { renderApp } from '../../test/render';
import { RESET_LINK_SENT } from './ForgotPasswordPage';

/** The text of the elements an input's aria-describedby points to. */
function description(input: HTMLElement): string {
  return (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

const USER_ID = user.id;

describe('Forgot password', () => {
  it('is linked from the sign-in page, with the address typed there', async () => {
    mockFetch({ 'GET /api/auth/me': anonymous });
    renderApp('/login');
    const u = userEvent.setup();
    await u.type(await screen.findByLabelText('E-mail address'), 'ada@example.org');
    await u.click(screen.getByRole('link', { name: 'Forgot your password?' }));
    await screen.findByRole('heading', { level: 1, name: 'Forgot your password?' });
    expect(screen.getByTestId('location').textContent).toBe('/forgot-password?email=ada%40example.org');
    expect((screen.getByLabelText('E-mail address') as HTMLInputElement).value).toBe('ada@example.org');
  });

  it('always says the same after a request, whether or not an account uses the address', async () => {
    const { calls } = mockFetch({
      'GET /api/auth/me': anonymous,
      'POST /api/auth/forgot-password': () => new Response(null, { status: 202 }),
    });
    renderApp('/forgot-password');
    const u = userEvent.setup();

    const email = await screen.findByLabelText('E-mail address');
    await u.click(screen.getByRole('button', { name: 'Send the link' }));
    expect(description(email)).toContain('Enter your e-mail address.');
    expect(calls('POST /api/auth/forgot-password')).toHaveLength(0);

    await u.type(email, '  nobody@example.org ');
    await u.click(screen.getByRole('button', { name: 'Send the link' }));
    const outcome = await screen.findByText(RESET_LINK_SENT);
    expect(outcome.textContent).toMatch(/^If an account uses this address, we sent a link/);
    await waitFor(() => expect(document.activeElement).toBe(outcome.closest('.alert')));
    expect(JSON.parse(calls('POST /api/auth/forgot-password')[0]!.body)).toEqual({ email: 'nobody@example.org' });
    expect(calls('POST /api/auth/forgot-password')[0]!.headers.get(ANTIFORGERY_HEADER)).toBe('token-1');
    expect(screen.getByRole('link', { name: 'Back to sign in' }).getAttribute('href')).toBe('/login');
  });

  it('shows the server’s field error', async () => {
    mockFetch({
      'GET /api/auth/me': anonymous,
      'POST /api/auth/forgot-password': () =>
        problem(400, { title: 'One or more validation errors occurred.', errors: { Email: ['Enter a valid e-mail address.'] } }),
    });
    renderApp('/forgot-password');
    const u = userEvent.setup();
    await u.type(await screen.findByLabelText('E-mail address'), 'a@b');
    await u.click(screen.getByRole('button', { name: 'Send the link' }));
    await waitFor(() => expect(description(screen.getByLabelText('E-mail address'))).toContain('Enter a valid e-mail address.'));
  });
});

describe('Reset password', () => {
  const route = `/reset-password?userId=${USER_ID}&token=tok%2Bxyz`;

  async function choose(password: string, confirmation = password) {
    const u = userEvent.setup();
    await u.type(await screen.findByLabelText('New password'), password);
    await u.type(screen.getByLabelText('Repeat the new password'), confirmation);
    await u.click(screen.getByRole('button', { name: 'Set new password' }));
  }

  it('checks the length and the repetition before sending', async () => {
    const { calls } = mockFetch({ 'GET /api/auth/me': anonymous });
    renderApp(route);
    await choose('short');
    expect(description(screen.getByLabelText('New password'))).toContain('Use at least 12 characters.');
    await userEvent.setup().clear(screen.getByLabelText('New password'));
    await choose('a long enough passphrase', 'another passphrase');
    expect(description(screen.getByLabelText('Repeat the new password'))).toContain('The two passwords are not the same.');
    expect(calls('POST /api/auth/reset-password')).toHaveLength(0);
  });

  it('sets the new password from the link, then says to sign in with it', async () => {
    const { calls } = mockFetch({
      'GET /api/auth/me': anonymous,
      'POST /api/auth/reset-password': () => new Response(null, { status: 204 }),
    });
    renderApp(route);
    await choose('a long enough passphrase');
    expect(await screen.findByText(/Every session of your account has been signed out/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/login');
    expect(JSON.parse(calls('POST /api/auth/reset-password')[0]!.body)).toEqual({
      userId: USER_ID,
      token: 'tok+xyz',
      newPassword: 'a long enough passphrase',
    });
  });

  it('explains a used or expired link (410) and links to asking again', async () => {
    const detail = 'This reset link is not valid any more: it works once, for one hour. Ask for a new one.';
    mockFetch({
      'GET /api/auth/me': anonymous,
      'POST /api/auth/reset-password': () => problem(410, { title: 'Gone', detail }),
    });
    renderApp(route);
    await choose('a long enough passphrase');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('This reset link cannot be used');
    expect(alert.textContent).toContain(detail);
    expect(screen.getByRole('link', { name: 'Ask for a new link' }).getAttribute('href')).toBe('/forgot-password');
    expect(screen.queryByLabelText('New password')).toBeNull();
  });

  it('shows errors.newPassword next to the field', async () => {
    mockFetch({
      'GET /api/auth/me': anonymous,
      'POST /api/auth/reset-password': () =>
        problem(400, { title: 'One or more validation errors occurred.', errors: { NewPassword: ['This password has appeared in a data breach.'] } }),
    });
    renderApp(route);
    await choose('password1234');
    const field = screen.getByLabelText('New password');
    await waitFor(() => expect(description(field)).toContain('This password has appeared in a data breach.'));
    expect(document.activeElement).toBe(field);
  });

  it('says an incomplete link is not valid', async () => {
    mockFetch({ 'GET /api/auth/me': anonymous });
    renderApp('/reset-password?userId=x');
    expect((await screen.findByRole('alert')).textContent).toContain('The link is incomplete');
  });

  it('is shown even when the session ended under this tab (the sign-in page links here)', async () => {
    mockFetch({ 'GET /api/auth/me': anonymous });
    const { queryClient } = renderApp(route);
    act(() => queryClient.setQueryData(sessionEndedKey, true));
    expect(await screen.findByRole('heading', { level: 1, name: 'Choose a new password' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'You have been signed out' })).toBeNull();
  });
});

describe('Confirm e-mail change', () => {
  const route = `/confirm-email-change?userId=${USER_ID}&email=ada%40new.example&token=tok%2F1`;

  it('confirms on load, signs this tab out and says to sign in with the new address', async () => {
    const { calls } = mockFetch({
      'GET /api/auth/me': () => json(200, user),
      'POST /api/auth/confirm-email-change': () => new Response(null, { status: 204 }),
    });
    renderApp(route);
    const alert = await screen.findByText('Your e-mail address has changed');
    expect(alert.closest('.alert')!.textContent).toContain('ada@new.example');
    expect(screen.getByRole('link', { name: 'Sign in with ada@new.example' }).getAttribute('href')).toBe('/login?email=ada%40new.example');
    // Every session ended: this tab no longer shows anyone signed in.
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Sign out' })).toBeNull());
    expect(calls('POST /api/auth/confirm-email-change')).toHaveLength(1);
    expect(JSON.parse(calls('POST /api/auth/confirm-email-change')[0]!.body)).toEqual({
      userId: USER_ID,
      newEmail: 'ada@new.example',
      token: 'tok/1',
    });
  });

  it('says a used or expired link (410) is not valid', async () => {
    mockFetch({
      'GET /api/auth/me': anonymous,
      'POST /api/auth/confirm-email-change': () =>
        problem(410, { title: 'Gone', detail: 'This link is not valid any more (it expires after a day and works once).' }),
    });
    renderApp(route);
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('This link is not valid')).toBeTruthy();
    expect(alert.textContent).toContain('it expires after a day and works once');
    expect(screen.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/login?returnTo=%2Fprofile');
  });
});
