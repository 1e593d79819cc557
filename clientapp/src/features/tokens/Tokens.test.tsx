import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { SecurityPolicy } from '../../api/types';
import { axeViolations } from '../../test/axe';
import { json, mockFetch, problem, type Handler } from '../../test/fetchMock';
import { statusMessage } from '../../test/helpers';
import { ANALYST_PERMISSIONS, ORG_ID, orgRoutes } from '../../test/orgFixtures';
import { renderApp } from '../../test/render';
import type { Token } from './api';

const base = `/api/organizations/${ORG_ID}`;
const page = `/orgs/${ORG_ID}/tokens`;
const SECRET = 'vm_pat_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefgWxYz12';

const policy: SecurityPolicy = {
  minimumPasswordLength: 12,
  requireTwoFactor: false,
  maxSessionHours: null,
  maxIdleMinutes: null,
  personalAccessTokensAllowed: true,
  maxTokenLifetimeDays: 90,
};

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

const exportScript: Token = {
  id: 'tok-1',
  name: 'Nightly export',
  hint: 'a1B2',
  createdAt: '2026-11-01T09:00:00Z',
  expiresAt: '2027-01-30T09:00:00Z',
  lastUsedAt: ago(5),
  revokedAt: null,
  status: 'active',
};
const oldScript: Token = {
  id: 'tok-2',
  name: 'Old pipeline hook',
  hint: 'zZ90',
  createdAt: '2026-06-01T09:00:00Z',
  expiresAt: '2026-07-01T09:00:00Z',
  lastUsedAt: null,
  revokedAt: null,
  status: 'expired',
};
const laptop: Token = {
  id: 'tok-3',
  name: 'Laptop',
  hint: 'Qq77',
  createdAt: '2026-05-01T09:00:00Z',
  expiresAt: '2026-08-01T09:00:00Z',
  lastUsedAt: null,
  revokedAt: '2026-05-02T09:00:00Z',
  status: 'revoked',
};

/** A signed-in Analyst (no settings permission: every member has the page) with `tokens` and the organization's `securityPolicy`. */
function server(tokens: Token[], securityPolicy: SecurityPolicy = policy, routes: Record<string, Handler> = {}) {
  return mockFetch({
    ...orgRoutes('Analyst', ANALYST_PERMISSIONS),
    [`GET ${base}/settings/security`]: () => json(200, securityPolicy),
    [`GET ${base}/tokens`]: () => json(200, tokens),
    ...routes,
  });
}

/** The text of the elements an element's aria-describedby points to. */
function description(element: HTMLElement): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

/** The cells of the row headed by `name`. */
function cells(name: string): string[] {
  const row = screen.getByRole('rowheader', { name }).closest('tr')!;
  return [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? '');
}

describe('API tokens page', () => {
  it('is in every member’s organization navigation and lists my tokens with their status; only active ones can be revoked', async () => {
    const { calls } = server([exportScript, oldScript, laptop]);
    renderApp(`/orgs/${ORG_ID}`);
    const u = userEvent.setup();

    const nav = await screen.findByRole('navigation', { name: 'Organization' });
    await u.click(within(nav).getByRole('link', { name: 'API tokens' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'API tokens' })).toBeTruthy();
    expect(document.title).toBe('API tokens · VariantMiner');
    expect(screen.getByText(/A token acts as you, with your current role, in this organization only/)).toBeTruthy();
    expect(screen.getByText('Authorization: Bearer <token>').tagName).toBe('CODE');
    expect(screen.getByText(/cannot be used in the browser’s address bar, nor for your account settings/)).toBeTruthy();

    const table = await screen.findByRole('table', { name: 'Your API tokens' });
    expect(within(table).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['Nightly export', 'Old pipeline hook', 'Laptop']);
    expect(cells('Nightly export')).toEqual(['…a1B2', '1 Nov 2026', '30 Jan 2027', '5 minutes ago', 'Active', 'Revoke']);
    expect(cells('Old pipeline hook')).toEqual(['…zZ90', '1 Jun 2026', '1 Jul 2026', 'Never', 'Expired', '']);
    expect(cells('Laptop')).toEqual(['…Qq77', '1 May 2026', '1 Aug 2026', 'Never', 'Revoked', '']);
    expect(screen.getByRole('button', { name: 'Revoke Nightly export' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Revoke Old pipeline hook' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Revoke Laptop' })).toBeNull();
    expect(screen.getByRole('button', { name: 'New token' })).toBeTruthy();
    expect(calls(`GET ${base}/settings/security`)).toHaveLength(1);
    expect(await axeViolations()).toEqual([]);
  });

  it('creates a token: the body sent, the token shown once with a copy button and an example, the list read again', async () => {
    let tokens: Token[] = [];
    const created: Token = { ...exportScript, id: 'tok-new', name: 'Variant export', hint: 'xYz1', lastUsedAt: null };
    const { calls } = server(tokens, policy, {
      [`GET ${base}/tokens`]: () => json(200, tokens),
      [`POST ${base}/tokens`]: () => {
        tokens = [created];
        return json(201, { token: SECRET, details: created });
      },
    });
    renderApp(page);
    const u = userEvent.setup();

    expect(await screen.findByRole('heading', { level: 2, name: 'No tokens yet' })).toBeTruthy();
    await u.click(await screen.findByRole('button', { name: 'New token' }));
    const form = screen.getByRole('dialog', { name: 'New token' });
    const days = within(form).getByLabelText('Expires in (days)') as HTMLInputElement;
    expect(days.value).toBe('30');
    expect(days.max).toBe('90');
    expect(description(days)).toContain('At most 90: the longest this organization allows.');
    expect(await axeViolations('[role="dialog"]')).toEqual([]);

    // Checked before sending.
    await u.clear(days);
    await u.type(days, '91');
    await u.click(within(form).getByRole('button', { name: 'Create token' }));
    const name = within(form).getByLabelText('Name');
    expect(description(name)).toContain('Name the token after what will use it.');
    expect(description(days)).toContain('Enter a whole number of days from 1 to 90.');
    expect(document.activeElement).toBe(name);
    expect(calls(`POST ${base}/tokens`)).toHaveLength(0);

    await u.type(name, '  Variant export ');
    await u.clear(days);
    await u.type(days, '14');
    await u.click(within(form).getByRole('button', { name: 'Create token' }));

    const shown = await screen.findByRole('dialog', { name: 'Token “Variant export” created' });
    expect(JSON.parse(calls(`POST ${base}/tokens`)[0]!.body)).toEqual({ name: 'Variant export', expiresInDays: 14 });
    expect(within(shown).getByText('Copy the token now: it will not be shown again')).toBeTruthy();
    expect(within(shown).getByText(SECRET).tagName).toBe('CODE');
    expect(within(shown).getByText(`curl -H "Authorization: Bearer ${SECRET}" ${window.location.origin}${base}/workspaces`)).toBeTruthy();
    expect(within(shown).getByRole('button', { name: 'Copy example' })).toBeTruthy();
    expect(document.activeElement).toBe(within(shown).getByRole('button', { name: 'Copy token' }));
    await u.click(within(shown).getByRole('button', { name: 'Copy token' }));
    expect(await navigator.clipboard.readText()).toBe(SECRET);
    expect(await within(shown).findByText('Token copied to the clipboard.')).toBeTruthy();
    expect(statusMessage()).toBe('Token “Variant export” created.');
    expect(await axeViolations('[role="dialog"]')).toEqual([]);

    // The list was read again behind the dialog; closing it forgets the token.
    expect(await screen.findByRole('rowheader', { name: 'Variant export' })).toBeTruthy();
    expect(calls(`GET ${base}/tokens`).length).toBeGreaterThanOrEqual(2);
    await u.click(within(shown).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByText(SECRET, { exact: false })).toBeNull();
    expect(cells('Variant export')[0]).toBe('…xYz1');
  });

  it('shows the server’s refusal of the lifetime next to the field', async () => {
    server([], policy, {
      [`POST ${base}/tokens`]: () =>
        problem(400, {
          title: 'One or more validation errors occurred.',
          errors: { ExpiresInDays: ['This organization allows tokens of at most 30 days.'] },
        }),
    });
    renderApp(page);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'New token' }));
    const form = screen.getByRole('dialog', { name: 'New token' });
    await u.type(within(form).getByLabelText('Name'), 'CI');
    await u.click(within(form).getByRole('button', { name: 'Create token' }));

    const days = within(form).getByLabelText('Expires in (days)');
    await waitFor(() => expect(days.getAttribute('aria-invalid')).toBe('true'));
    expect(description(days)).toContain('This organization allows tokens of at most 30 days.');
    expect(document.activeElement).toBe(days);
    expect(within(form).getByRole('alert').textContent).toContain('Check the highlighted fields and try again.');
    expect(screen.queryByRole('dialog', { name: /created/ })).toBeNull();
  });

  it('says so, without a create button, when the organization allows no tokens', async () => {
    server([exportScript], { ...policy, personalAccessTokensAllowed: false });
    renderApp(page);

    expect(await screen.findByText('This organization does not allow personal access tokens')).toBeTruthy();
    expect(screen.getByText(/your existing tokens do not work while this lasts/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Security page' }).getAttribute('href')).toBe(`/orgs/${ORG_ID}/security`);
    expect(screen.queryByRole('button', { name: 'New token' })).toBeNull();
    expect(await screen.findByRole('rowheader', { name: 'Nightly export' })).toBeTruthy();
    expect(await axeViolations()).toEqual([]);
  });

  it('reads the policy again when the server refuses a token because the organization no longer allows them', async () => {
    let current = policy;
    const { calls } = server([], policy, {
      [`GET ${base}/settings/security`]: () => json(200, current),
      [`POST ${base}/tokens`]: () => {
        current = { ...policy, personalAccessTokensAllowed: false };
        return problem(403, { title: 'Forbidden', detail: 'This organization does not allow personal access tokens.', reason: 'organization-disallows-tokens' });
      },
    });
    renderApp(page);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'New token' }));
    const form = screen.getByRole('dialog', { name: 'New token' });
    await u.type(within(form).getByLabelText('Name'), 'CI');
    await u.click(within(form).getByRole('button', { name: 'Create token' }));

    expect((await within(form).findByRole('alert')).textContent).toContain('This organization does not allow personal access tokens.');
    await waitFor(() => expect(screen.queryByRole('button', { name: 'New token' })).toBeNull());
    expect(calls(`GET ${base}/settings/security`)).toHaveLength(2);
    await u.click(within(form).getByRole('button', { name: 'Cancel' }));
    expect(screen.getByText('This organization does not allow personal access tokens')).toBeTruthy();
  });

  it('revokes a token after asking, and reads the list again', async () => {
    let tokens = [exportScript];
    const { calls } = server(tokens, policy, {
      [`GET ${base}/tokens`]: () => json(200, tokens),
      [`POST ${base}/tokens/tok-1/revoke`]: () => {
        tokens = [{ ...exportScript, revokedAt: new Date().toISOString(), status: 'revoked' }];
        return json(200, tokens[0]);
      },
    });
    renderApp(page);
    const u = userEvent.setup();

    // Cancelling sends nothing.
    await u.click(await screen.findByRole('button', { name: 'Revoke Nightly export' }));
    await u.click(within(screen.getByRole('dialog', { name: 'Revoke token' })).getByRole('button', { name: 'Cancel' }));
    expect(calls(`POST ${base}/tokens/tok-1/revoke`)).toHaveLength(0);

    await u.click(screen.getByRole('button', { name: 'Revoke Nightly export' }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke token' });
    expect(dialog.textContent).toContain('Revoke Nightly export? Scripts using it stop working at once.');
    expect(await axeViolations('[role="dialog"]')).toEqual([]);
    await u.click(within(dialog).getByRole('button', { name: 'Revoke token' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls(`POST ${base}/tokens/tok-1/revoke`)).toHaveLength(1);
    expect(statusMessage()).toBe('Token “Nightly export” revoked.');
    await waitFor(() => expect(cells('Nightly export')[4]).toBe('Revoked'));
    expect(screen.queryByRole('button', { name: 'Revoke Nightly export' })).toBeNull();
  });
});
