import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { anonymous, json, mockFetch, problem, user } from '../../test/fetchMock';
import { ALL_PERMISSIONS, ORG_ID, orgRoutes, WS_GENERAL } from '../../test/orgFixtures';
import { ADMIN_PERMISSIONS, peopleServer, pendingInvitation, ROLE_ADMIN, ROLE_CURATOR, ROLE_SUPERVISOR } from '../../test/peopleFixtures';
import { renderApp } from '../../test/render';
import { normaliseDomain } from './InvitationPreferencesSettings';

const admin = { id: ROLE_ADMIN, name: 'Group Admin' };
const LINK = 'http://localhost:5080/invitations/accept?token=tok_first';

function issued(token: string) {
  return {
    id: '0190f0aa-0000-7000-8000-0000000000i9',
    email: 'rosalind@lab.example',
    token,
    acceptUrl: `http://localhost:5080/invitations/accept?token=${token}`,
    expiresAt: '2030-01-08T10:00:00Z',
  };
}

describe('Invite people', () => {
  it('sends the invitation with the default role and chosen workspaces, and shows the link once', async () => {
    const server = peopleServer(admin);
    server.state.preferences.defaultRoleId = ROLE_CURATOR;
    const { calls } = mockFetch({
      ...orgRoutes('Group Admin', ADMIN_PERMISSIONS),
      ...server.routes,
      [`POST ${server.base}/invitations`]: () => json(201, issued('tok_first')),
    });
    renderApp(`/orgs/${ORG_ID}/members`);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Invite people' }));
    let dialog = screen.getByRole('dialog', { name: 'Invite people' });
    const role = (await within(dialog).findByLabelText('Role')) as HTMLSelectElement;
    // The organization's default invitation role is preselected; the Supervisor role cannot be given by an Admin.
    expect(role.value).toBe(ROLE_CURATOR);
    expect((within(role).getByRole('option', { name: /^Group Supervisor/ }) as HTMLOptionElement).disabled).toBe(true);
    await u.type(within(dialog).getByLabelText('E-mail address'), 'rosalind@lab.example');
    await u.click(await within(dialog).findByRole('checkbox', { name: 'General' }));
    await u.click(within(dialog).getByRole('button', { name: 'Send invitation' }));

    const link = (await within(dialog).findByLabelText('Invitation link')) as HTMLInputElement;
    expect(link.value).toBe(LINK);
    expect(JSON.parse(calls(`POST ${server.base}/invitations`)[0]!.body)).toEqual({
      email: 'rosalind@lab.example',
      roleId: ROLE_CURATOR,
      workspaceIds: [WS_GENERAL],
    });
    await u.click(within(dialog).getByRole('button', { name: 'Copy invitation link' }));
    expect(await navigator.clipboard.readText()).toBe(LINK);
    expect(within(dialog).getByText('Link copied to the clipboard.')).toBeTruthy();

    // Shown once: after closing, the dialog starts over with an empty form and no link.
    await u.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    await u.click(screen.getByRole('button', { name: 'Invite people' }));
    dialog = screen.getByRole('dialog', { name: 'Invite people' });
    await within(dialog).findByLabelText('E-mail address');
    expect(within(dialog).queryByLabelText('Invitation link')).toBeNull();
    expect(within(dialog).queryByText(LINK)).toBeNull();
  });

  it('shows a disallowed e-mail domain next to the e-mail field', async () => {
    const server = peopleServer(admin);
    mockFetch({
      ...orgRoutes('Group Admin', ADMIN_PERMISSIONS),
      ...server.routes,
      [`POST ${server.base}/invitations`]: () =>
        problem(400, {
          title: 'One or more validation errors occurred.',
          errors: { Email: ['This organization only invites addresses at lab.example; gmail.com is not one of them.'] },
        }),
    });
    renderApp(`/orgs/${ORG_ID}/members`);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Invite people' }));
    const dialog = screen.getByRole('dialog', { name: 'Invite people' });
    const email = await within(dialog).findByLabelText('E-mail address');
    await u.type(email, 'someone@gmail.com');
    await u.click(within(dialog).getByRole('button', { name: 'Send invitation' }));

    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    const errorId = email.getAttribute('aria-describedby')!.split(' ')[0]!;
    expect(document.getElementById(errorId)!.textContent).toContain('gmail.com is not one of them');
    expect(within(dialog).queryByLabelText('Invitation link')).toBeNull();
  });

  it('lists pending invitations; Resend shows a new link, Revoke asks first', async () => {
    const server = peopleServer(admin);
    const revokeKey = `DELETE ${server.base}/invitations/${pendingInvitation.id}`;
    const { calls } = mockFetch({
      ...orgRoutes('Group Admin', ADMIN_PERMISSIONS),
      ...server.routes,
      [`POST ${server.base}/invitations/${pendingInvitation.id}/resend`]: () => json(200, issued('tok_second')),
      [revokeKey]: () => {
        server.state.invitations = [];
        return new Response(null, { status: 204 });
      },
    });
    renderApp(`/orgs/${ORG_ID}/members`);
    const u = userEvent.setup();

    const table = await screen.findByRole('table', { name: 'Pending invitations' });
    const row = within(table).getByRole('rowheader', { name: 'rosalind@example.org' }).closest('tr')!;
    expect(within(row).getByText('Analyst')).toBeTruthy();
    expect(within(row).getByText('2 days ago')).toBeTruthy();

    await u.click(within(row).getByRole('button', { name: 'Resend invitation to rosalind@example.org' }));
    const resent = await screen.findByRole('dialog', { name: 'Invitation re-sent' });
    expect((within(resent).getByLabelText('Invitation link') as HTMLInputElement).value).toContain('tok_second');
    await u.click(within(resent).getByRole('button', { name: 'Done' }));

    await u.click(within(row).getByRole('button', { name: 'Revoke invitation to rosalind@example.org' }));
    expect(calls(revokeKey)).toHaveLength(0);
    await u.click(within(screen.getByRole('dialog', { name: 'Revoke invitation' })).getByRole('button', { name: 'Revoke invitation' }));
    expect(await screen.findByText('No invitations are waiting for an answer.')).toBeTruthy();
    expect(calls(revokeKey)).toHaveLength(1);
  });
});

describe('Accept invitation page', () => {
  const route = '/invitations/accept?token=tok_abc';

  it('asks an anonymous visitor to sign in or register, returning to the invitation afterwards', async () => {
    const { calls } = mockFetch({ 'GET /api/auth/me': anonymous });
    renderApp(route);

    expect(await screen.findByText('Sign in or register with the invited e-mail address to accept.')).toBeTruthy();
    const back = encodeURIComponent(route);
    expect(screen.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe(`/login?returnTo=${back}`);
    expect(screen.getByRole('link', { name: 'Create an account' }).getAttribute('href')).toBe(`/register?returnTo=${back}`);
    expect(screen.getByTestId('location').textContent).toBe(route);
    expect(calls('POST /api/invitations/accept')).toHaveLength(0);
  });

  it('joins with one click and opens the organization', async () => {
    const { calls } = mockFetch({
      ...orgRoutes('Analyst', []),
      'GET /api/auth/me': () => json(200, user),
      'POST /api/invitations/accept': () => json(200, { organizationId: ORG_ID, organizationName: 'Northwind Genomics Lab' }),
    });
    renderApp(route);
    const u = userEvent.setup();

    expect(await screen.findByText(/You are signed in as/)).toBeTruthy();
    await u.click(screen.getByRole('button', { name: 'Join the organization' }));
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe(`/orgs/${ORG_ID}`));
    expect(JSON.parse(calls('POST /api/invitations/accept')[0]!.body)).toEqual({ token: 'tok_abc' });
  });

  it('explains a used, expired or revoked invitation (410)', async () => {
    mockFetch({
      'GET /api/auth/me': () => json(200, user),
      'POST /api/invitations/accept': () => problem(410, { title: 'Gone', detail: 'This invitation has expired. Ask for a new one.' }),
    });
    renderApp(route);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Join the organization' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('This invitation can no longer be used');
    expect(alert.textContent).toContain('This invitation has expired. Ask for a new one.');
    // Trying again cannot help.
    expect(screen.queryByRole('button', { name: 'Join the organization' })).toBeNull();
    expect(screen.getByTestId('location').textContent).toBe(route);
  });

  it('names the invited address when the invitation is for someone else (403)', async () => {
    mockFetch({
      'GET /api/auth/me': () => json(200, user),
      'POST /api/invitations/accept': () =>
        problem(403, { title: 'Forbidden', detail: 'This invitation was sent to another e-mail address. Sign in as rosalind@lab.example to accept it.' }),
    });
    renderApp(route);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Join the organization' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Sign in as rosalind@lab.example');
    expect(screen.getByRole('button', { name: 'Sign in with another account' })).toBeTruthy();
  });
});

describe('Accept invitation page: e-mail verification', () => {
  const route = '/invitations/accept?token=tok_abc';
  const unverified = { ...user, emailVerified: false };
  const detail = 'Verify your e-mail address first: open the link we sent to ada@example.org (or send a new one), then accept the invitation.';

  it('says before joining that the address must be verified, without the shell’s banner', async () => {
    mockFetch({
      'GET /api/auth/me': () => json(200, unverified),
      'POST /api/auth/verify-email/resend': () => new Response(null, { status: 204 }),
    });
    renderApp(route);
    const u = userEvent.setup();

    const notice = await screen.findByText(/Invitations can be accepted only from a verified address/);
    expect(notice.textContent).toContain('ada@example.org');
    expect(screen.queryByRole('region', { name: 'Verify your e-mail address' })).toBeNull();
    expect(screen.getAllByRole('button', { name: 'Send the link again' })).toHaveLength(1);
    await u.click(screen.getByRole('button', { name: 'Send the link again' }));
    expect(await screen.findByText(/We sent a new link to ada@example.org/)).toBeTruthy();
    // The server decides: joining can still be tried (e.g. after verifying in another tab).
    expect(screen.getByRole('button', { name: 'Join the organization' })).toBeTruthy();
  });

  it('explains a 403 with reason email-unverified and offers the link again instead of another account', async () => {
    const { calls } = mockFetch({
      'GET /api/auth/me': () => json(200, user),
      'POST /api/invitations/accept': () => problem(403, { title: 'Forbidden', detail, reason: 'email-unverified' }),
      'POST /api/auth/verify-email/resend': () => new Response(null, { status: 204 }),
    });
    renderApp(route);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Join the organization' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Verify your e-mail address first');
    expect(alert.textContent).toContain(detail);
    expect(alert.textContent).not.toContain('This invitation is for someone else');
    expect(screen.queryByRole('button', { name: 'Sign in with another account' })).toBeNull();

    await u.click(screen.getByRole('button', { name: 'Send the link again' }));
    expect(await screen.findByText(/We sent a new link to ada@example.org/)).toBeTruthy();
    expect(calls('POST /api/auth/verify-email/resend')).toHaveLength(1);
    // Once verified, joining can be tried again.
    expect(screen.getByRole('button', { name: 'Join the organization' })).toBeTruthy();
  });

  it('shows the detail of a 409 when the address turns out to be verified already', async () => {
    mockFetch({
      'GET /api/auth/me': () => json(200, unverified),
      'POST /api/auth/verify-email/resend': () => problem(409, { title: 'Conflict', detail: 'Your e-mail address is already verified.' }),
    });
    renderApp(route);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Send the link again' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Your e-mail address is already verified.');
  });
});

describe('Settings: invitation preferences', () => {
  it('edits the allowed domains and the default role, and saves both', async () => {
    const server = peopleServer({ id: ROLE_SUPERVISOR, name: 'Group Supervisor' });
    server.state.preferences.allowedEmailDomains = ['old.example'];
    const { calls } = mockFetch({
      ...orgRoutes('Group Supervisor', ALL_PERMISSIONS),
      ...server.routes,
      [`GET ${server.base}/settings/access-control`]: () => json(200, { roleBasedAccessEnabled: true }),
      [`PUT ${server.base}/settings/invitations`]: (_r, body) => json(200, JSON.parse(body)),
    });
    renderApp(`/orgs/${ORG_ID}/settings`);
    const u = userEvent.setup();

    const form = await screen.findByRole('form', { name: 'Invitation preferences' });
    await u.click(within(form).getByRole('button', { name: 'Remove old.example' }));
    const add = within(form).getByLabelText('Domain to allow');
    await u.type(add, 'not a domain');
    await u.click(within(form).getByRole('button', { name: 'Add domain' }));
    expect(add.getAttribute('aria-invalid')).toBe('true');
    await u.clear(add);
    await u.type(add, '@Lab.Example.org{Enter}');
    expect(within(within(form).getByRole('list', { name: 'Allowed e-mail domains' })).getByText('lab.example.org')).toBeTruthy();
    const role = within(form).getByLabelText('Default role for invitations');
    expect((within(role).getByRole('option', { name: /^Group Supervisor/ }) as HTMLOptionElement).disabled).toBe(true);
    await u.selectOptions(role, ROLE_CURATOR);
    await u.click(within(form).getByRole('button', { name: 'Save invitation preferences' }));

    expect(await within(form).findByText('Invitation preferences saved.')).toBeTruthy();
    expect(JSON.parse(calls(`PUT ${server.base}/settings/invitations`)[0]!.body)).toEqual({
      allowedEmailDomains: ['lab.example.org'],
      defaultRoleId: ROLE_CURATOR,
    });
  });

  it('normalises domains', () => {
    expect(normaliseDomain(' @Lab.Example.ORG ')).toBe('lab.example.org');
    expect(normaliseDomain('localhost')).toBeNull();
    expect(normaliseDomain('a b.org')).toBeNull();
  });
});
