import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { access, ALL_PERMISSIONS, ORG_ID, orgRoutes } from '../../test/orgFixtures';
import { statusMessage } from '../../test/helpers';
import { renderApp } from '../../test/render';

const base = `/api/organizations/${ORG_ID}`;
const ADMIN = ALL_PERMISSIONS.filter((p) => !['workspaces.delete', 'organization.billing.manage', 'roles.manage'].includes(p));

function withAccessControl(enabled: boolean) {
  let state = enabled;
  return {
    [`GET ${base}/settings/access-control`]: () => json(200, { roleBasedAccessEnabled: state }),
    [`PUT ${base}/settings/access-control`]: (_r: Request, body: string) => {
      state = (JSON.parse(body) as { roleBasedAccessEnabled: boolean }).roleBasedAccessEnabled;
      return json(200, { roleBasedAccessEnabled: state });
    },
  };
}

describe('Settings: role-based access', () => {
  it('asks for confirmation before switching, explains the effect, and switches off and on', async () => {
    const { calls } = mockFetch({ ...orgRoutes('Group Admin', ADMIN), ...withAccessControl(true) });
    renderApp(`/orgs/${ORG_ID}/settings`);
    const u = userEvent.setup();

    const toggle = await screen.findByRole('switch', { name: 'Role-based access' });
    expect(toggle.getAttribute('aria-checked')).toBe('true');
    expect(screen.getByText(/Switching never changes stored roles or assignments/)).toBeTruthy();

    // Cancelling changes nothing.
    await u.click(toggle);
    await u.click(within(screen.getByRole('dialog', { name: 'Turn role-based access off?' })).getByRole('button', { name: 'Cancel' }));
    expect(calls(`PUT ${base}/settings/access-control`)).toHaveLength(0);
    expect(toggle.getAttribute('aria-checked')).toBe('true');

    await u.click(toggle);
    const off = screen.getByRole('dialog', { name: 'Turn role-based access off?' });
    expect(off.textContent).toContain('Every member will see every sample');
    await u.click(within(off).getByRole('button', { name: 'Turn off' }));
    await waitFor(() => expect(toggle.getAttribute('aria-checked')).toBe('false'));
    expect(statusMessage()).toBe('Role-based access is now off.');
    expect(JSON.parse(calls(`PUT ${base}/settings/access-control`)[0]!.body)).toEqual({ roleBasedAccessEnabled: false });

    await u.click(toggle);
    await u.click(within(screen.getByRole('dialog', { name: 'Turn role-based access on?' })).getByRole('button', { name: 'Turn on' }));
    await waitFor(() => expect(toggle.getAttribute('aria-checked')).toBe('true'));
    expect(JSON.parse(calls(`PUT ${base}/settings/access-control`)[1]!.body)).toEqual({ roleBasedAccessEnabled: true });
  });
});

describe('Settings: general', () => {
  it('saves name, description and contact, and shows field errors from the problem', async () => {
    let attempt = 0;
    const { calls } = mockFetch({
      ...orgRoutes('Group Admin', ADMIN),
      ...withAccessControl(true),
      [`PATCH ${base}`]: () =>
        ++attempt === 1
          ? problem(400, { title: 'One or more validation errors occurred.', errors: { ContactEmail: ['Enter a valid contact e-mail address.'] } })
          : new Response(null, { status: 204 }),
    });
    renderApp(`/orgs/${ORG_ID}/settings`);
    const u = userEvent.setup();

    const form = await screen.findByRole('form', { name: 'General settings' });
    const name = within(form).getByLabelText('Organization name') as HTMLInputElement;
    expect(name.value).toBe('Northwind Genomics Lab');
    await u.clear(within(form).getByLabelText('Contact name'));
    await u.click(within(form).getByRole('button', { name: 'Save changes' }));

    const email = within(form).getByLabelText('Contact e-mail');
    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    expect(within(form).getByText('Enter a valid contact e-mail address.')).toBeTruthy();

    await u.click(within(form).getByRole('button', { name: 'Save changes' }));
    // The app's status region (polite) says so.
    await waitFor(() => expect(statusMessage()).toBe('Settings saved.'));
    expect(screen.getByTestId('status-message').getAttribute('role')).toBe('status');
    expect(JSON.parse(calls(`PATCH ${base}`)[1]!.body)).toEqual({
      name: 'Northwind Genomics Lab',
      description: 'Clinical exome and panel testing',
      contactName: '',
      contactEmail: 'lab@northwind.example',
    });
  });
});

describe('Settings: danger zone', () => {
  it('is not shown to a Group Admin', async () => {
    mockFetch({ ...orgRoutes('Group Admin', ADMIN), ...withAccessControl(true) });
    renderApp(`/orgs/${ORG_ID}/settings`);
    await screen.findByRole('form', { name: 'General settings' });
    expect(screen.queryByRole('heading', { name: 'Danger zone' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete organization' })).toBeNull();
  });

  it('recognises the Supervisor by the built-in role key, not by the role name', async () => {
    // The Supervisor role renamed by the organization: still the Supervisor.
    mockFetch({
      ...orgRoutes('Lab Director', ALL_PERMISSIONS),
      [`GET ${base}/me`]: () => json(200, access('Lab Director', ALL_PERMISSIONS, undefined, 'Supervisor')),
      ...withAccessControl(true),
    });
    const first = renderApp(`/orgs/${ORG_ID}/settings`);
    expect(await screen.findByRole('heading', { name: 'Danger zone' })).toBeTruthy();
    first.unmount();

    // A custom role that borrows the name, with every permission: not the Supervisor.
    mockFetch({
      ...orgRoutes('Group Supervisor', ALL_PERMISSIONS),
      [`GET ${base}/me`]: () => json(200, access('Group Supervisor', ALL_PERMISSIONS, undefined, null)),
      ...withAccessControl(true),
    });
    renderApp(`/orgs/${ORG_ID}/settings`);
    await screen.findByRole('form', { name: 'General settings' });
    expect(screen.queryByRole('heading', { name: 'Danger zone' })).toBeNull();
  });

  it('lets the Group Supervisor delete the organization after typing its exact name, then opens the organizations list', async () => {
    let deleted = false;
    const { calls } = mockFetch({
      ...orgRoutes('Group Supervisor', ALL_PERMISSIONS),
      ...withAccessControl(true),
      'GET /api/organizations': () => json(200, []),
      [`DELETE ${base}`]: () => {
        deleted = true;
        return new Response(null, { status: 204 });
      },
    });
    renderApp(`/orgs/${ORG_ID}/settings`);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Delete organization' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete organization' });
    const confirm = within(dialog).getByRole('button', { name: 'Delete organization' }) as HTMLButtonElement;
    await u.type(within(dialog).getByLabelText('Type “Northwind Genomics Lab” to confirm'), 'Northwind Genomics');
    expect(confirm.disabled).toBe(true);
    await u.type(within(dialog).getByLabelText('Type “Northwind Genomics Lab” to confirm'), ' Lab');
    expect(confirm.disabled).toBe(false);
    await u.click(confirm);

    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/orgs'));
    expect(deleted).toBe(true);
    expect(JSON.parse(calls(`DELETE ${base}`)[0]!.body)).toEqual({ confirmName: 'Northwind Genomics Lab' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Organizations' })).toBeTruthy();
    expect(await screen.findByRole('heading', { name: 'You are not a member of any organization yet' })).toBeTruthy();
    expect(statusMessage()).toBe('Organization “Northwind Genomics Lab” deleted.');
  });
});
