import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ANTIFORGERY_HEADER } from '../../api/client';
import { anonymous, json, mockFetch, problem, user } from '../../test/fetchMock';
import { statusMessage } from '../../test/helpers';
import { renderApp } from '../../test/render';

function description(input: HTMLElement): string {
  return (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

function form(name: string) {
  return screen.getByRole('form', { name });
}

describe('Header', () => {
  it('links to the profile from my name, and to the administration only for platform administrators', async () => {
    mockFetch({ 'GET /api/auth/me': () => json(200, user) });
    renderApp('/');
    const profile = await screen.findByRole('link', { name: 'Your profile: Ada Lovelace' });
    expect(profile.getAttribute('href')).toBe('/profile');
    expect(screen.queryByRole('link', { name: 'Administration' })).toBeNull();
  });

  it('shows "Administration" to a platform administrator', async () => {
    mockFetch({ 'GET /api/auth/me': () => json(200, { ...user, isPlatformAdmin: true }), 'GET /api/admin/organizations': () => json(200, []) });
    renderApp('/');
    const link = await screen.findByRole('link', { name: 'Administration' });
    expect(link.getAttribute('href')).toBe('/admin');
  });
});

describe('Profile page', () => {
  it('needs a session', async () => {
    mockFetch({ 'GET /api/auth/me': anonymous });
    renderApp('/profile');
    await screen.findByRole('heading', { name: 'Sign in' });
    expect(screen.getByTestId('location').textContent).toBe('/login?returnTo=%2Fprofile');
  });

  it('changes the display name, everywhere it is shown', async () => {
    let current = user;
    const { calls } = mockFetch({
      'GET /api/auth/me': () => json(200, current),
      'PATCH /api/auth/me': (_r, body) => {
        current = { ...user, displayName: (JSON.parse(body) as { displayName: string }).displayName };
        return json(200, current);
      },
    });
    renderApp('/profile');
    const u = userEvent.setup();

    await screen.findByRole('heading', { level: 1, name: 'Your profile' });
    const name = within(form('Name')).getByLabelText('Display name') as HTMLInputElement;
    expect(name.value).toBe('Ada Lovelace');
    await u.clear(name);
    await u.click(within(form('Name')).getByRole('button', { name: 'Save name' }));
    expect(description(name)).toContain('Enter your name.');
    expect(calls('PATCH /api/auth/me')).toHaveLength(0);

    await u.type(name, '  Ada King ');
    await u.click(within(form('Name')).getByRole('button', { name: 'Save name' }));
    await waitFor(() => expect(statusMessage()).toBe('Your name is now “Ada King”.'));
    expect(JSON.parse(calls('PATCH /api/auth/me')[0]!.body)).toEqual({ displayName: 'Ada King' });
    expect(calls('PATCH /api/auth/me')[0]!.headers.get(ANTIFORGERY_HEADER)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Your profile: Ada King' })).toBeTruthy();
  });

  it('asks for a new address and the current password, and says where the link went', async () => {
    const { calls } = mockFetch({
      'GET /api/auth/me': () => json(200, user),
      'POST /api/auth/me/email': () => new Response(null, { status: 202 }),
    });
    renderApp('/profile');
    const u = userEvent.setup();

    const email = within(await screen.findByRole('form', { name: 'Change e-mail address' }));
    expect(screen.getByText(/we send a link to the new address/)).toBeTruthy();
    await u.type(email.getByLabelText('New e-mail address'), 'ADA@example.org');
    await u.click(email.getByRole('button', { name: 'Send confirmation link' }));
    expect(description(email.getByLabelText('New e-mail address'))).toContain('This is already your address.');
    expect(description(email.getByLabelText('Current password'))).toContain('Enter your current password.');

    await u.clear(email.getByLabelText('New e-mail address'));
    await u.type(email.getByLabelText('New e-mail address'), 'ada@new.example');
    await u.type(email.getByLabelText('Current password'), 'correct horse battery staple');
    await u.click(email.getByRole('button', { name: 'Send confirmation link' }));
    await waitFor(() => expect(statusMessage()).toContain('We sent a confirmation link to ada@new.example.'));
    expect(statusMessage()).toContain('until then, sign in with ada@example.org');
    expect(JSON.parse(calls('POST /api/auth/me/email')[0]!.body)).toEqual({
      newEmail: 'ada@new.example',
      currentPassword: 'correct horse battery staple',
    });
    // The form is emptied (no password left on screen).
    const again = within(form('Change e-mail address'));
    expect((again.getByLabelText('Current password') as HTMLInputElement).value).toBe('');
  });

  it('shows a wrong current password and an address in use next to the fields', async () => {
    let answer = () => problem(400, { title: 'One or more validation errors occurred.', errors: { currentPassword: ['The current password is not right.'] } });
    mockFetch({ 'GET /api/auth/me': () => json(200, user), 'POST /api/auth/me/email': () => answer() });
    renderApp('/profile');
    const u = userEvent.setup();
    const email = within(await screen.findByRole('form', { name: 'Change e-mail address' }));
    await u.type(email.getByLabelText('New e-mail address'), 'grace@example.org');
    await u.type(email.getByLabelText('Current password'), 'wrong password');
    await u.click(email.getByRole('button', { name: 'Send confirmation link' }));
    await waitFor(() => expect(description(email.getByLabelText('Current password'))).toContain('The current password is not right.'));

    answer = () => problem(409, { title: 'Conflict', detail: 'Another account uses this e-mail address.' });
    await u.click(email.getByRole('button', { name: 'Send confirmation link' }));
    await waitFor(() => expect(description(email.getByLabelText('New e-mail address'))).toContain('Another account uses this e-mail address.'));
  });

  it('changes the password (other sessions end, this one stays)', async () => {
    const { calls } = mockFetch({
      'GET /api/auth/me': () => json(200, user),
      'POST /api/auth/me/password': () => new Response(null, { status: 204 }),
    });
    renderApp('/profile');
    const u = userEvent.setup();

    const password = within(await screen.findByRole('form', { name: 'Change password' }));
    expect(screen.getByText(/signs out every other session of your account/)).toBeTruthy();
    await u.type(password.getByLabelText('Current password'), 'old passphrase here');
    await u.type(password.getByLabelText('New password'), 'a brand new passphrase');
    await u.type(password.getByLabelText('Repeat the new password'), 'a brand new passphrase!');
    await u.click(password.getByRole('button', { name: 'Change password' }));
    expect(description(password.getByLabelText('Repeat the new password'))).toContain('The two passwords are not the same.');
    expect(calls('POST /api/auth/me/password')).toHaveLength(0);

    await u.type(password.getByLabelText('Repeat the new password'), '{Backspace}');
    await u.click(password.getByRole('button', { name: 'Change password' }));
    await waitFor(() => expect(statusMessage()).toContain('Your password has been changed. Your other sessions have been signed out'));
    expect(JSON.parse(calls('POST /api/auth/me/password')[0]!.body)).toEqual({
      currentPassword: 'old passphrase here',
      newPassword: 'a brand new passphrase',
    });
    // Still signed in, with the fields emptied.
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy();
    expect((within(form('Change password')).getByLabelText('New password') as HTMLInputElement).value).toBe('');
  });

  it('shows errors.currentPassword of a refused change next to the field', async () => {
    mockFetch({
      'GET /api/auth/me': () => json(200, user),
      'POST /api/auth/me/password': () =>
        problem(400, { title: 'One or more validation errors occurred.', errors: { currentPassword: ['The current password is not right.'] } }),
    });
    renderApp('/profile');
    const u = userEvent.setup();
    const password = within(await screen.findByRole('form', { name: 'Change password' }));
    await u.type(password.getByLabelText('Current password'), 'wrong one');
    await u.type(password.getByLabelText('New password'), 'a brand new passphrase');
    await u.type(password.getByLabelText('Repeat the new password'), 'a brand new passphrase');
    await u.click(password.getByRole('button', { name: 'Change password' }));
    const current = password.getByLabelText('Current password');
    await waitFor(() => expect(description(current)).toContain('The current password is not right.'));
    expect(document.activeElement).toBe(current);
  });

  it('signs out everywhere after a confirmation', async () => {
    let signedIn = true;
    const { calls } = mockFetch({
      'GET /api/auth/me': () => (signedIn ? json(200, user) : anonymous()),
      'POST /api/auth/logout': () => {
        signedIn = false;
        return new Response(null, { status: 204 });
      },
    });
    renderApp('/profile');
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Sign out everywhere' }));
    const dialog = screen.getByRole('dialog', { name: 'Sign out everywhere?' });
    expect(dialog.textContent).toContain('every other browser or device');
    expect(calls('POST /api/auth/logout')).toHaveLength(0);
    await u.click(within(dialog).getByRole('button', { name: 'Sign out everywhere' }));

    await screen.findByRole('heading', { name: 'Sign in' });
    // Signing in again comes back to the profile.
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/login?returnTo=%2Fprofile'));
    expect(statusMessage()).toBe('You have been signed out everywhere: every session of your account has ended.');
    expect(calls('POST /api/auth/logout')).toHaveLength(1);
  });
});
