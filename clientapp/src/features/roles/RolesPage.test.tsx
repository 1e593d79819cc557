import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { ALL_PERMISSIONS, ANALYST_PERMISSIONS, ORG_ID, orgRoutes } from '../../test/orgFixtures';
import { ADMIN_PERMISSIONS, catalogue, peopleServer, ROLE_ANALYST, ROLE_SEQUENCING, ROLE_STEWARD } from '../../test/peopleFixtures';
import { cssRule, statusMessage } from '../../test/helpers';
import { renderApp } from '../../test/render';
import { cannotAssignReason, cannotTogglePermissionReason } from './rules';

const admin = { id: 'r', name: 'Group Admin' };
// A Group Admin to whom the Supervisor granted roles.manage (role management handed down by the Supervisor).
const ADMIN_WITH_ROLES = [...ADMIN_PERMISSIONS, 'roles.manage'];

function box(name: string): HTMLInputElement {
  return screen.getByRole('checkbox', { name }) as HTMLInputElement;
}

describe('Roles & permissions matrix', () => {
  it('locks the Supervisor column: every permission checked and disabled, with the reason', async () => {
    const server = peopleServer(admin);
    mockFetch({ ...orgRoutes('Group Supervisor', ALL_PERMISSIONS), ...server.routes });
    renderApp(`/orgs/${ORG_ID}/roles`);

    await screen.findByRole('table', { name: 'Permissions of each role' });
    const supervisorBoxes = screen.getAllByRole('checkbox').filter((b) => b.getAttribute('aria-label')!.startsWith('Group Supervisor:'));
    expect(supervisorBoxes).toHaveLength(catalogue.length);
    for (const b of supervisorBoxes as HTMLInputElement[]) {
      expect(b.checked).toBe(true);
      expect(b.disabled).toBe(true);
      expect(b.title).toBe('The Group Supervisor always holds every permission');
    }
    // A Supervisor may change every other column.
    expect(box('Analyst: Delete workspaces').disabled).toBe(false);
    expect(box('Analyst: Billing, plan and storage quota').disabled).toBe(false);
  });

  it('shows groups, descriptions and member counts, built-in roles before custom ones', async () => {
    const server = peopleServer(admin);
    mockFetch({ ...orgRoutes('Group Supervisor', ALL_PERMISSIONS), ...server.routes });
    renderApp(`/orgs/${ORG_ID}/roles`);

    const table = await screen.findByRole('table', { name: 'Permissions of each role' });
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers[1]).toMatch(/^Group Supervisor1 member/);
    expect(headers[6]).toMatch(/^Data Steward3 members · custom/);
    expect(within(table).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(
      expect.arrayContaining(['Organization', 'People', 'Samples', 'Analyses']),
    );
  });

  it('keeps the header row of role names in view: the matrix scrolls in its own container under a sticky header', async () => {
    const server = peopleServer(admin);
    mockFetch({ ...orgRoutes('Group Supervisor', ALL_PERMISSIONS), ...server.routes });
    renderApp(`/orgs/${ORG_ID}/roles`);

    const table = await screen.findByRole('table', { name: 'Permissions of each role' });
    const scroller = screen.getByTestId('matrix-scroll');
    expect(scroller.contains(table)).toBe(true);
    expect(scroller.classList.contains('matrix-wrap')).toBe(true);
    // The stylesheet: the wrapper scrolls both ways with a bounded height, and the header cells stick to its top.
    expect(cssRule('.table-wrap.matrix-wrap')).toMatch(/overflow:\s*auto/);
    expect(cssRule('.table-wrap.matrix-wrap')).toMatch(/max-height:/);
    expect(cssRule('.matrix thead th')).toMatch(/position:\s*sticky/);
    expect(cssRule('.matrix thead th')).toMatch(/top:\s*0/);
    // The role names are header cells of the table's head.
    const head = table.querySelector('thead')!;
    expect(within(head).getByText('Data Steward')).toBeTruthy();
  });

  it('shows each role’s permissions as a readable, grouped list to someone without roles.manage', async () => {
    const server = peopleServer(admin);
    mockFetch({ ...orgRoutes('Analyst', ANALYST_PERMISSIONS), ...server.routes });
    renderApp(`/orgs/${ORG_ID}/roles`);

    expect(await screen.findByText('You can view roles but not change them')).toBeTruthy();
    // No matrix of disabled boxes, no editing.
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryAllByRole('checkbox')).toHaveLength(0);
    expect(screen.queryByRole('button', { name: 'New role' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Delete / })).toBeNull();

    // One section per role, built-in first, with its members count.
    const sections = screen.getAllByRole('region');
    expect(sections.map((r) => within(r).getByRole('heading', { level: 2 }).textContent)).toEqual([
      'Group Supervisor',
      'Group Admin',
      'Analyst',
      'Clinical Curator',
      'Report Writer',
      'Data Steward',
      'Sequencing Analyst',
    ]);
    const steward = screen.getByRole('region', { name: 'Data Steward' });
    expect(steward.textContent).toContain('3 members · custom');
    // Permissions by label under their group's heading, in catalogue order (Organization before Samples).
    expect(within(steward).getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(['Organization', 'Samples']);
    const samples = within(steward).getByRole('heading', { name: 'Samples' }).nextElementSibling as HTMLElement;
    expect(within(samples).getByRole('listitem').textContent).toBe('See every sample in the workspaces one can enter Data permission');
    expect(within(steward).getByText('Delete workspaces')).toBeTruthy();
    expect(steward.textContent).not.toContain('samples.view.all');

    const analyst = screen.getByRole('region', { name: 'Analyst' });
    expect(within(analyst).getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(['Samples', 'Analyses']);
    expect(within(analyst).getByText('Launch sub-analyses')).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Group Supervisor' })).getByText('Always holds every permission.')).toBeTruthy();
  });

  it('groups the catalogue under one row header per group, in catalogue order, and marks data permissions', async () => {
    const server = peopleServer(admin);
    mockFetch({ ...orgRoutes('Group Supervisor', ALL_PERMISSIONS), ...server.routes });
    renderApp(`/orgs/${ORG_ID}/roles`);

    const table = await screen.findByRole('table', { name: 'Permissions of each role' });
    const bodies = within(table).getAllByRole('rowgroup').filter((g) => g.tagName === 'TBODY');
    const groups = bodies.map((body) => {
      const [heading, ...rows] = within(body).getAllByRole('row');
      const header = within(heading!).getByRole('rowheader');
      expect(header.getAttribute('scope')).toBe('rowgroup');
      expect(header.getAttribute('colspan')).toBe('8'); // the permission column and the seven roles
      return { title: header.textContent, keys: rows.map((r) => r.querySelector('code')!.textContent) };
    });
    expect(groups.map((g) => g.title)).toEqual(['Organization', 'People', 'Samples', 'Analyses', 'Variants', 'Reports']);
    // Within a group, catalogue order (workspaces.* and the audit come after the first three organization keys).
    expect(groups[0]!.keys).toEqual([
      'organization.settings.manage',
      'organization.analytics.view',
      'organization.billing.manage',
      'workspaces.create',
      'workspaces.delete',
      'organization.audit.view',
    ]);
    expect(groups[3]!.keys).toEqual([
      'analyses.launch.workflow',
      'analyses.launch.direct',
      'analyses.launch.sub',
      'workflows.manage',
      'references.manage',
    ]);
    expect(groups[5]!.keys).toEqual(['orders.manage', 'reports.write', 'reports.sign']);

    // Data permissions carry a badge, explained once above the matrix.
    const note = screen.getByText(/marks a data permission/);
    expect(note.textContent).toContain('while role-based access is off');
    expect(screen.getAllByText(/marks a data permission/)).toHaveLength(1);
    const row = (key: string) => within(table).getByText(key, { selector: 'code' }).closest('th')!;
    expect(row('samples.define').textContent).toContain('Data permission');
    expect(row('analyses.launch.sub').textContent).toContain('Data permission');
    expect(row('workflows.manage').textContent).not.toContain('Data permission');
    expect(row('organization.audit.view').textContent).not.toContain('Data permission');
  });

  it('shows a key this build does not know, locked with the reason', async () => {
    const server = peopleServer(admin);
    mockFetch({
      ...orgRoutes('Group Supervisor', ALL_PERMISSIONS),
      ...server.routes,
      'GET /api/permissions': () =>
        json(200, [...catalogue, { key: 'variants.export', group: 'variants', description: 'Export variants', isData: false }]),
    });
    renderApp(`/orgs/${ORG_ID}/roles`);

    await screen.findByRole('table', { name: 'Permissions of each role' });
    const unknown = box('Analyst: Export variants');
    expect(unknown.disabled).toBe(true);
    expect(unknown.title).toBe('This permission is newer than this page: reload the page to change it.');
    expect(box('Analyst: Classify and tag variants; edit shared filter sets and gene lists').disabled).toBe(false);
  });

  it('disables permissions the editor does not hold, keeps drafts until saved, and saves the full list', async () => {
    const server = peopleServer(admin);
    const { calls } = mockFetch({
      ...orgRoutes('Group Admin', ADMIN_WITH_ROLES),
      ...server.routes,
      [`PUT ${server.base}/roles/${ROLE_ANALYST}`]: (_r, body) => {
        const { permissions } = JSON.parse(body) as { permissions: string[] };
        server.state.roles = server.state.roles.map((r) => (r.id === ROLE_ANALYST ? { ...r, permissions } : r));
        return json(200, server.state.roles.find((r) => r.id === ROLE_ANALYST));
      },
    });
    renderApp(`/orgs/${ORG_ID}/roles`);
    const u = userEvent.setup();
    await screen.findByRole('table', { name: 'Permissions of each role' });

    // Not held by a Group Admin: locked, with the reason.
    const del = box('Analyst: Delete workspaces');
    expect(del.disabled).toBe(true);
    expect(del.title).toBe('You cannot change a permission you do not hold yourself.');
    expect(box('Sequencing Analyst: Billing, plan and storage quota').disabled).toBe(true);

    // Held: can be ticked; the draft is visible and can be discarded.
    const viewAll = box('Analyst: See every sample in the workspaces one can enter');
    expect(viewAll.disabled).toBe(false);
    expect(viewAll.checked).toBe(false);
    await u.click(viewAll);
    expect(viewAll.checked).toBe(true);
    expect(screen.getByText('Unsaved')).toBeTruthy();
    await u.click(screen.getByRole('button', { name: 'Discard changes to Analyst' }));
    expect(box('Analyst: See every sample in the workspaces one can enter').checked).toBe(false);
    expect(screen.queryByText('Unsaved')).toBeNull();

    // Tick one, untick one, save: the PUT carries the whole resulting list.
    await u.click(box('Analyst: See every sample in the workspaces one can enter'));
    await u.click(box('Analyst: Launch sub-analyses'));
    expect(calls(`PUT ${server.base}/roles/${ROLE_ANALYST}`)).toHaveLength(0);
    const saveButton = screen.getByRole('button', { name: 'Save changes to Analyst' });
    const footerCell = saveButton.closest('td')!;
    await u.click(saveButton);
    // Feedback where the button was: a polite status in the same footer cell ("✓ Saved", read with the role's name).
    const saved = await within(footerCell).findByText('Changes to Analyst saved.');
    expect(saved.closest('[role=status]')).toBeTruthy();
    expect(within(footerCell).getByText('✓ Saved')).toBeTruthy();
    expect(JSON.parse(calls(`PUT ${server.base}/roles/${ROLE_ANALYST}`)[0]!.body)).toEqual({
      permissions: ['analyses.launch.workflow', 'samples.define', 'samples.view.all', 'samples.view.assigned'],
      version: 'v1', // the version read, so an edit made meanwhile by someone else is refused (409), not overwritten
    });
    await waitFor(() => expect(screen.queryByText('Unsaved')).toBeNull());
    expect(box('Analyst: See every sample in the workspaces one can enter').checked).toBe(true);
  });

  it('disables Delete for a role still held by members and says why next to it', async () => {
    const server = peopleServer(admin);
    mockFetch({ ...orgRoutes('Group Supervisor', ALL_PERMISSIONS), ...server.routes });
    renderApp(`/orgs/${ORG_ID}/roles`);

    const held = (await screen.findByRole('button', { name: 'Delete Data Steward' })) as HTMLButtonElement;
    expect(held.disabled).toBe(true);
    const reason = document.getElementById(held.getAttribute('aria-describedby')!)!;
    expect(reason.textContent).toBe('Held by 3 members');
    expect(held.closest('th')!.textContent).toContain('Held by 3 members');
    // A custom role nobody holds can be deleted.
    expect((screen.getByRole('button', { name: 'Delete Sequencing Analyst' }) as HTMLButtonElement).disabled).toBe(false);
    // Built-in roles cannot be renamed or deleted.
    expect(screen.queryByRole('button', { name: 'Delete Analyst' })).toBeNull();
  });

  it('shows the server’s refusal when the role was given to someone meanwhile', async () => {
    const server = peopleServer(admin);
    mockFetch({
      ...orgRoutes('Group Supervisor', ALL_PERMISSIONS),
      ...server.routes,
      [`DELETE ${server.base}/roles/${ROLE_SEQUENCING}`]: () =>
        problem(409, { title: 'Conflict', detail: '1 member still holds the role "Sequencing Analyst". Give them another role first.' }),
    });
    renderApp(`/orgs/${ORG_ID}/roles`);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Delete Sequencing Analyst' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete role' });
    await u.click(within(dialog).getByRole('button', { name: 'Delete role' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('1 member still holds the role "Sequencing Analyst"');
  });

  it('deletes an unused custom role and says so in the status region', async () => {
    const server = peopleServer(admin);
    mockFetch({
      ...orgRoutes('Group Supervisor', ALL_PERMISSIONS),
      ...server.routes,
      [`DELETE ${server.base}/roles/${ROLE_SEQUENCING}`]: () => {
        server.state.roles = server.state.roles.filter((r) => r.id !== ROLE_SEQUENCING);
        return new Response(null, { status: 204 });
      },
    });
    renderApp(`/orgs/${ORG_ID}/roles`);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Delete Sequencing Analyst' }));
    await u.click(within(screen.getByRole('dialog', { name: 'Delete role' })).getByRole('button', { name: 'Delete role' }));
    await waitFor(() => expect(statusMessage()).toBe('Role “Sequencing Analyst” deleted.'));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Delete Sequencing Analyst' })).toBeNull());
  });

  it('creates a custom role from a copy of another, copying only permissions the creator holds', async () => {
    const server = peopleServer(admin);
    const { calls } = mockFetch({
      ...orgRoutes('Group Admin', ADMIN_WITH_ROLES),
      ...server.routes,
      [`POST ${server.base}/roles`]: (_r, body) => json(201, { id: 'new', builtIn: false, builtInKey: null, memberCount: 0, ...JSON.parse(body) }),
    });
    renderApp(`/orgs/${ORG_ID}/roles`);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'New role' }));
    const dialog = screen.getByRole('dialog', { name: 'New role' });
    await u.type(within(dialog).getByLabelText('Role name'), 'Variant Reviewer');
    await u.selectOptions(within(dialog).getByLabelText('Start from'), ROLE_STEWARD);
    expect(within(dialog).getByText(/1 you do not hold are left out/)).toBeTruthy();
    await u.click(within(dialog).getByRole('button', { name: 'Create role' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(JSON.parse(calls(`POST ${server.base}/roles`)[0]!.body)).toEqual({ name: 'Variant Reviewer', permissions: ['samples.view.all'] });
    expect(statusMessage()).toBe('Role “Variant Reviewer” created.');
  });
});

describe('Roles: saving and leaving', () => {
  function analystServer(put: () => Response) {
    const server = peopleServer(admin);
    return { server, routes: { ...orgRoutes('Group Supervisor', ALL_PERMISSIONS), ...server.routes, [`PUT ${server.base}/roles/${ROLE_ANALYST}`]: put } };
  }

  it('shows a refused save next to the Save button, keeping the draft', async () => {
    const { routes } = analystServer(() =>
      problem(409, { title: 'Conflict', detail: 'The role was changed by someone else. Reload the page and try again.' }),
    );
    mockFetch(routes);
    renderApp(`/orgs/${ORG_ID}/roles`);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('checkbox', { name: 'Analyst: Delete workspaces' }));
    const saveButton = screen.getByRole('button', { name: 'Save changes to Analyst' });
    await u.click(saveButton);
    const error = await within(saveButton.closest('td')!).findByRole('alert');
    expect(error.textContent).toBe('Not saved: The role was changed by someone else. Reload the page and try again.');
    expect(box('Analyst: Delete workspaces').checked).toBe(true);
    expect(screen.getByRole('button', { name: 'Save changes to Analyst' })).toBeTruthy();
  });

  it('asks before following a link away from unsaved ticks; staying keeps them, leaving drops them', async () => {
    mockFetch(analystServer(() => json(200, {})).routes);
    renderApp(`/orgs/${ORG_ID}/roles`);
    const u = userEvent.setup();
    const location = () => screen.getByTestId('location').textContent;

    await u.click(await screen.findByRole('checkbox', { name: 'Analyst: Delete workspaces' }));
    const nav = screen.getByRole('navigation', { name: 'Organization' });
    await u.click(within(nav).getByRole('link', { name: 'Workspaces' }));

    let dialog = screen.getByRole('dialog', { name: 'Leave without saving?' });
    expect(dialog.textContent).toContain('Your changes to “Analyst” are not saved');
    expect(location()).toBe(`/orgs/${ORG_ID}/roles`);
    await u.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(location()).toBe(`/orgs/${ORG_ID}/roles`);
    expect(box('Analyst: Delete workspaces').checked).toBe(true);

    await u.click(within(nav).getByRole('link', { name: 'Workspaces' }));
    dialog = screen.getByRole('dialog', { name: 'Leave without saving?' });
    await u.click(within(dialog).getByRole('button', { name: 'Leave without saving' }));
    await waitFor(() => expect(location()).toBe(`/orgs/${ORG_ID}/workspaces`));
  });

  it('asks before switching organization from the header with unsaved ticks', async () => {
    mockFetch(analystServer(() => json(200, {})).routes);
    renderApp(`/orgs/${ORG_ID}/roles`);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('checkbox', { name: 'Analyst: Delete workspaces' }));
    await u.click(screen.getByRole('button', { name: /^Organization/ }));
    await u.click(screen.getByRole('menuitemradio', { name: /Contoso Research Institute/ }));
    expect(screen.getByRole('dialog', { name: 'Leave without saving?' })).toBeTruthy();
    expect(screen.getByTestId('location').textContent).toBe(`/orgs/${ORG_ID}/roles`);
  });

  it('lets links through once nothing is unsaved, and warns the browser (beforeunload) only while something is', async () => {
    mockFetch(analystServer(() => json(200, {})).routes);
    renderApp(`/orgs/${ORG_ID}/roles`);
    const u = userEvent.setup();

    await screen.findByRole('table', { name: 'Permissions of each role' });
    const unload = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(unload()).toBe(false);
    await u.click(box('Analyst: Delete workspaces'));
    expect(unload()).toBe(true);
    await u.click(screen.getByRole('button', { name: 'Discard changes to Analyst' }));
    expect(unload()).toBe(false);

    await u.click(within(screen.getByRole('navigation', { name: 'Organization' })).getByRole('link', { name: 'Activity' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe(`/orgs/${ORG_ID}/activity`));
  });
});

describe('rules', () => {
  const actor = { isSupervisor: false, permissions: new Set(['samples.define', 'roles.manage']), canManageRoles: true };
  it('refuses the Supervisor role and roles with permissions one lacks; a Supervisor may give anything', () => {
    expect(cannotAssignReason({ builtInKey: 'Supervisor', permissions: [] }, actor)).toMatch(/Only a Group Supervisor/);
    expect(cannotAssignReason({ builtInKey: null, permissions: ['samples.define', 'samples.assign'] }, actor)).toMatch(/you do not hold/);
    expect(cannotAssignReason({ builtInKey: null, permissions: ['samples.define'] }, actor)).toBeNull();
    expect(cannotAssignReason({ builtInKey: 'Supervisor', permissions: [] }, { ...actor, isSupervisor: true })).toBeNull();
  });
  it('locks the Supervisor column for everyone and non-held permissions for non-Supervisors', () => {
    expect(cannotTogglePermissionReason({ builtInKey: 'Supervisor' }, 'samples.define', { ...actor, isSupervisor: true })).toBe(
      'The Group Supervisor always holds every permission',
    );
    expect(cannotTogglePermissionReason({ builtInKey: null }, 'samples.assign', actor)).toMatch(/do not hold/);
    expect(cannotTogglePermissionReason({ builtInKey: null }, 'samples.define', actor)).toBeNull();
    expect(cannotTogglePermissionReason({ builtInKey: null }, 'samples.define', { ...actor, canManageRoles: false })).toMatch(/managing roles/);
  });
});

