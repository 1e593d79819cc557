import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import { ANTIFORGERY_HEADER } from '../../api/client';
import { anonymous, json, mockFetch, problem, user } from '../../test/fetchMock';
import { AppRoutes } from '../../app/routes';
import { renderApp, renderWithProviders } from '../../test/render';

const USER_ID = user.id;
const TOKEN = 'CfDJ8+abc/def==';
const link = `/verify-email?userId=${USER_ID}&token=${encodeURIComponent(TOKEN)}`;
const unverified = { ...user, emailVerified: false };
const noContent = () => new Response(null, { status: 204 });
const expired = () =>
  problem(410, { title: 'Gone', detail: 'This verification link is not valid or has expired. Sign in and send yourself a new one.' });

describe('Verify e-mail page', () => {
  it('posts the link’s user id and token once, anonymously, and offers to sign in', async () => {
    const { calls } = mockFetch({ 'GET /api/auth/me': anonymous, 'POST /api/auth/verify-email': noContent });
    renderApp(link);

    const outcome = await screen.findByText('Your e-mail address is verified');
    expect(screen.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/login');
    expect(screen.queryByRole('link', { name: 'Continue to VariantMiner' })).toBeNull();
    // The outcome is focused, so it is read out.
    expect(document.activeElement).toBe(outcome.closest('[role="status"]'));
    const posts = calls('POST /api/auth/verify-email');
    expect(posts).toHaveLength(1);
    expect(JSON.parse(posts[0]!.body)).toEqual({ userId: USER_ID, token: TOKEN });
    expect(posts[0]!.headers.get(ANTIFORGERY_HEADER)).toBe('token-1');
    // The title is set by an effect after the heading renders.
    await waitFor(() => expect(document.title).toContain('Verify e-mail address'));
  });

  it('posts once under StrictMode too (effects run twice in development)', async () => {
    const { calls } = mockFetch({ 'GET /api/auth/me': anonymous, 'POST /api/auth/verify-email': noContent });
    renderWithProviders(
      <StrictMode>
        <AppRoutes />
      </StrictMode>,
      { route: link },
    );

    await screen.findByText('Your e-mail address is verified');
    expect(calls('POST /api/auth/verify-email')).toHaveLength(1);
  });

  it('reads the signed-in user again after verifying, so the banner goes away', async () => {
    let verified = false;
    const { calls } = mockFetch({
      'GET /api/auth/me': () => json(200, { ...user, emailVerified: verified }),
      'POST /api/auth/verify-email': () => {
        verified = true;
        return noContent();
      },
    });
    renderApp(link);
    const u = userEvent.setup();

    await screen.findByText('Your e-mail address is verified');
    expect(calls('GET /api/auth/me').length).toBeGreaterThanOrEqual(2);
    expect(calls('POST /api/auth/verify-email')).toHaveLength(1);
    await u.click(screen.getByRole('link', { name: 'Continue to VariantMiner' }));
    await screen.findByRole('heading', { name: 'Home' });
    expect(screen.queryByRole('region', { name: 'Verify your e-mail address' })).toBeNull();
  });

  it('shows the problem’s detail of an expired link and, signed in, sends a new one', async () => {
    const { calls } = mockFetch({
      'GET /api/auth/me': () => json(200, unverified),
      'POST /api/auth/verify-email': expired,
      'POST /api/auth/verify-email/resend': noContent,
    });
    renderApp(link);
    const u = userEvent.setup();

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('This link could not be used');
    expect(alert.textContent).toContain('This verification link is not valid or has expired.');
    expect(document.activeElement).toBe(alert);
    // The page handles verification itself: no banner (and no second "send" button) on it.
    expect(screen.queryByRole('region', { name: 'Verify your e-mail address' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Send the link again' })).toBeNull();

    await u.click(screen.getByRole('button', { name: 'Send a new link' }));
    expect(await screen.findByText(/We sent a new link to ada@example.org/)).toBeTruthy();
    expect(calls('POST /api/auth/verify-email/resend')).toHaveLength(1);
    expect(calls('POST /api/auth/verify-email')).toHaveLength(1);
  });

  it('signed out, an expired link says to sign in for a new one', async () => {
    mockFetch({ 'GET /api/auth/me': anonymous, 'POST /api/auth/verify-email': expired });
    renderApp(link);

    expect((await screen.findByRole('alert')).textContent).toContain('has expired');
    expect(screen.queryByRole('button', { name: 'Send a new link' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/login');
  });

  it('shows the field messages of a 400 validation problem', async () => {
    mockFetch({
      'GET /api/auth/me': anonymous,
      'POST /api/auth/verify-email': () =>
        problem(400, { title: 'One or more validation errors occurred.', errors: { Token: ['The verification link is incomplete.'] } }),
    });
    renderApp(link);

    expect((await screen.findByRole('alert')).textContent).toContain('The verification link is incomplete.');
  });

  it('does not call the server for a link without its token', async () => {
    const { calls } = mockFetch({ 'GET /api/auth/me': anonymous });
    renderApp(`/verify-email?userId=${USER_ID}`);

    expect((await screen.findByRole('alert')).textContent).toContain('This verification link is incomplete');
    expect(calls('POST /api/auth/verify-email')).toHaveLength(0);
  });
});

describe('E-mail verification banner', () => {
  it('names the address until it is verified, and sends the link again', async () => {
    const { calls } = mockFetch({
      'GET /api/auth/me': () => json(200, unverified),
      'POST /api/auth/verify-email/resend': noContent,
    });
    renderApp('/');
    const u = userEvent.setup();

    const banner = await screen.findByRole('region', { name: 'Verify your e-mail address' });
    expect(banner.textContent).toContain('must be verified before you can accept invitations');
    expect(within(banner).getByText('ada@example.org')).toBeTruthy();
    const status = within(banner).getByRole('status');
    expect(status.textContent).toBe('');

    await u.click(within(banner).getByRole('button', { name: 'Send the link again' }));
    await waitFor(() => expect(status.textContent).toContain('We sent a new link to ada@example.org'));
    expect(calls('POST /api/auth/verify-email/resend')).toHaveLength(1);
    expect(calls('POST /api/auth/verify-email/resend')[0]!.headers.get(ANTIFORGERY_HEADER)).toBe('token-1');
  });

  it('shows the problem’s detail when the link cannot be sent', async () => {
    mockFetch({
      'GET /api/auth/me': () => json(200, unverified),
      'POST /api/auth/verify-email/resend': () =>
        problem(429, { title: 'Too Many Requests', detail: 'Wait a minute before asking for another link.' }),
    });
    renderApp('/');
    const u = userEvent.setup();

    const banner = await screen.findByRole('region', { name: 'Verify your e-mail address' });
    await u.click(within(banner).getByRole('button', { name: 'Send the link again' }));
    expect((await within(banner).findByRole('alert')).textContent).toContain('Wait a minute before asking for another link.');
    expect(within(banner).getByRole('status').textContent).toBe('');
  });

  it('is not shown to a verified user', async () => {
    mockFetch({ 'GET /api/auth/me': () => json(200, user) });
    renderApp('/');
    await screen.findByRole('heading', { name: 'Home' });
    expect(screen.queryByRole('region', { name: 'Verify your e-mail address' })).toBeNull();
  });
});
