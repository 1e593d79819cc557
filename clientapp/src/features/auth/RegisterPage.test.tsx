import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { anonymous, json, mockFetch, problem, user } from '../../test/fetchMock';
import { renderApp } from '../../test/render';

function description(input: HTMLElement): string {
  return (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

async function fillAndSubmit({ name = 'Ada Lovelace', email = 'ada@example.org', password = '' }) {
  const u = userEvent.setup();
  await screen.findByRole('form', { name: 'Create account' });
  if (name) await u.type(screen.getByLabelText('Full name'), name);
  if (email) await u.type(screen.getByLabelText('E-mail address'), email);
  if (password) await u.type(screen.getByLabelText('Password'), password);
  await u.click(screen.getByRole('button', { name: 'Create account' }));
}

describe('Registration page', () => {
  it('explains the password length rule', async () => {
    mockFetch({ 'GET /api/auth/me': anonymous });
    renderApp('/register');

    const password = await screen.findByLabelText('Password');
    expect(description(password)).toContain('At least 12 characters.');
    await userEvent.setup().type(password, 'short');
    expect(description(password)).toContain('7 more needed.');
  });

  it('rejects a password shorter than 12 characters without calling the server', async () => {
    const { calls } = mockFetch({ 'GET /api/auth/me': anonymous });
    renderApp('/register');

    await fillAndSubmit({ password: 'elevenchars' });

    const password = screen.getByLabelText('Password');
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(description(password)).toContain('Use at least 12 characters.');
    expect(document.activeElement).toBe(password);
    expect(screen.getByRole('alert').textContent).toContain('Check the highlighted fields');
    expect(calls('POST /api/auth/register')).toHaveLength(0);
  });

  it('requires a name and a plausible e-mail address', async () => {
    const { calls } = mockFetch({ 'GET /api/auth/me': anonymous });
    renderApp('/register');

    await fillAndSubmit({ name: '', email: 'ada.example.org', password: 'twelve chars ok' });

    expect(description(screen.getByLabelText('Full name'))).toContain('Enter your name.');
    expect(description(screen.getByLabelText('E-mail address'))).toContain('Enter a valid e-mail address');
    expect(screen.getByLabelText('Password').getAttribute('aria-invalid')).toBeNull();
    expect(calls('POST /api/auth/register')).toHaveLength(0);
  });

  it('shows the server’s validation errors next to the fields', async () => {
    mockFetch({
      'GET /api/auth/me': anonymous,
      'POST /api/auth/register': () =>
        problem(400, {
          title: 'One or more validation errors occurred.',
          errors: { Password: ['This password has appeared in a data breach. Choose another.'] },
        }),
    });
    renderApp('/register');

    await fillAndSubmit({ password: 'password1234' });

    await screen.findByRole('alert');
    const password = screen.getByLabelText('Password');
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(description(password)).toContain('This password has appeared in a data breach. Choose another.');
    expect(document.activeElement).toBe(password);
  });

  it('shows the detail of a 409 when the address is taken', async () => {
    mockFetch({
      'GET /api/auth/me': anonymous,
      'POST /api/auth/register': () =>
        problem(409, { title: 'Conflict', detail: 'An account with this e-mail address already exists.' }),
    });
    renderApp('/register');

    await fillAndSubmit({ password: 'a long enough passphrase' });

    expect((await screen.findByRole('alert')).textContent).toContain('An account with this e-mail address already exists.');
  });

  it('creates the account and shows the home page, with the administrator badge for the first user', async () => {
    const { calls } = mockFetch({
      'GET /api/auth/me': anonymous,
      'POST /api/auth/register': () => json(200, { ...user, isPlatformAdmin: true }),
    });
    renderApp('/register');

    await fillAndSubmit({ password: 'a long enough passphrase' });

    await screen.findByRole('heading', { name: 'Home' });
    expect(screen.getByText(/Signed in as/).textContent).toContain('Ada Lovelace');
    expect(screen.getByText('ada@example.org')).toBeTruthy();
    expect(screen.getAllByText('Platform administrator').length).toBeGreaterThan(0);
    expect(JSON.parse(calls('POST /api/auth/register')[0]!.body)).toEqual({
      displayName: 'Ada Lovelace',
      email: 'ada@example.org',
      password: 'a long enough passphrase',
    });
  });
});
