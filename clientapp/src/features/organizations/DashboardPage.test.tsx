import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockFetch } from '../../test/fetchMock';
import { ANALYST_PERMISSIONS, dashboard, ORG_ID, organizations, orgRoutes, workspaces } from '../../test/orgFixtures';
import { cssRule, statusMessage } from '../../test/helpers';
import { renderApp } from '../../test/render';

describe('Organization dashboard', () => {
  it('shows details, role and readable permissions, counts, workspaces, storage, pending owner and recent activity', async () => {
    mockFetch({
      ...orgRoutes('Analyst', ANALYST_PERMISSIONS),
      [`GET /api/organizations/${ORG_ID}`]: () =>
        json(200, dashboard(ANALYST_PERMISSIONS, { myRole: { id: 'r', name: 'Analyst' }, pendingOwnerEmail: 'owner@northwind.example' })),
      'GET /api/permissions': () =>
        json(200, [
          { key: 'samples.define', group: 'samples', description: 'Upload files and define samples' },
          { key: 'samples.view.assigned', group: 'samples', description: 'See only samples assigned to oneself' },
          { key: 'analyses.launch.workflow', group: 'analyses', description: 'Launch analyses with a workflow' },
        ]),
    });
    renderApp(`/orgs/${ORG_ID}`);

    expect(await screen.findByRole('heading', { level: 1, name: 'Northwind Genomics Lab' })).toBeTruthy();
    expect(screen.getByText('Clinical exome and panel testing')).toBeTruthy();
    expect(screen.getByText('owner@northwind.example').closest('[role=status]')).toBeTruthy();

    const overview = screen.getByRole('region', { name: 'Overview' });
    expect(within(overview).getByText('12')).toBeTruthy();
    expect(within(overview).getByRole('meter', { name: 'Storage used' }).getAttribute('aria-valuetext')).toBe(
      '1.5 GiB of 1 TiB used (0.1 %)',
    );

    const role = screen.getByRole('region', { name: 'Your role' });
    expect(within(role).getByText('Analyst')).toBeTruthy();
    expect(await within(role).findByText('Upload files and define samples')).toBeTruthy();
    expect(within(role).getByText('Launch analyses with a workflow')).toBeTruthy();
    // A key missing from the catalogue is still listed, by its key.
    expect(within(role).getByText('analyses.launch.sub')).toBeTruthy();

    const workspaces = screen.getByRole('region', { name: 'Your workspaces' });
    expect(within(workspaces).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Exome 2025Trio exomes', 'General']);

    const activity = screen.getByRole('list', { name: 'Recent activity' });
    expect(within(activity).getByRole('listitem').textContent).toContain('Ada Lovelace · Created the workspace "Exome 2025"');
    // The entry's workspace, named from my workspaces.
    expect(within(activity).getByRole('listitem').querySelector('.activity__when')!.textContent).toBe('5 minutes ago · in Exome 2025');
    expect(screen.getByRole('region', { name: 'Details' }).textContent).toContain('Dr. Jane Doe · lab@northwind.example');
  });
});

describe('Leaving the organization', () => {
  it('is offered when the server gives no reason against it', async () => {
    mockFetch(orgRoutes('Analyst', ANALYST_PERMISSIONS));
    renderApp(`/orgs/${ORG_ID}`);
    const section = await screen.findByRole('region', { name: 'Leave organization' });
    expect(within(section).getByRole('button', { name: 'Leave organization…' })).toBeTruthy();
  });

  it('is not offered to the only Group Supervisor: the reason is shown where the button was', async () => {
    const reason = "You are the organization's only Group Supervisor. Make someone else Supervisor before you leave.";
    mockFetch({
      ...orgRoutes('Group Supervisor', ANALYST_PERMISSIONS),
      [`GET /api/organizations/${ORG_ID}`]: () => json(200, dashboard(ANALYST_PERMISSIONS, { leaveRefusal: reason })),
    });
    renderApp(`/orgs/${ORG_ID}`);
    const section = await screen.findByRole('region', { name: 'Leave organization' });
    expect(within(section).getByText(reason)).toBeTruthy();
    expect(within(section).queryByRole('button')).toBeNull();
  });
});

describe('Organizations page', () => {
  it('lists my organizations with role, counts and storage, and offers creation only to platform administrators', async () => {
    mockFetch(orgRoutes('Analyst', ANALYST_PERMISSIONS));
    renderApp('/orgs');

    const list = await screen.findByRole('list', { name: 'Your organizations' });
    const cards = within(list).getAllByRole('listitem');
    expect(cards).toHaveLength(2);
    expect(within(cards[0]!).getByRole('link', { name: 'Northwind Genomics Lab' }).getAttribute('href')).toBe(`/orgs/${ORG_ID}`);
    expect(within(cards[0]!).getByText('Group Supervisor')).toBeTruthy();
    expect(within(cards[0]!).getByText('12 members')).toBeTruthy();
    expect(within(cards[0]!).getByText('2 workspaces')).toBeTruthy();
    expect(within(cards[0]!).getByText('1.5 GiB of 1 TiB used (0.1 %)')).toBeTruthy();
    expect(within(cards[1]!).getByText('1 workspace')).toBeTruthy();
    expect(within(cards[1]!).getByText('0 B of 1 TiB used (0 %)')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Create organization' })).toBeNull();
  });

  it('offers "Create organization" to a platform administrator', async () => {
    mockFetch(orgRoutes('Analyst', ANALYST_PERMISSIONS, { id: 'admin', lastOrganizationId: null, isPlatformAdmin: true }));
    renderApp('/orgs');
    expect(await screen.findByRole('button', { name: 'Create organization' })).toBeTruthy();
  });
});

describe('Long names (200 characters without a space)', () => {
  const longOrg = 'O'.repeat(200);
  const longWorkspace = 'W'.repeat(200);

  it('wrap on the dashboard: the heading, the workspace list and the "Leave organization" text', async () => {
    mockFetch({
      ...orgRoutes('Analyst', ANALYST_PERMISSIONS),
      [`GET /api/organizations/${ORG_ID}`]: () =>
        json(
          200,
          dashboard(ANALYST_PERMISSIONS, {
            name: longOrg,
            description: 'D'.repeat(200),
            workspaces: [{ ...workspaces[0]!, name: longWorkspace }],
          }),
        ),
    });
    renderApp(`/orgs/${ORG_ID}`);

    const heading = await screen.findByRole('heading', { level: 1, name: longOrg });
    expect(heading.classList.contains('wrap-anywhere')).toBe(true);
    expect(screen.getByText('D'.repeat(200)).classList.contains('wrap-anywhere')).toBe(true);
    expect(screen.getByRole('link', { name: longWorkspace }).classList.contains('wrap-anywhere')).toBe(true);
    expect(screen.getByText(/You lose access to O+ and its workspaces/).classList.contains('wrap-anywhere')).toBe(true);
    expect(cssRule('.wrap-anywhere')).toMatch(/overflow-wrap:\s*anywhere/);
    // The "Leave organization" row is a flex row: its text column may shrink below the long name's width.
    expect(cssRule('.danger-row > div')).toMatch(/min-width:\s*0/);
  });

  it('wrap on the organization cards of /orgs', async () => {
    mockFetch({
      ...orgRoutes('Analyst', ANALYST_PERMISSIONS),
      'GET /api/organizations': () => json(200, [{ ...organizations[0]!, name: longOrg, description: 'D'.repeat(200) }]),
    });
    renderApp('/orgs');

    const link = await screen.findByRole('link', { name: longOrg });
    expect(link.closest('h2')!.classList.contains('wrap-anywhere')).toBe(true);
    expect(screen.getByText('D'.repeat(200)).classList.contains('wrap-anywhere')).toBe(true);
  });

  it('wrap in alerts and status messages (flex items that could otherwise not shrink)', () => {
    expect(cssRule('.alert__body')).toMatch(/min-width:\s*0/);
    expect(cssRule('.alert__body')).toMatch(/overflow-wrap:\s*anywhere/);
    expect(cssRule('.toast__text')).toMatch(/overflow-wrap:\s*anywhere/);
  });
});

describe('Creating an organization', () => {
  it('opens the new organization and says it was created', async () => {
    const created = { id: ORG_ID, name: 'Northwind Genomics Lab', ownerUserId: 'admin', pendingOwnerEmail: null };
    mockFetch({
      ...orgRoutes('Group Supervisor', ANALYST_PERMISSIONS, { id: 'admin', lastOrganizationId: null, isPlatformAdmin: true }),
      'POST /api/organizations': () => json(201, created),
    });
    renderApp('/orgs');
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Create organization' }));
    const dialog = screen.getByRole('dialog', { name: 'Create organization' });
    await u.type(within(dialog).getByLabelText('Name'), 'Northwind Genomics Lab');
    await u.click(within(dialog).getByRole('button', { name: 'Create organization' }));

    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe(`/orgs/${ORG_ID}`));
    expect(statusMessage()).toBe('Organization “Northwind Genomics Lab” created.');
  });
});
