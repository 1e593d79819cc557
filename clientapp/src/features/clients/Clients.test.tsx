import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { PermissionKey } from '../../api/permissionKeys';
import { axeViolations } from '../../test/axe';
import { json, mockFetch, problem, type Handler } from '../../test/fetchMock';
import { statusMessage } from '../../test/helpers';
import { ANALYST_PERMISSIONS, ORG_ID, orgRoutes } from '../../test/orgFixtures';
import { ADMIN_PERMISSIONS, makeRoles, ROLE_ANALYST, ROLE_SEQUENCING, ROLE_SUPERVISOR } from '../../test/peopleFixtures';
import { renderApp } from '../../test/render';
import type { OrganizationClient } from './api';

const base = `/api/organizations/${ORG_ID}`;
const page = `/orgs/${ORG_ID}/clients`;
const SECRET = 'vm_secret_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefg';

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

const lims: OrganizationClient = {
  id: 'cl-1',
  name: 'LIMS',
  clientId: 'vm_client_3f9a1c',
  roleId: ROLE_ANALYST,
  createdAt: '2026-11-01T09:00:00Z',
  lastTokenAt: ago(5),
  revokedAt: null,
  status: 'active',
};
const reporting: OrganizationClient = {
  id: 'cl-2',
  name: 'Reporting',
  clientId: 'vm_client_77b2e0',
  roleId: ROLE_SEQUENCING,
  createdAt: '2026-10-01T09:00:00Z',
  lastTokenAt: null,
  revokedAt: null,
  status: 'active',
};
const oldLims: OrganizationClient = {
  id: 'cl-3',
  name: 'Old LIMS',
  clientId: 'vm_client_0c0c0c',
  roleId: null,
  createdAt: '2026-05-01T09:00:00Z',
  lastTokenAt: null,
  revokedAt: '2026-06-01T09:00:00Z',
  status: 'revoked',
};

/** A signed-in Group Admin (organization.settings.manage, not every permission) with the organization's `clients`. */
function server(clients: OrganizationClient[], routes: Record<string, Handler> = {}, permissions: PermissionKey[] = ADMIN_PERMISSIONS) {
  return mockFetch({
    ...orgRoutes('Group Admin', permissions),
    [`GET ${base}/roles`]: () => json(200, makeRoles()),
    [`GET ${base}/clients`]: () => json(200, clients),
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

describe('API clients page', () => {
  it('is in the navigation of members who manage the settings and lists the clients with their role and status', async () => {
    server([lims, reporting, oldLims]);
    renderApp(`/orgs/${ORG_ID}`);
    const u = userEvent.setup();

    const nav = await screen.findByRole('navigation', { name: 'Organization' });
    await u.click(within(nav).getByRole('link', { name: 'API clients' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'API clients' })).toBeTruthy();
    expect(document.title).toBe('API clients · VariantMiner');
    expect(
      screen.getByText(
        /A client acts as a member with the role you choose: it sees exactly what that role \(and the samples assigned to it\) allows, and appears under its name in the audit trail and the People list\./,
      ),
    ).toBeTruthy();

    const table = await screen.findByRole('table', { name: 'API clients' });
    expect(within(table).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['LIMS', 'Reporting', 'Old LIMS']);
    expect(cells('LIMS')).toEqual(['vm_client_3f9a1c', 'Analyst', '1 Nov 2026', '5 minutes ago', 'Active', 'Revoke']);
    expect(cells('Reporting')).toEqual(['vm_client_77b2e0', 'Sequencing Analyst', '1 Oct 2026', 'Never', 'Active', 'Revoke']);
    expect(cells('Old LIMS')).toEqual(['vm_client_0c0c0c', '—', '1 May 2026', 'Never', 'Revoked', '']);
    expect(within(table).getByText('vm_client_3f9a1c').tagName).toBe('CODE');
    expect(screen.getByRole('button', { name: 'Revoke LIMS' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Revoke Old LIMS' })).toBeNull();
    expect(screen.getByRole('button', { name: 'New client' })).toBeTruthy();
    expect(await axeViolations()).toEqual([]);
  });

  it('creates a client: the body sent, the id, the secret and the requests shown once, the list read again', async () => {
    let clients: OrganizationClient[] = [];
    const created: OrganizationClient = { ...lims, id: 'cl-new', lastTokenAt: null };
    const { calls } = server([], {
      [`GET ${base}/clients`]: () => json(200, clients),
      [`POST ${base}/clients`]: () => {
        clients = [created];
        return json(201, { clientSecret: SECRET, tokenEndpoint: '/connect/token', details: created });
      },
    });
    renderApp(page);
    const u = userEvent.setup();

    expect(await screen.findByRole('heading', { level: 2, name: 'No clients yet' })).toBeTruthy();
    await u.click(screen.getByRole('button', { name: 'New client' }));
    const form = screen.getByRole('dialog', { name: 'New client' });
    const name = within(form).getByLabelText('Name');
    expect(document.activeElement).toBe(name);
    const role = within(form).getByLabelText('Role') as HTMLSelectElement;
    expect(role.selectedOptions[0]!.textContent).toBe('Analyst');
    expect(description(role)).toContain('It sees exactly what this role (and the samples assigned to it) allows.');
    expect(await axeViolations('[role="dialog"]')).toEqual([]);

    // Checked before sending.
    await u.click(within(form).getByRole('button', { name: 'Create client' }));
    expect(description(name)).toContain('Name the client after the system that will use it.');
    expect(document.activeElement).toBe(name);
    expect(calls(`POST ${base}/clients`)).toHaveLength(0);

    await u.type(name, '  LIMS ');
    await u.click(within(form).getByRole('button', { name: 'Create client' }));

    const shown = await screen.findByRole('dialog', { name: 'Client “LIMS” created' });
    expect(JSON.parse(calls(`POST ${base}/clients`)[0]!.body)).toEqual({ name: 'LIMS', roleId: ROLE_ANALYST });
    expect(within(shown).getByText('Copy the secret now: it will not be shown again')).toBeTruthy();
    expect(within(shown).getByText('vm_client_3f9a1c').tagName).toBe('CODE');
    expect(within(shown).getByText(SECRET).tagName).toBe('CODE');
    const origin = window.location.origin;
    const tokenRequest = `curl -s -X POST ${origin}/connect/token -d grant_type=client_credentials -d client_id=vm_client_3f9a1c -d client_secret=${SECRET}`;
    expect(within(shown).getByText(tokenRequest)).toBeTruthy();
    expect(within(shown).getByText(`curl -H "Authorization: Bearer <access_token>" ${origin}${base}/workspaces`)).toBeTruthy();
    expect(within(shown).getByText(/The token lasts 15 minutes; the system asks for a new one when it expires\./)).toBeTruthy();
    expect(document.activeElement).toBe(within(shown).getByRole('button', { name: 'Copy client id' }));

    await u.click(within(shown).getByRole('button', { name: 'Copy client id' }));
    expect(await navigator.clipboard.readText()).toBe('vm_client_3f9a1c');
    await u.click(within(shown).getByRole('button', { name: 'Copy secret' }));
    expect(await navigator.clipboard.readText()).toBe(SECRET);
    expect(await within(shown).findByText('Secret copied to the clipboard.')).toBeTruthy();
    await u.click(within(shown).getByRole('button', { name: 'Copy token request' }));
    expect(await navigator.clipboard.readText()).toBe(tokenRequest);
    expect(statusMessage()).toBe('Client “LIMS” created.');
    expect(await axeViolations('[role="dialog"]')).toEqual([]);

    // The list was read again behind the dialog; closing it forgets the secret.
    expect(await screen.findByRole('rowheader', { name: 'LIMS' })).toBeTruthy();
    expect(calls(`GET ${base}/clients`).length).toBeGreaterThanOrEqual(2);
    await u.click(within(shown).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByText(SECRET, { exact: false })).toBeNull();
    expect(cells('LIMS')[1]).toBe('Analyst');
  });

  it('offers the roles I may give: never Group Supervisor, and a role with permissions I lack disabled', async () => {
    server([]);
    renderApp(page);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'New client' }));
    const role = within(screen.getByRole('dialog', { name: 'New client' })).getByLabelText('Role');
    const options = within(role).getAllByRole('option') as HTMLOptionElement[];
    expect(options.map((o) => o.value)).not.toContain(ROLE_SUPERVISOR);
    const steward = options.find((o) => o.textContent!.startsWith('Data Steward'))!;
    expect(steward.disabled).toBe(true);
    expect(steward.textContent).toBe('Data Steward — has permissions you do not hold');
    expect(options.find((o) => o.textContent === 'Sequencing Analyst')!.disabled).toBe(false);
  });

  it('shows the server’s refusal of the role next to the field, and a refusal without a field in the summary', async () => {
    let answer = () =>
      problem(400, { title: 'One or more validation errors occurred.', errors: { RoleId: ['Choose one of the organization’s roles.'] } });
    server([], { [`POST ${base}/clients`]: () => answer() });
    renderApp(page);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'New client' }));
    const form = screen.getByRole('dialog', { name: 'New client' });
    await u.type(within(form).getByLabelText('Name'), 'LIMS');
    await u.click(within(form).getByRole('button', { name: 'Create client' }));

    const role = within(form).getByLabelText('Role');
    await waitFor(() => expect(role.getAttribute('aria-invalid')).toBe('true'));
    expect(description(role)).toContain('Choose one of the organization’s roles.');
    expect(document.activeElement).toBe(role);
    expect(within(form).getByRole('alert').textContent).toContain('Check the highlighted fields and try again.');

    answer = () => problem(403, { title: 'Forbidden', detail: 'You cannot give a role with permissions you do not hold.' });
    await u.click(within(form).getByRole('button', { name: 'Create client' }));
    await waitFor(() => expect(within(form).getByRole('alert').textContent).toContain('You cannot give a role with permissions you do not hold.'));
    expect(screen.queryByRole('dialog', { name: /created/ })).toBeNull();
  });

  it('revokes a client after asking, and the row shows it revoked', async () => {
    let clients = [lims];
    const { calls } = server([], {
      [`GET ${base}/clients`]: () => json(200, clients),
      [`POST ${base}/clients/cl-1/revoke`]: () => {
        clients = [{ ...lims, roleId: null, revokedAt: new Date().toISOString(), status: 'revoked' }];
        return json(200, clients[0]);
      },
    });
    renderApp(page);
    const u = userEvent.setup();

    // Cancelling sends nothing.
    await u.click(await screen.findByRole('button', { name: 'Revoke LIMS' }));
    await u.click(within(screen.getByRole('dialog', { name: 'Revoke client' })).getByRole('button', { name: 'Cancel' }));
    expect(calls(`POST ${base}/clients/cl-1/revoke`)).toHaveLength(0);

    await u.click(screen.getByRole('button', { name: 'Revoke LIMS' }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke client' });
    expect(dialog.textContent).toContain('Revoke LIMS? Its tokens stop working at once and it gets no new ones.');
    expect(await axeViolations('[role="dialog"]')).toEqual([]);
    await u.click(within(dialog).getByRole('button', { name: 'Revoke client' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls(`POST ${base}/clients/cl-1/revoke`)).toHaveLength(1);
    expect(statusMessage()).toBe('Client “LIMS” revoked.');
    await waitFor(() => expect(cells('LIMS')[4]).toBe('Revoked'));
    expect(cells('LIMS')[1]).toBe('—');
    expect(screen.queryByRole('button', { name: 'Revoke LIMS' })).toBeNull();
  });

  it('is neither linked nor loaded for a member without organization.settings.manage', async () => {
    const { calls } = server([lims], {}, ANALYST_PERMISSIONS);
    renderApp(page);

    expect(await screen.findByText('You cannot manage this organization’s API clients')).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Organization' });
    expect(within(nav).getByRole('link', { name: 'API tokens' })).toBeTruthy();
    expect(within(nav).queryByRole('link', { name: 'API clients' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'New client' })).toBeNull();
    expect(calls(`GET ${base}/clients`)).toHaveLength(0);
  });

  it('says the same when the server refuses to list them', async () => {
    server([], { [`GET ${base}/clients`]: () => problem(403, { title: 'Forbidden', detail: 'You do not have permission to do this.' }) });
    renderApp(page);

    expect(await screen.findByText('You cannot manage this organization’s API clients')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByRole('button', { name: 'New client' })).toBeNull();
  });
});
