import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockFetch, problem, user } from '../../test/fetchMock';
import { statusMessage } from '../../test/helpers';
import { renderApp } from '../../test/render';
import { GIB, MAX_QUOTA_GIB, parseQuotaGib, quotaGibText, type PlatformOrganization } from './api';

const admin = { ...user, isPlatformAdmin: true };
const NORTHWIND = '0190f0aa-0000-7000-8000-000000000001';
const CONTOSO = '0190f0aa-0000-7000-8000-000000000002';

function organizations(): PlatformOrganization[] {
  return [
    {
      id: CONTOSO,
      name: 'Contoso Research Institute',
      createdAt: '2025-02-01T10:00:00Z',
      storageUsedBytes: 0,
      storageQuotaBytes: 1024 ** 4,
      pendingOwnerEmail: 'owner@contoso.example',
      members: [],
    },
    {
      id: NORTHWIND,
      name: 'Northwind Genomics Lab',
      createdAt: '2025-01-01T10:00:00Z',
      storageUsedBytes: 900 * GIB,
      storageQuotaBytes: 1024 ** 4,
      pendingOwnerEmail: null,
      // The server lists Supervisors first.
      members: [
        { userId: 'u1', displayName: 'Katherine Johnson', email: 'katherine@example.org', role: 'Group Supervisor' },
        { userId: 'u2', displayName: 'Ada Lovelace', email: 'ada@example.org', role: 'Analyst' },
        { userId: 'u3', displayName: 'Grace Hopper', email: 'grace@example.org', role: 'Group Admin' },
      ],
    },
  ];
}

function row(name: string) {
  return screen.getByRole('rowheader', { name: new RegExp(`^${name}`) }).closest('tr')!;
}

describe('Platform administration', () => {
  it('is only for platform administrators', async () => {
    const { calls } = mockFetch({ 'GET /api/auth/me': () => json(200, user) });
    renderApp('/admin');
    expect(await screen.findByText('For platform administrators only')).toBeTruthy();
    expect(calls('GET /api/admin/organizations')).toHaveLength(0);
  });

  it('lists every organization with its members (expandable, in the server’s order) and storage against the quota', async () => {
    mockFetch({ 'GET /api/auth/me': () => json(200, admin), 'GET /api/admin/organizations': () => json(200, organizations()) });
    renderApp('/admin');
    const u = userEvent.setup();

    await screen.findByRole('table', { name: 'Organizations' });
    const northwind = row('Northwind Genomics Lab');
    const toggle = within(northwind).getByRole('button', { name: '3 members of Northwind Genomics Lab' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(within(northwind).queryByRole('list', { name: 'Members of Northwind Genomics Lab' })).toBeNull();
    await u.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const list = within(northwind).getByRole('list', { name: 'Members of Northwind Genomics Lab' });
    expect(document.getElementById(toggle.getAttribute('aria-controls')!)).toBe(list);
    const items = within(list).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual([
      'Katherine Johnson · Group Supervisorkatherine@example.org',
      'Ada Lovelace · Analystada@example.org',
      'Grace Hopper · Group Admingrace@example.org',
    ]);

    const meter = within(northwind).getByRole('meter', { name: 'Storage used by Northwind Genomics Lab' });
    expect(meter.getAttribute('aria-valuetext')).toBe('900 GiB of 1 TiB used (87.9 %)');
    const contoso = row('Contoso Research Institute');
    expect(within(contoso).getByText('No members')).toBeTruthy();
    expect(within(contoso).getByText(/owner@contoso.example/)).toBeTruthy();
  });

  it('sets a quota entered in GiB, sent in bytes', async () => {
    let list = organizations();
    const { calls } = mockFetch({
      'GET /api/auth/me': () => json(200, admin),
      'GET /api/admin/organizations': () => json(200, list),
      [`PUT /api/admin/organizations/${NORTHWIND}/storage-quota`]: (_r, body) => {
        const { storageQuotaBytes } = JSON.parse(body) as { storageQuotaBytes: number };
        list = list.map((o) => (o.id === NORTHWIND ? { ...o, storageQuotaBytes } : o));
        return new Response(null, { status: 204 });
      },
    });
    renderApp('/admin');
    const u = userEvent.setup();

    await screen.findByRole('table', { name: 'Organizations' });
    await u.click(within(row('Northwind Genomics Lab')).getByRole('button', { name: 'Set the storage quota of Northwind Genomics Lab' }));
    const dialog = screen.getByRole('dialog', { name: 'Set storage quota' });
    const field = within(dialog).getByLabelText('Storage quota (GiB)') as HTMLInputElement;
    expect(field.value).toBe('1024');
    await u.clear(field);
    await u.type(field, 'lots');
    await u.click(within(dialog).getByRole('button', { name: 'Set quota' }));
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(calls(`PUT /api/admin/organizations/${NORTHWIND}/storage-quota`)).toHaveLength(0);

    await u.clear(field);
    await u.type(field, '2048');
    await u.click(within(dialog).getByRole('button', { name: 'Set quota' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(JSON.parse(calls(`PUT /api/admin/organizations/${NORTHWIND}/storage-quota`)[0]!.body)).toEqual({ storageQuotaBytes: 2048 * GIB });
    expect(statusMessage()).toBe('The storage quota of “Northwind Genomics Lab” is now 2 TiB.');
    await waitFor(() =>
      expect(
        within(row('Northwind Genomics Lab')).getByRole('meter', { name: 'Storage used by Northwind Genomics Lab' }).getAttribute('aria-valuetext'),
      ).toBe('900 GiB of 2 TiB used (43.9 %)'),
    );
  });

  it('shows the server’s refusal of a quota', async () => {
    mockFetch({
      'GET /api/auth/me': () => json(200, admin),
      'GET /api/admin/organizations': () => json(200, organizations()),
      [`PUT /api/admin/organizations/${NORTHWIND}/storage-quota`]: () => problem(404, { title: 'Not Found', detail: 'The organization was not found.' }),
    });
    renderApp('/admin');
    const u = userEvent.setup();
    await screen.findByRole('table', { name: 'Organizations' });
    await u.click(within(row('Northwind Genomics Lab')).getByRole('button', { name: /Set the storage quota/ }));
    const dialog = screen.getByRole('dialog', { name: 'Set storage quota' });
    await u.click(within(dialog).getByRole('button', { name: 'Set quota' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('The organization was not found.');
  });

  it('creates an organization for an owner, and shows a name already in use next to the name', async () => {
    let attempts = 0;
    const { calls } = mockFetch({
      'GET /api/auth/me': () => json(200, admin),
      'GET /api/admin/organizations': () => json(200, organizations()),
      'POST /api/organizations': () =>
        ++attempts === 1
          ? problem(409, { title: 'Conflict', detail: 'An organization named "northwind genomics lab" already exists.' })
          : json(201, { id: 'new', name: 'Fabrikam Clinic', initialWorkspaceId: 'ws', ownerUserId: null, pendingOwnerEmail: 'lead@fabrikam.example' }),
    });
    renderApp('/admin');
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Create organization for an owner' }));
    const dialog = screen.getByRole('dialog', { name: 'Create organization for an owner' });
    await u.type(within(dialog).getByLabelText('Name'), 'northwind genomics lab');
    await u.click(within(dialog).getByRole('button', { name: 'Create organization' }));
    const owner = within(dialog).getByLabelText("Owner's e-mail address");
    expect(owner.getAttribute('aria-invalid')).toBe('true');
    expect(calls('POST /api/organizations')).toHaveLength(0);

    await u.type(owner, 'lead@fabrikam.example');
    await u.click(within(dialog).getByRole('button', { name: 'Create organization' }));
    const name = within(dialog).getByLabelText('Name');
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(name.getAttribute('aria-describedby')!.split(' ')[0]!)!.textContent).toContain('already exists');

    await u.clear(name);
    await u.type(name, 'Fabrikam Clinic');
    await u.click(within(dialog).getByRole('button', { name: 'Create organization' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(JSON.parse(calls('POST /api/organizations')[1]!.body)).toEqual({ name: 'Fabrikam Clinic', description: null, ownerEmail: 'lead@fabrikam.example' });
    expect(statusMessage()).toContain('lead@fabrikam.example becomes its owner');
    await waitFor(() => expect(calls('GET /api/admin/organizations').length).toBeGreaterThan(1));
  });

  it('converts GiB to bytes and back', () => {
    expect(parseQuotaGib('1024')).toEqual({ bytes: 1024 ** 4, error: null });
    expect(parseQuotaGib(' 0.5 ')).toEqual({ bytes: 512 * 1024 ** 2, error: null });
    expect(parseQuotaGib('1,024')).toEqual({ bytes: 1024 ** 4, error: null });
    expect(parseQuotaGib('').error).toBe('Enter the quota in GiB, like 1024.');
    expect(parseQuotaGib('-5').error).toBe('Enter a number of GiB, like 1024 or 0.5.');
    expect(parseQuotaGib('0').error).toBe('Enter a quota greater than 0.');
    expect(parseQuotaGib(String(MAX_QUOTA_GIB + 1)).error).toMatch(/^Enter at most/);
    expect(quotaGibText(1024 ** 4)).toBe('1024');
    expect(quotaGibText(1.5 * GIB)).toBe('1.5');
  });
});
