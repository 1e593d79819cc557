import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { ALL_PERMISSIONS, ANALYST_PERMISSIONS, ORG_ID, orgRoutes, WS_EXOME } from '../../test/orgFixtures';
import { renderApp } from '../../test/render';

const ADMIN_WITHOUT_DELETE = ALL_PERMISSIONS.filter((p) => p !== 'workspaces.delete' && p !== 'organization.billing.manage');

describe('permission-driven rendering', () => {
  it('hides Settings from the navigation without organization.settings.manage', async () => {
    mockFetch(orgRoutes('Analyst', ANALYST_PERMISSIONS));
    renderApp(`/orgs/${ORG_ID}`);

    const nav = await screen.findByRole('navigation', { name: 'Organization' });
    expect(within(nav).getByRole('link', { name: 'Dashboard' })).toBeTruthy();
    expect(within(nav).getByRole('link', { name: 'Workspaces' })).toBeTruthy();
    expect(within(nav).getByRole('link', { name: 'Activity' })).toBeTruthy();
    expect(within(nav).queryByRole('link', { name: 'Settings' })).toBeNull();
  });

  it('shows Settings in the navigation with organization.settings.manage', async () => {
    mockFetch(orgRoutes('Group Admin', ['organization.settings.manage']));
    renderApp(`/orgs/${ORG_ID}`);

    const nav = await screen.findByRole('navigation', { name: 'Organization' });
    const settings = within(nav).getByRole('link', { name: 'Settings' });
    expect(settings.getAttribute('href')).toBe(`/orgs/${ORG_ID}/settings`);
  });

  it('explains instead of showing the settings forms when the page is opened without the permission', async () => {
    const { calls } = mockFetch(orgRoutes('Analyst', ANALYST_PERMISSIONS));
    renderApp(`/orgs/${ORG_ID}/settings`);

    expect(await screen.findByText("You cannot change this organization's settings")).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'General settings' })).toBeNull();
    expect(screen.queryByRole('switch')).toBeNull();
    expect(calls(`GET /api/organizations/${ORG_ID}/settings/access-control`)).toHaveLength(0);
  });

  it('offers no create, edit, access or delete actions on workspaces to an Analyst', async () => {
    const { calls } = mockFetch(orgRoutes('Analyst', ANALYST_PERMISSIONS));
    renderApp(`/orgs/${ORG_ID}/workspaces`);

    await screen.findByRole('rowheader', { name: /Exome 2025/ });
    expect(screen.queryByRole('button', { name: 'New workspace' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete Exome 2025' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Edit Exome 2025' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Manage access to Exome 2025' })).toBeNull();
    // Only the workspaces I can enter: no ?all=true without workspaces.access.manage.
    expect(calls(`GET /api/organizations/${ORG_ID}/workspaces`).map((r) => r.path)).toEqual([
      `/api/organizations/${ORG_ID}/workspaces`,
    ]);
  });

  it('shows Delete only with workspaces.delete', async () => {
    const { calls } = mockFetch(orgRoutes('Group Admin', ADMIN_WITHOUT_DELETE));
    renderApp(`/orgs/${ORG_ID}/workspaces`);

    await screen.findByRole('rowheader', { name: /Exome 2025/ });
    expect(screen.getByRole('button', { name: 'New workspace' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Edit Exome 2025' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Manage access to Exome 2025' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Delete Exome 2025' })).toBeNull();
    // workspaces.access.manage lists every workspace.
    expect(calls(`GET /api/organizations/${ORG_ID}/workspaces`)[0]!.path).toBe(`/api/organizations/${ORG_ID}/workspaces?all=true`);
  });

  it('shows Delete to a Group Supervisor, and a refused request shows the problem detail', async () => {
    mockFetch({
      ...orgRoutes('Group Supervisor', ALL_PERMISSIONS),
      [`DELETE /api/organizations/${ORG_ID}/workspaces/${WS_EXOME}`]: () =>
        problem(403, { title: 'Forbidden', detail: 'Your role no longer allows deleting workspaces.' }),
    });
    renderApp(`/orgs/${ORG_ID}/workspaces`);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Delete Exome 2025' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete workspace' });
    await u.type(within(dialog).getByLabelText(/to confirm/), 'Exome 2025');
    await u.click(within(dialog).getByRole('button', { name: 'Delete workspace' }));

    expect((await within(dialog).findByRole('alert')).textContent).toContain('Your role no longer allows deleting workspaces.');
  });

  it('says "not found" for an organization I am not a member of', async () => {
    mockFetch({
      ...orgRoutes('Analyst', ANALYST_PERMISSIONS),
      [`GET /api/organizations/${ORG_ID}/me`]: () => problem(404, { title: 'Not Found', detail: 'The organization was not found.' }),
    });
    renderApp(`/orgs/${ORG_ID}`);

    expect(await screen.findByRole('heading', { name: 'Organization not found' })).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: 'Organization' })).toBeNull();
  });
});

describe('Can', () => {
  it('renders its children only with the permission, in the route organization', async () => {
    const { Can } = await import('./permissions');
    const { Route, Routes } = await import('react-router');
    const { renderWithProviders } = await import('../../test/render');
    mockFetch({ [`GET /api/organizations/${ORG_ID}/me`]: () => json(200, { role: { id: 'r', name: 'Analyst', builtInKey: 'Analyst' }, permissions: ['samples.define'], workspaces: [] }) });
    renderWithProviders(
      <Routes>
        <Route
          path="/orgs/:orgId"
          element={
            <>
              <Can permission="samples.define">
                <button type="button">Define sample</button>
              </Can>
              <Can permission="users.invite" fallback={<p>No invitations</p>}>
                <button type="button">Invite</button>
              </Can>
            </>
          }
        />
      </Routes>,
      { route: `/orgs/${ORG_ID}` },
    );

    expect(await screen.findByRole('button', { name: 'Define sample' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Invite' })).toBeNull();
    expect(screen.getByText('No invitations')).toBeTruthy();
  });
});
