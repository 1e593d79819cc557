import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { ALL_PERMISSIONS, ANALYST_PERMISSIONS, ORG_ID, orgRoutes } from '../../test/orgFixtures';
import { ADMIN_PERMISSIONS, catalogue, peopleServer, ROLE_ANALYST, ROLE_STEWARD } from '../../test/peopleFixtures';
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
    mockFetch({ ...orgRoutes('Analyst', ANALYST_PERMISSIONS), ...server.routes });
    renderApp(`/orgs/${ORG_ID}/roles`);

    const table = await screen.findByRole('table', { name: 'Permissions of each role' });
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers[1]).toMatch(/^Group Supervisor1 member/);
    expect(headers[6]).toMatch(/^Data Steward3 members · custom/);
    expect(within(table).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(
      expect.arrayContaining(['Organization', 'People', 'Samples', 'Analyses']),
    );
    // Read-only without roles.manage.
    expect(screen.getByText('You can view roles but not change them')).toBeTruthy();
    expect(box('Analyst: Launch sub-analyses').disabled).toBe(true);
    expect(screen.queryByRole('button', { name: 'New role' })).toBeNull();
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
    await u.click(screen.getByRole('button', { name: 'Save changes to Analyst' }));
    await screen.findByText('Changes to Analyst saved.');
    expect(JSON.parse(calls(`PUT ${server.base}/roles/${ROLE_ANALYST}`)[0]!.body)).toEqual({
      permissions: ['analyses.launch.workflow', 'samples.define', 'samples.view.all', 'samples.view.assigned'],
      version: 'v1', // the version read, so an edit made meanwhile by someone else is refused (409), not overwritten
    });
    await waitFor(() => expect(screen.queryByText('Unsaved')).toBeNull());
    expect(box('Analyst: See every sample in the workspaces one can enter').checked).toBe(true);
  });

  it('shows why a role still held by members cannot be deleted', async () => {
    const server = peopleServer(admin);
    mockFetch({
      ...orgRoutes('Group Supervisor', ALL_PERMISSIONS),
      ...server.routes,
      [`DELETE ${server.base}/roles/${ROLE_STEWARD}`]: () =>
        problem(409, { title: 'Conflict', detail: '3 members still hold the role "Data Steward". Give them another role first.' }),
    });
    renderApp(`/orgs/${ORG_ID}/roles`);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Delete Data Steward' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete role' });
    await u.click(within(dialog).getByRole('button', { name: 'Delete role' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('3 members still hold the role "Data Steward"');
    // Built-in roles cannot be renamed or deleted.
    expect(screen.queryByRole('button', { name: 'Delete Analyst' })).toBeNull();
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

