import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { ADA_ID, ALL_PERMISSIONS, GRACE_ID, ORG_ID, orgRoutes } from '../../test/orgFixtures';
import {
  ADMIN_PERMISSIONS,
  KATHERINE_ID,
  peopleServer,
  ROLE_ADMIN,
  ROLE_ANALYST,
  ROLE_CURATOR,
  ROLE_SUPERVISOR,
} from '../../test/peopleFixtures';
import { renderApp } from '../../test/render';

const admin = { id: ROLE_ADMIN, name: 'Group Admin' };
const supervisor = { id: ROLE_SUPERVISOR, name: 'Group Supervisor' };

function option(select: HTMLElement, name: RegExp): HTMLOptionElement {
  return within(select).getByRole('option', { name }) as HTMLOptionElement;
}

describe('People: role drop-down', () => {
  it('disables the roles a Group Admin may not give, and says why', async () => {
    const server = peopleServer(admin);
    mockFetch({ ...orgRoutes('Group Admin', ADMIN_PERMISSIONS), ...server.routes });
    renderApp(`/orgs/${ORG_ID}/members`);

    const grace = await screen.findByRole('combobox', { name: 'Role of Grace Hopper' });
    // Only a Supervisor gives the Supervisor role.
    const sup = option(grace, /^Group Supervisor/);
    expect(sup.disabled).toBe(true);
    expect(sup.title).toBe('Only a Group Supervisor can give the Group Supervisor role.');
    expect(sup.textContent).toContain('only a Supervisor can give it');
    // A custom role carrying workspaces.delete, which a Group Admin does not hold.
    const steward = option(grace, /^Data Steward/);
    expect(steward.disabled).toBe(true);
    expect(steward.title).toBe('It includes a permission you do not hold yourself.');
    // Roles within my own permissions, custom ones included, can be given.
    expect(option(grace, /^Clinical Curator$/).disabled).toBe(false);
    expect(option(grace, /^Sequencing Analyst$/).disabled).toBe(false);
    expect(option(grace, /^Group Admin$/).disabled).toBe(false);

    // A Supervisor's role can be changed by a Supervisor only.
    const katherine = screen.getByRole('combobox', { name: 'Role of Katherine Johnson' }) as HTMLSelectElement;
    expect(katherine.disabled).toBe(true);
    expect(katherine.title).toBe('Only a Group Supervisor can change a Group Supervisor’s role.');
    expect((screen.getByRole('button', { name: 'Remove Katherine Johnson' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('lets a Group Supervisor give every role', async () => {
    const server = peopleServer(supervisor);
    // Two Supervisors, so Katherine is not the last one.
    server.state.roles[0]!.memberCount = 2;
    mockFetch({ ...orgRoutes('Group Supervisor', ALL_PERMISSIONS), ...server.routes });
    renderApp(`/orgs/${ORG_ID}/members`);

    const grace = await screen.findByRole('combobox', { name: 'Role of Grace Hopper' });
    for (const o of within(grace).getAllByRole('option') as HTMLOptionElement[]) expect(o.disabled).toBe(false);
    expect((screen.getByRole('combobox', { name: 'Role of Katherine Johnson' }) as HTMLSelectElement).disabled).toBe(false);
  });

  it('keeps the only Group Supervisor from leaving or being demoted', async () => {
    const server = peopleServer(supervisor);
    server.state.members = server.state.members.filter((m) => m.userId !== KATHERINE_ID);
    mockFetch({ ...orgRoutes('Group Supervisor', ALL_PERMISSIONS), ...server.routes });
    renderApp(`/orgs/${ORG_ID}/members`);

    const mine = (await screen.findByRole('combobox', { name: 'Role of Ada Lovelace' })) as HTMLSelectElement;
    expect(mine.disabled).toBe(true);
    const leave = screen.getByRole('button', { name: 'Leave organization' }) as HTMLButtonElement;
    expect(leave.disabled).toBe(true);
    expect(leave.title).toContain('only Group Supervisor');
  });
});

describe('People: changing a role', () => {
  it('asks for confirmation and sends the PATCH only after confirming', async () => {
    const server = peopleServer(admin);
    const { calls } = mockFetch({ ...orgRoutes('Group Admin', ADMIN_PERMISSIONS), ...server.routes });
    renderApp(`/orgs/${ORG_ID}/members`);
    const u = userEvent.setup();
    const patch = `PATCH ${server.base}/members/${GRACE_ID}`;

    const grace = (await screen.findByRole('combobox', { name: 'Role of Grace Hopper' })) as HTMLSelectElement;
    expect(grace.value).toBe(ROLE_ANALYST);

    // Cancel: nothing is sent and the drop-down still shows the current role.
    await u.selectOptions(grace, ROLE_CURATOR);
    let dialog = screen.getByRole('dialog', { name: 'Change role' });
    expect(dialog.textContent).toContain("Change Grace Hopper's role from Analyst to Clinical Curator? It applies immediately.");
    expect(calls(patch)).toHaveLength(0);
    await u.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(calls(patch)).toHaveLength(0);
    expect(grace.value).toBe(ROLE_ANALYST);

    // Confirm: the PATCH goes out, and the table shows the new role.
    await u.selectOptions(grace, ROLE_CURATOR);
    dialog = screen.getByRole('dialog', { name: 'Change role' });
    await u.click(within(dialog).getByRole('button', { name: 'Change role' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls(patch)).toHaveLength(1);
    expect(JSON.parse(calls(patch)[0]!.body)).toEqual({ roleId: ROLE_CURATOR });
    await waitFor(() => expect((screen.getByRole('combobox', { name: 'Role of Grace Hopper' }) as HTMLSelectElement).value).toBe(ROLE_CURATOR));
  });

  it('shows the server’s reason when the change is refused', async () => {
    const server = peopleServer(admin);
    mockFetch({
      ...orgRoutes('Group Admin', ADMIN_PERMISSIONS),
      ...server.routes,
      [`PATCH ${server.base}/members/${GRACE_ID}`]: () =>
        problem(403, { title: 'Forbidden', detail: 'You cannot give the role "Clinical Curator": it has permissions you do not hold yourself.' }),
    });
    renderApp(`/orgs/${ORG_ID}/members`);
    const u = userEvent.setup();

    await u.selectOptions(await screen.findByRole('combobox', { name: 'Role of Grace Hopper' }), ROLE_CURATOR);
    const dialog = screen.getByRole('dialog', { name: 'Change role' });
    await u.click(within(dialog).getByRole('button', { name: 'Change role' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('You cannot give the role "Clinical Curator"');
  });
});

describe('People: table', () => {
  it('shows position, role and last login ("Never"), and searches on the server once typing pauses', async () => {
    const server = peopleServer(admin);
    const { calls } = mockFetch({ ...orgRoutes('Group Admin', ADMIN_PERMISSIONS), ...server.routes });
    renderApp(`/orgs/${ORG_ID}/members`);
    const u = userEvent.setup();

    const table = await screen.findByRole('table', { name: 'Members' });
    const graceRow = within(table).getByRole('rowheader', { name: /Grace Hopper/ }).closest('tr')!;
    expect(within(graceRow).getByText('Never')).toBeTruthy();
    expect(within(table).getByText('Lab manager')).toBeTruthy();
    expect(within(table).getByText('5 minutes ago')).toBeTruthy();
    expect(screen.getByText('3 members')).toBeTruthy();

    const before = calls(`GET ${server.base}/members`).length;
    await u.type(screen.getByRole('searchbox', { name: 'Search' }), 'grace');
    await waitFor(() => expect(within(table).queryByText('Ada Lovelace')).toBeNull());
    const searches = calls(`GET ${server.base}/members`).slice(before);
    // Debounced: one request for the whole word, not one per key.
    expect(searches).toHaveLength(1);
    expect(searches[0]!.path).toContain('search=grace');
    expect(screen.getByText('1 matching')).toBeTruthy();

    await u.click(screen.getByRole('button', { name: 'Last login' }));
    await waitFor(() => expect(calls(`GET ${server.base}/members`).at(-1)!.path).toContain('sort=LastLogin'));
  });

  it('leaving the organization goes home', async () => {
    const server = peopleServer(admin);
    const { calls } = mockFetch({
      ...orgRoutes('Group Admin', ADMIN_PERMISSIONS),
      ...server.routes,
      [`DELETE ${server.base}/members/${ADA_ID}`]: () => new Response(null, { status: 204 }),
      'GET /api/organizations': () => json(200, []),
    });
    renderApp(`/orgs/${ORG_ID}/members`);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Leave organization' }));
    const dialog = screen.getByRole('dialog', { name: 'Leave organization' });
    await u.click(within(dialog).getByRole('button', { name: 'Leave organization' }));
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/'));
    expect(calls(`DELETE ${server.base}/members/${ADA_ID}`)).toHaveLength(1);
  });
});
