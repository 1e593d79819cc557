import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockFetch, problem, user } from '../../test/fetchMock';
import { ALL_PERMISSIONS, ORG_ID, orgRoutes, OTHER_ORG_ID, access, ANALYST_PERMISSIONS, dashboard } from '../../test/orgFixtures';
import { renderApp } from '../../test/render';

const otherOrg = {
  [`GET /api/organizations/${OTHER_ORG_ID}/me`]: () => json(200, access('Analyst', ANALYST_PERMISSIONS, [])),
  [`GET /api/organizations/${OTHER_ORG_ID}`]: () => json(200, dashboard(ANALYST_PERMISSIONS, { id: OTHER_ORG_ID, name: 'Contoso Research Institute' })),
};

describe('the home route', () => {
  it('opens the last organization used', async () => {
    mockFetch({ ...orgRoutes('Analyst', ANALYST_PERMISSIONS, { id: user.id, lastOrganizationId: OTHER_ORG_ID }), ...otherOrg });
    renderApp('/');
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe(`/orgs/${OTHER_ORG_ID}`));
    expect(await screen.findByRole('heading', { level: 1, name: 'Contoso Research Institute' })).toBeTruthy();
  });

  it('opens the first organization when there is no last one (or it is gone), and remembers it', async () => {
    const { calls } = mockFetch(orgRoutes('Group Supervisor', ALL_PERMISSIONS, { id: user.id, lastOrganizationId: 'deleted-org' }));
    renderApp('/');
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe(`/orgs/${ORG_ID}`));
    await waitFor(() => expect(calls('PUT /api/auth/me/last-organization')).toHaveLength(1));
    expect(JSON.parse(calls('PUT /api/auth/me/last-organization')[0]!.body)).toEqual({ organizationId: ORG_ID });
  });

  it('explains the empty state to a member without organizations, with no create button', async () => {
    mockFetch({ 'GET /api/auth/me': () => json(200, user), 'GET /api/organizations': () => json(200, []) });
    renderApp('/');
    expect(await screen.findByRole('heading', { name: 'You are not a member of any organization yet' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Create organization' })).toBeNull();
    expect(screen.getByTestId('location').textContent).toBe('/');
  });

  it('lets a platform administrator create the first organization and opens it', async () => {
    const admin = { ...user, isPlatformAdmin: true };
    let created = false;
    const { calls } = mockFetch({
      ...orgRoutes('Group Supervisor', ALL_PERMISSIONS, { id: admin.id, lastOrganizationId: null, isPlatformAdmin: true }),
      'GET /api/organizations': () => json(200, created ? [{ id: ORG_ID, name: 'Northwind Genomics Lab', description: null, role: { id: 'r', name: 'Group Supervisor' }, memberCount: 1, workspaceCount: 1, storageUsedBytes: 0, storageQuotaBytes: 1024 ** 4 }] : []),
      'POST /api/organizations': (_request, body) => {
        const parsed = JSON.parse(body) as { name: string };
        if (!parsed.name.startsWith('Northwind')) {
          return problem(400, { title: 'One or more validation errors occurred.', errors: { Name: ['That name is not allowed.'], OwnerEmail: ['Enter a valid e-mail address for the owner.'] } });
        }
        created = true;
        return json(201, { id: ORG_ID, name: parsed.name, initialWorkspaceId: 'ws', ownerUserId: admin.id, pendingOwnerEmail: null });
      },
    });
    renderApp('/');
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Create organization' }));
    const dialog = screen.getByRole('dialog', { name: 'Create organization' });
    await u.type(within(dialog).getByLabelText('Name'), 'Bad name');
    await u.type(within(dialog).getByLabelText("Owner's e-mail address (optional)"), 'owner@example.org');
    await u.click(within(dialog).getByRole('button', { name: 'Create organization' }));

    const name = screen.getByLabelText('Name');
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('That name is not allowed.')).toBeTruthy();
    expect(screen.getByText('Enter a valid e-mail address for the owner.')).toBeTruthy();

    await u.clear(name);
    await u.type(name, 'Northwind Genomics Lab');
    await u.clear(screen.getByLabelText("Owner's e-mail address (optional)"));
    await u.click(within(dialog).getByRole('button', { name: 'Create organization' }));

    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe(`/orgs/${ORG_ID}`));
    const posts = calls('POST /api/organizations');
    expect(JSON.parse(posts[1]!.body)).toEqual({ name: 'Northwind Genomics Lab', description: null, ownerEmail: null });
    expect(await screen.findByRole('heading', { level: 1, name: 'Northwind Genomics Lab' })).toBeTruthy();
  });
});
