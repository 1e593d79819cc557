import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { anonymous, json, mockFetch } from '../test/fetchMock';
import { ALL_PERMISSIONS, ORG_ID, orgRoutes, workspaces } from '../test/orgFixtures';
import { renderApp } from '../test/render';
import { meQueryKey } from '../features/auth/authApi';

const base = `/api/organizations/${ORG_ID}`;
const location = () => screen.getByTestId('location').textContent;

/** A tab left open after signing out elsewhere: every call now answers 401. */
function signedOutElsewhere(routes: ReturnType<typeof orgRoutes>, signedIn: { value: boolean }) {
  const guarded: typeof routes = {};
  for (const [key, handler] of Object.entries(routes)) {
    guarded[key] = (request, body) => (signedIn.value ? handler(request, body) : anonymous());
  }
  return guarded;
}

describe('a session that ended under an open page', () => {
  it('says so with "Sign in again" (returning here) when a page’s data answers 401, instead of an error or a jump', async () => {
    mockFetch({ ...orgRoutes('Group Supervisor', ALL_PERMISSIONS), [`GET ${base}/roles`]: anonymous });
    renderApp(`/orgs/${ORG_ID}/roles?tab=matrix`);

    expect(await screen.findByRole('heading', { level: 1, name: 'You have been signed out' })).toBeTruthy();
    const link = screen.getByRole('link', { name: 'Sign in again' });
    expect(link.getAttribute('href')).toBe(`/login?returnTo=${encodeURIComponent(`/orgs/${ORG_ID}/roles?tab=matrix`)}`);
    expect(location()).toBe(`/orgs/${ORG_ID}/roles?tab=matrix`);
    expect(screen.queryByRole('button', { name: 'Sign out' })).toBeNull();

    await userEvent.setup().click(link);
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(location()).toBe(`/login?returnTo=${encodeURIComponent(`/orgs/${ORG_ID}/roles?tab=matrix`)}`);
  });

  it('says so when a save is refused with 401', async () => {
    const signedIn = { value: true };
    mockFetch({
      ...signedOutElsewhere(orgRoutes('Group Supervisor', ALL_PERMISSIONS), signedIn),
      [`POST ${base}/workspaces`]: anonymous,
    });
    renderApp(`/orgs/${ORG_ID}/workspaces`);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'New workspace' }));
    const dialog = screen.getByRole('dialog', { name: 'New workspace' });
    await u.type(within(dialog).getByLabelText('Workspace name'), 'Panels');
    signedIn.value = false;
    await u.click(within(dialog).getByRole('button', { name: 'Create workspace' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'You have been signed out' })).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('link', { name: 'Sign in again' }).getAttribute('href')).toBe(
      `/login?returnTo=${encodeURIComponent(`/orgs/${ORG_ID}/workspaces`)}`,
    );
  });

  it('says so when the signed-in user, read again (e.g. on returning to the tab), is anonymous', async () => {
    const signedIn = { value: true };
    mockFetch(signedOutElsewhere(orgRoutes('Group Supervisor', ALL_PERMISSIONS), signedIn));
    const { queryClient } = renderApp(`/orgs/${ORG_ID}/workspaces`);

    await screen.findByRole('button', { name: 'New workspace' });
    signedIn.value = false;
    await queryClient.invalidateQueries({ queryKey: meQueryKey });

    expect(await screen.findByRole('heading', { level: 1, name: 'You have been signed out' })).toBeTruthy();
    expect(location()).toBe(`/orgs/${ORG_ID}/workspaces`);
  });

  it('does not get in the way of signing out here, nor of an anonymous visit', async () => {
    mockFetch({ ...orgRoutes('Group Supervisor', ALL_PERMISSIONS), 'POST /api/auth/logout': () => new Response(null, { status: 204 }) });
    const first = renderApp(`/orgs/${ORG_ID}/workspaces`);
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(location()).toMatch(/^\/login/);
    expect(screen.queryByText('You have been signed out')).toBeNull();
    first.unmount();

    mockFetch({ 'GET /api/auth/me': anonymous });
    renderApp(`/orgs/${ORG_ID}/workspaces`);
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(location()).toBe(`/login?returnTo=${encodeURIComponent(`/orgs/${ORG_ID}/workspaces`)}`);
    expect(screen.queryByText('You have been signed out')).toBeNull();
  });

  it('is cleared by signing in again, which returns to the page', async () => {
    let workspaceCalls = 0;
    mockFetch({
      ...orgRoutes('Group Supervisor', ALL_PERMISSIONS),
      [`GET ${base}/workspaces`]: () => (++workspaceCalls === 1 ? anonymous() : json(200, workspaces)),
      'POST /api/auth/login': () => json(200, { id: 'ada', email: 'ada@example.org', displayName: 'Ada Lovelace', isPlatformAdmin: false, lastOrganizationId: ORG_ID, emailVerified: true }),
    });
    renderApp(`/orgs/${ORG_ID}/workspaces`);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('link', { name: 'Sign in again' }));
    await u.type(await screen.findByLabelText('E-mail address'), 'ada@example.org');
    await u.type(screen.getByLabelText('Password'), 'correct horse battery');
    await u.click(screen.getByRole('button', { name: 'Sign in' }));

    await waitFor(() => expect(location()).toBe(`/orgs/${ORG_ID}/workspaces`));
    expect(await screen.findByRole('heading', { level: 1, name: 'Workspaces' })).toBeTruthy();
    expect(await screen.findByRole('rowheader', { name: /General/ })).toBeTruthy();
    expect(screen.queryByText('You have been signed out')).toBeNull();
  });
});
