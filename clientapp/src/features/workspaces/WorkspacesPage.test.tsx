import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ANTIFORGERY_HEADER } from '../../api/client';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { ADA_ID, ALL_PERMISSIONS, GRACE_ID, members, ORG_ID, orgRoles, orgRoutes, WS_EXOME, workspaces } from '../../test/orgFixtures';
import { cssGroupRule, cssRule, statusMessage } from '../../test/helpers';
import { renderApp } from '../../test/render';

/** The text of the elements an input's aria-describedby points to. */
function description(input: HTMLElement): string {
  return (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

const base = `/api/organizations/${ORG_ID}`;

describe('Workspaces page', () => {
  it('shows a 409 duplicate-name detail next to the name field when creating', async () => {
    const detail = 'A workspace named "Exome 2025" already exists in this organization.';
    const { calls } = mockFetch({
      ...orgRoutes('Group Supervisor', ALL_PERMISSIONS),
      [`POST ${base}/workspaces`]: () => problem(409, { title: 'Conflict', detail }),
    });
    renderApp(`/orgs/${ORG_ID}/workspaces`);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'New workspace' }));
    const dialog = screen.getByRole('dialog', { name: 'New workspace' });
    await u.type(within(dialog).getByLabelText('Workspace name'), ' Exome 2025 ');
    await u.type(within(dialog).getByLabelText('Description (optional)'), 'Trio exomes');
    await u.click(within(dialog).getByRole('button', { name: 'Create workspace' }));

    const name = within(dialog).getByLabelText('Workspace name');
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    expect(description(name)).toContain(detail);
    expect(document.activeElement).toBe(name);
    expect(within(dialog).getByRole('alert').textContent).toContain('Check the highlighted fields');
    const [post] = calls(`POST ${base}/workspaces`);
    expect(JSON.parse(post!.body)).toEqual({ name: 'Exome 2025', description: 'Trio exomes' });
    expect(post!.headers.get(ANTIFORGERY_HEADER)).toMatch(/^token-/);
  });

  it('creates a workspace, closes the form and reloads the list', async () => {
    let list = workspaces;
    mockFetch({
      ...orgRoutes('Group Supervisor', ALL_PERMISSIONS),
      [`GET ${base}/workspaces`]: () => json(200, list),
      [`POST ${base}/workspaces`]: () => {
        const created = { id: 'ws-new', name: 'Panels', description: null, createdAt: '2025-03-01T00:00:00Z', memberUserIds: [ADA_ID] };
        list = [...list, created];
        return json(201, created);
      },
    });
    renderApp(`/orgs/${ORG_ID}/workspaces`);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'New workspace' }));
    await u.type(screen.getByLabelText('Workspace name'), 'Panels');
    await u.click(screen.getByRole('button', { name: 'Create workspace' }));

    expect(await screen.findByRole('rowheader', { name: /Panels/ })).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(statusMessage()).toBe('Workspace “Panels” created.');
  });

  it('renames a workspace with PATCH', async () => {
    const { calls } = mockFetch({
      ...orgRoutes('Group Supervisor', ALL_PERMISSIONS),
      [`PATCH ${base}/workspaces/${WS_EXOME}`]: () => new Response(null, { status: 204 }),
    });
    renderApp(`/orgs/${ORG_ID}/workspaces`);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Edit Exome 2025' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit “Exome 2025”' });
    const name = within(dialog).getByLabelText('Workspace name');
    await u.clear(name);
    await u.type(name, 'Exomes');
    await u.click(within(dialog).getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(JSON.parse(calls(`PATCH ${base}/workspaces/${WS_EXOME}`)[0]!.body)).toEqual({ name: 'Exomes', description: 'Trio exomes' });
    expect(statusMessage()).toBe('Workspace “Exomes” saved.');
  });

  it('enables Delete only once the exact workspace name is typed', async () => {
    const { calls } = mockFetch({
      ...orgRoutes('Group Supervisor', ALL_PERMISSIONS),
      [`DELETE ${base}/workspaces/${WS_EXOME}`]: () => new Response(null, { status: 204 }),
    });
    renderApp(`/orgs/${ORG_ID}/workspaces`);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Delete Exome 2025' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete workspace' });
    const confirm = within(dialog).getByLabelText('Type “Exome 2025” to confirm');
    const remove = within(dialog).getByRole('button', { name: 'Delete workspace' }) as HTMLButtonElement;
    expect(remove.disabled).toBe(true);

    await u.type(confirm, 'exome 2025'); // wrong case
    expect(remove.disabled).toBe(true);
    await u.clear(confirm);
    await u.type(confirm, 'Exome 202'); // incomplete
    expect(remove.disabled).toBe(true);
    await u.keyboard('{Enter}'); // submitting the form does not bypass the check
    expect(calls(`DELETE ${base}/workspaces/${WS_EXOME}`)).toHaveLength(0);

    await u.type(confirm, '5');
    expect(remove.disabled).toBe(false);
    await u.click(remove);

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls(`DELETE ${base}/workspaces/${WS_EXOME}`)).toHaveLength(1);
    expect(statusMessage()).toBe('Workspace “Exome 2025” deleted.');
    expect(screen.getByTestId('status-message').getAttribute('aria-live')).toBe('polite');
  });

  it('lets a 200-character name without spaces wrap in the table and in the typed confirmation', async () => {
    const long = 'W'.repeat(200);
    mockFetch({
      ...orgRoutes('Group Supervisor', ALL_PERMISSIONS),
      [`GET ${base}/workspaces`]: () => json(200, [{ ...workspaces[0]!, name: long, description: 'D'.repeat(200) }]),
    });
    renderApp(`/orgs/${ORG_ID}/workspaces`);
    const u = userEvent.setup();

    const link = await screen.findByRole('link', { name: long });
    expect(link.classList.contains('wrap-anywhere')).toBe(true);
    expect(screen.getByText('D'.repeat(200)).classList.contains('wrap-anywhere')).toBe(true);
    expect(cssRule('.wrap-anywhere')).toMatch(/overflow-wrap:\s*anywhere/);

    await u.click(screen.getByRole('button', { name: `Delete ${long}` }));
    const dialog = screen.getByRole('dialog', { name: 'Delete workspace' });
    expect(within(dialog).getByLabelText(`Type “${long}” to confirm`)).toBeTruthy();
    // The dialog is held to the screen's width and wraps its title, text and the confirmation's label.
    expect(cssRule('.dialog-backdrop')).toMatch(/grid-template-columns:\s*minmax\(0, 1fr\)/);
    expect(cssRule('.dialog')).toMatch(/min-width:\s*0/);
    const wrapping = cssGroupRule('.dialog__title');
    expect(wrapping).toContain('.dialog__text');
    expect(wrapping).toContain('.dialog .field__label');
    expect(wrapping).toMatch(/overflow-wrap:\s*anywhere/);
  });

  it('closes dialogs with Escape and returns focus to the button that opened them', async () => {
    mockFetch(orgRoutes('Group Supervisor', ALL_PERMISSIONS));
    renderApp(`/orgs/${ORG_ID}/workspaces`);
    const u = userEvent.setup();

    const opener = await screen.findByRole('button', { name: 'Delete General' });
    await u.click(opener);
    expect(document.activeElement).toBe(screen.getByLabelText('Type “General” to confirm'));
    await u.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });
});

describe('Workspace access panel', () => {
  it('lists members with a checkbox each and grants and revokes access', async () => {
    const state = new Map(workspaces.map((w) => [w.id, new Set(w.memberUserIds)]));
    const { calls } = mockFetch({
      ...orgRoutes('Group Supervisor', ALL_PERMISSIONS),
      [`GET ${base}/workspaces`]: () => json(200, workspaces.map((w) => ({ ...w, memberUserIds: [...state.get(w.id)!] }))),
      [`GET ${base}/members`]: () => json(200, { items: members, nextCursor: null, total: members.length }),
      [`PUT ${base}/workspaces/${WS_EXOME}/access/${GRACE_ID}`]: () => {
        state.get(WS_EXOME)!.add(GRACE_ID);
        return new Response(null, { status: 204 });
      },
      [`DELETE ${base}/workspaces/${WS_EXOME}/access/${GRACE_ID}`]: () => {
        state.get(WS_EXOME)!.delete(GRACE_ID);
        return new Response(null, { status: 204 });
      },
    });
    renderApp(`/orgs/${ORG_ID}/workspaces`);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Manage access to Exome 2025' }));
    const dialog = screen.getByRole('dialog', { name: 'Access to “Exome 2025”' });
    const grace = (await within(dialog).findByRole('checkbox', { name: 'Grace Hopper' })) as HTMLInputElement;
    const ada = within(dialog).getByRole('checkbox', { name: 'Ada Lovelace' }) as HTMLInputElement;
    // A Group Supervisor enters every workspace: shown ticked, not editable.
    expect(ada.checked).toBe(true);
    expect(ada.disabled).toBe(true);
    expect(grace.checked).toBe(false);

    await u.click(grace);
    await waitFor(() => expect(calls(`PUT ${base}/workspaces/${WS_EXOME}/access/${GRACE_ID}`)).toHaveLength(1));
    await waitFor(() => expect(grace.disabled).toBe(false));
    expect(grace.checked).toBe(true);

    await u.click(grace);
    await waitFor(() => expect(calls(`DELETE ${base}/workspaces/${WS_EXOME}/access/${GRACE_ID}`)).toHaveLength(1));
    await waitFor(() => expect(grace.disabled).toBe(false));
    expect(grace.checked).toBe(false);
    expect(calls(`GET ${base}/members`)[0]!.path).toContain('limit=');
  });

  it('recognises a Supervisor by the role list’s built-in key, not by the role name', async () => {
    // The Supervisor role renamed "Lab Director"; a custom role borrowing the old name is not the Supervisor.
    const renamed = [
      { ...members[0]!, role: { id: 'role-1', name: 'Lab Director' } },
      { ...members[1]!, role: { id: 'role-custom', name: 'Group Supervisor' } },
    ];
    mockFetch({
      ...orgRoutes('Group Supervisor', ALL_PERMISSIONS),
      [`GET ${base}/members`]: () => json(200, { items: renamed, nextCursor: null, total: renamed.length }),
      [`GET ${base}/roles`]: () =>
        json(200, [
          { ...orgRoles[0]!, name: 'Lab Director' },
          { id: 'role-custom', name: 'Group Supervisor', builtIn: false, builtInKey: null, permissions: [], memberCount: 1, version: 'v1' },
        ]),
    });
    renderApp(`/orgs/${ORG_ID}/workspaces`);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Manage access to Exome 2025' }));
    const dialog = screen.getByRole('dialog', { name: 'Access to “Exome 2025”' });
    const ada = (await within(dialog).findByRole('checkbox', { name: 'Ada Lovelace' })) as HTMLInputElement;
    const grace = within(dialog).getByRole('checkbox', { name: 'Grace Hopper' }) as HTMLInputElement;
    expect(ada.checked && ada.disabled).toBe(true);
    expect(description(ada)).toContain('always has access');
    expect(grace.disabled).toBe(false);
    expect(description(grace)).not.toContain('always has access');
  });

  it('says the member list is unavailable when it cannot be loaded', async () => {
    mockFetch({
      ...orgRoutes('Group Admin', ALL_PERMISSIONS.filter((p) => p !== 'workspaces.delete')),
      [`GET ${base}/members`]: () => problem(404, { title: 'Not Found' }),
    });
    renderApp(`/orgs/${ORG_ID}/workspaces`);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Manage access to General' }));
    const dialog = screen.getByRole('dialog', { name: 'Access to “General”' });
    expect((await within(dialog).findByRole('alert')).textContent).toContain('Member list unavailable');
    expect(within(dialog).queryByRole('checkbox')).toBeNull();
  });
});
