import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../api/types';
import { json, mockFetch, problem, type Handler } from '../../test/fetchMock';
import { statusMessage } from '../../test/helpers';
import { ADA_ID, ALL_PERMISSIONS, GRACE_ID, ORG_ID, orgRoutes, workspaces, WS_EXOME, WS_GENERAL } from '../../test/orgFixtures';
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
import { summarizeWorkspaces } from './workspaceSummary';

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

describe('People: workspaces', () => {
  const WS_PANELS = '0190f0aa-0000-7000-8000-0000000000a3';
  const WS_TRIOS = '0190f0aa-0000-7000-8000-0000000000a4';
  const allWorkspaces: Workspace[] = [
    ...workspaces,
    { id: WS_PANELS, name: 'Panels', description: null, createdAt: '2025-03-01T10:00:00Z', memberUserIds: [] },
    { id: WS_TRIOS, name: 'Trios', description: null, createdAt: '2025-03-02T10:00:00Z', memberUserIds: [] },
  ];
  const accessPath = (workspaceId: string, userId: string) => `${`/api/organizations/${ORG_ID}`}/workspaces/${workspaceId}/access/${userId}`;

  /** A server whose GET …/workspaces?all=true lists four workspaces and whose access PUT / DELETE change the members. */
  function workspaceServer(permissions: readonly string[], refuse: Record<string, Handler> = {}) {
    const server = peopleServer(admin);
    const member = (userId: string) => server.state.members.find((m) => m.userId === userId)!;
    member(ADA_ID).workspaceIds = [WS_EXOME, WS_GENERAL, WS_PANELS, WS_TRIOS];
    member(GRACE_ID).workspaceIds = [WS_GENERAL, WS_EXOME, WS_TRIOS];
    const handlers: Record<string, Handler> = {};
    for (const w of allWorkspaces) {
      for (const m of server.state.members) {
        const key = accessPath(w.id, m.userId);
        handlers[`PUT ${key}`] = () => {
          member(m.userId).workspaceIds = [...new Set([...member(m.userId).workspaceIds, w.id])];
          return new Response(null, { status: 204 });
        };
        handlers[`DELETE ${key}`] = () => {
          member(m.userId).workspaceIds = member(m.userId).workspaceIds.filter((id) => id !== w.id);
          return new Response(null, { status: 204 });
        };
      }
    }
    const mock = mockFetch({
      ...orgRoutes('Group Admin', permissions),
      ...server.routes,
      [`GET ${server.base}/workspaces`]: (request) =>
        // Without all=true the server lists only the workspaces I can enter.
        json(200, new URL(request.url).searchParams.get('all') === 'true' ? allWorkspaces : workspaces),
      ...handlers,
      ...refuse,
    });
    return { server, ...mock };
  }

  function row(name: RegExp): HTMLElement {
    return within(screen.getByRole('table', { name: 'Members' })).getByRole('rowheader', { name }).closest('tr')!;
  }

  it('lists every member’s workspaces compactly, and lets holders of workspaces.access.manage edit them', async () => {
    const { calls } = workspaceServer(ADMIN_PERMISSIONS);
    renderApp(`/orgs/${ORG_ID}/members`);

    const table = await screen.findByRole('table', { name: 'Members' });
    expect(within(table).getByRole('columnheader', { name: 'Workspaces' })).toBeTruthy();
    await waitFor(() => expect(within(row(/Grace Hopper/)).getByText('Exome 2025, General +1')).toBeTruthy());
    // The full list is what assistive technology reads, and the tooltip.
    expect(within(row(/Grace Hopper/)).getByText('Exome 2025, General, Trios')).toBeTruthy();
    expect(within(row(/Grace Hopper/)).getByText('Exome 2025, General +1').title).toBe('Exome 2025, General, Trios');
    expect(within(row(/Ada Lovelace/)).getByText('All 4')).toBeTruthy();
    // A Group Supervisor enters every workspace without grants: shown as all, not editable.
    expect(within(row(/Katherine Johnson/)).getByText('All 4')).toBeTruthy();
    const katherine = screen.getByRole('button', { name: 'Edit workspaces of Katherine Johnson' }) as HTMLButtonElement;
    expect(katherine.disabled).toBe(true);
    expect(katherine.title).toBe('A Group Supervisor can enter every workspace.');
    expect((screen.getByRole('button', { name: 'Edit workspaces of Grace Hopper' }) as HTMLButtonElement).disabled).toBe(false);
    // Every workspace of the organization is asked for, not only those I can enter.
    expect(calls(`GET /api/organizations/${ORG_ID}/workspaces`).every((c) => c.path.includes('all=true'))).toBe(true);
  });

  it('is read-only without workspaces.access.manage, and counts the workspaces I cannot see without naming them', async () => {
    const { calls } = workspaceServer(ADMIN_PERMISSIONS.filter((p) => p !== 'workspaces.access.manage'));
    renderApp(`/orgs/${ORG_ID}/members`);

    await screen.findByRole('table', { name: 'Members' });
    await waitFor(() => expect(within(row(/Grace Hopper/)).getByText('Exome 2025, General +1')).toBeTruthy());
    expect(within(row(/Grace Hopper/)).getByText('Exome 2025, General and 1 other workspace')).toBeTruthy();
    // "All" cannot be said without the whole list.
    expect(within(row(/Ada Lovelace/)).getByText('Exome 2025, General +2')).toBeTruthy();
    expect(within(row(/Katherine Johnson/)).getByText('All')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Edit workspaces of/ })).toBeNull();
    expect(calls(`GET /api/organizations/${ORG_ID}/workspaces`).some((c) => c.path.includes('all='))).toBe(false);
  });

  it('sends one PUT or DELETE per change, then closes and shows the new list', async () => {
    const { calls, requests } = workspaceServer(ADMIN_PERMISSIONS);
    renderApp(`/orgs/${ORG_ID}/members`);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Edit workspaces of Grace Hopper' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit workspaces' });
    expect(dialog.getAttribute('aria-describedby')).toBeTruthy();
    expect(within(dialog).getByText('Grace Hopper (grace@example.org) can enter the workspaces ticked here.')).toBeTruthy();
    const box = (name: string) => within(dialog).getByRole('checkbox', { name }) as HTMLInputElement;
    expect(['Exome 2025', 'General', 'Panels', 'Trios'].map((n) => box(n).checked)).toEqual([true, true, false, true]);

    await u.click(box('Panels'));
    await u.click(box('Trios'));
    // Ticked and unticked again: no change, no request.
    await u.click(box('General'));
    await u.click(box('General'));
    const before = requests.length;
    await u.click(within(dialog).getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const writes = requests.slice(before).filter((r) => r.method === 'PUT' || r.method === 'DELETE');
    expect(writes.map((r) => `${r.method} ${r.path}`)).toEqual([
      `PUT ${accessPath(WS_PANELS, GRACE_ID)}`,
      `DELETE ${accessPath(WS_TRIOS, GRACE_ID)}`,
    ]);
    expect(calls(`PUT ${accessPath(WS_GENERAL, GRACE_ID)}`)).toHaveLength(0);
    expect(statusMessage()).toBe('Workspaces of Grace Hopper saved.');
    await waitFor(() => expect(within(row(/Grace Hopper/)).getByText('Exome 2025, General +1')).toBeTruthy());
    expect(within(row(/Grace Hopper/)).getByText('Exome 2025, General, Panels')).toBeTruthy();
  });

  it('reports each refused change with the server’s reason, keeps the dialog open and retries only what failed', async () => {
    let refusals = 1;
    const { calls } = workspaceServer(ADMIN_PERMISSIONS, {
      [`PUT ${accessPath(WS_PANELS, GRACE_ID)}`]: () =>
        refusals-- > 0
          ? problem(403, { title: 'Forbidden', detail: 'You cannot change access to this workspace.' })
          : new Response(null, { status: 204 }),
    });
    renderApp(`/orgs/${ORG_ID}/members`);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Edit workspaces of Grace Hopper' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit workspaces' });
    await u.click(within(dialog).getByRole('checkbox', { name: 'Panels' }));
    await u.click(within(dialog).getByRole('checkbox', { name: 'Trios' }));
    await u.click(within(dialog).getByRole('button', { name: 'Save changes' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('One change was not saved');
    expect(within(alert).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Could not give access to “Panels”: You cannot change access to this workspace.',
    ]);
    await waitFor(() => expect(document.activeElement).toBe(alert));
    // The refusal did not stop the other change, and the table was refreshed with it.
    expect(calls(`DELETE ${accessPath(WS_TRIOS, GRACE_ID)}`)).toHaveLength(1);
    await waitFor(() => expect(within(row(/Grace Hopper/)).getByText('Exome 2025, General')).toBeTruthy());

    await u.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls(`PUT ${accessPath(WS_PANELS, GRACE_ID)}`)).toHaveLength(2);
    expect(calls(`DELETE ${accessPath(WS_TRIOS, GRACE_ID)}`)).toHaveLength(1);
  });
});

describe('summarizeWorkspaces', () => {
  const list = [
    { id: 'a', name: 'General' },
    { id: 'b', name: 'Exomes' },
    { id: 'c', name: 'Panels' },
    { id: 'd', name: 'Trios' },
  ];
  it('says "None", names one or two, "+N" beyond, and "All N" only when the list is complete', () => {
    expect(summarizeWorkspaces([], list, { complete: true }).short).toBe('None');
    expect(summarizeWorkspaces(['a'], list, { complete: true }).short).toBe('General');
    expect(summarizeWorkspaces(['a', 'c', 'd', 'b'], list, { complete: false }).short).toBe('Exomes, General +2');
    expect(summarizeWorkspaces(['a', 'b', 'c', 'd'], list, { complete: true })).toEqual({
      short: 'All 4',
      full: 'All 4 workspaces: Exomes, General, Panels, Trios',
    });
    expect(summarizeWorkspaces(['x', 'y'], list, { complete: false })).toEqual({ short: '2 other workspaces', full: '2 other workspaces' });
    expect(summarizeWorkspaces([], list, { complete: true, supervisor: true }).short).toBe('All 4');
  });
});
