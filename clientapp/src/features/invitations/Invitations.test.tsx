import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { anonymous, json, mockFetch, problem, user, type Handler } from '../../test/fetchMock';
import { ALL_PERMISSIONS, ORG_ID, orgRoutes, WS_GENERAL } from '../../test/orgFixtures';
import { ADMIN_PERMISSIONS, peopleServer, pendingInvitation, ROLE_ADMIN, ROLE_CURATOR, ROLE_SUPERVISOR } from '../../test/peopleFixtures';
import { renderApp } from '../../test/render';
import { normaliseDomain } from './InvitationPreferencesSettings';
import { addressErrors, MAX_ADDRESSES, parseAddresses } from './InviteDialog';

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
    await u.type(within(dialog).getByLabelText('E-mail addresses'), 'rosalind@lab.example');
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
    await within(dialog).findByLabelText('E-mail addresses');
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
    const email = await within(dialog).findByLabelText('E-mail addresses');
    await u.type(email, 'someone@gmail.com');
    await u.click(within(dialog).getByRole('button', { name: 'Send invitation' }));

    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    const errorId = email.getAttribute('aria-describedby')!.split(' ')[0]!;
    expect(document.getElementById(errorId)!.textContent).toContain('gmail.com is not one of them');
    expect(within(dialog).queryByLabelText('Invitation link')).toBeNull();
  });

  it('invites several addresses at once, one request each, and keeps only the refused ones in the field with the reason', async () => {
    const server = peopleServer(admin);
    const { calls } = mockFetch({
      ...orgRoutes('Group Admin', ADMIN_PERMISSIONS),
      ...server.routes,
      [`POST ${server.base}/invitations`]: (_r, body) => {
        const { email } = JSON.parse(body) as { email: string };
        if (email === 'grace@example.org') return problem(409, { title: 'Conflict', detail: 'grace@example.org is already a member of this organization.' });
        if (email === 'eve@gmail.com')
          return problem(400, { title: 'One or more validation errors occurred.', errors: { Email: ['Only addresses at lab.example can be invited.'] } });
        return json(201, { ...issued(`tok_${email}`), id: `inv-${email}`, email });
      },
    });
    renderApp(`/orgs/${ORG_ID}/members`);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Invite people' }));
    const dialog = screen.getByRole('dialog', { name: 'Invite people' });
    const field = (await within(dialog).findByLabelText('E-mail addresses')) as HTMLTextAreaElement;
    await u.type(field, 'rosalind@lab.example, grace@example.org;eve@gmail.com{Enter}marie@lab.example  ROSALIND@lab.example');
    await u.click(await within(dialog).findByRole('checkbox', { name: 'General' }));
    await u.click(within(dialog).getByRole('button', { name: 'Send invitations' }));

    // Refused: left in the field, one line each with the server's reason, and the focus goes there.
    await waitFor(() => expect(field.value).toBe('grace@example.org\neve@gmail.com'));
    expect(field.getAttribute('aria-invalid')).toBe('true');
    const errorText = document.getElementById(field.getAttribute('aria-describedby')!.split(' ')[0]!)!.textContent;
    expect(errorText).toContain('grace@example.org: grace@example.org is already a member of this organization.');
    expect(errorText).toContain('eve@gmail.com: Only addresses at lab.example can be invited.');
    expect(document.activeElement).toBe(field);
    expect(within(dialog).getByRole('alert').textContent).toContain('2 of 4 invitations could not be sent');
    // Sent: listed with a link to copy (shown only now). Duplicates (any case) are sent once.
    const sent = within(dialog).getByRole('list', { name: 'Invitations sent' });
    expect(within(sent).getByText('rosalind@lab.example')).toBeTruthy();
    expect(within(sent).getByText('marie@lab.example')).toBeTruthy();
    const posted = calls(`POST ${server.base}/invitations`).map((c) => JSON.parse(c.body) as { email: string; workspaceIds: string[] });
    expect(posted.map((p) => p.email)).toEqual(['rosalind@lab.example', 'grace@example.org', 'eve@gmail.com', 'marie@lab.example']);
    expect(posted.every((p) => p.workspaceIds.length === 1 && p.workspaceIds[0] === WS_GENERAL)).toBe(true);
    await u.click(within(sent).getByRole('button', { name: 'Copy invitation link for marie@lab.example' }));
    expect(await navigator.clipboard.readText()).toBe('http://localhost:5080/invitations/accept?token=tok_marie@lab.example');

    // Correcting the field sends only what is in it.
    await u.clear(field);
    await u.type(field, 'eve@lab.example');
    await u.click(within(dialog).getByRole('button', { name: 'Send invitation' }));
    expect(await within(dialog).findByLabelText('Invitation link')).toBeTruthy();
    expect(calls(`POST ${server.base}/invitations`).map((c) => (JSON.parse(c.body) as { email: string }).email).at(-1)).toBe('eve@lab.example');
    expect(calls(`POST ${server.base}/invitations`)).toHaveLength(5);
  });

  it('lists every invitation with its own copy button when all addresses are sent', async () => {
    const server = peopleServer(admin);
    mockFetch({
      ...orgRoutes('Group Admin', ADMIN_PERMISSIONS),
      ...server.routes,
      [`POST ${server.base}/invitations`]: (_r, body) => {
        const { email } = JSON.parse(body) as { email: string };
        return json(201, { ...issued(`tok_${email}`), id: `inv-${email}`, email });
      },
    });
    renderApp(`/orgs/${ORG_ID}/members`);
    const u = userEvent.setup();
    await u.click(await screen.findByRole('button', { name: 'Invite people' }));
    const dialog = screen.getByRole('dialog', { name: 'Invite people' });
    await u.type(await within(dialog).findByLabelText('E-mail addresses'), 'a@lab.example b@lab.example');
    await u.click(within(dialog).getByRole('button', { name: 'Send invitations' }));
    const sent = await within(dialog).findByRole('list', { name: 'Invitations sent' });
    expect(within(sent).getAllByRole('listitem')).toHaveLength(2);
    expect(within(sent).getByRole('button', { name: 'Copy invitation link for b@lab.example' })).toBeTruthy();
    expect(within(dialog).getByRole('button', { name: 'Done' })).toBeTruthy();
  });

  it('checks every address before sending anything', async () => {
    const server = peopleServer(admin);
    const { calls } = mockFetch({ ...orgRoutes('Group Admin', ADMIN_PERMISSIONS), ...server.routes });
    renderApp(`/orgs/${ORG_ID}/members`);
    const u = userEvent.setup();
    await u.click(await screen.findByRole('button', { name: 'Invite people' }));
    const dialog = screen.getByRole('dialog', { name: 'Invite people' });
    const field = await within(dialog).findByLabelText('E-mail addresses');
    await u.click(within(dialog).getByRole('button', { name: 'Send invitation' }));
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(field);

    await u.type(field, 'ok@lab.example; not-an-address');
    await u.click(within(dialog).getByRole('button', { name: 'Send invitations' }));
    const errorId = field.getAttribute('aria-describedby')!.split(' ')[0]!;
    expect(document.getElementById(errorId)!.textContent).toContain('“not-an-address” is not a valid e-mail address');
    expect(calls(`POST ${server.base}/invitations`)).toHaveLength(0);
    expect(parseAddresses(' a@x.org,b@y.org;\n c@z.org  A@X.org ')).toEqual(['a@x.org', 'b@y.org', 'c@z.org']);
    expect(addressErrors(parseAddresses(''))).toEqual(['Enter the e-mail address of the person to invite.']);
    expect(addressErrors(Array.from({ length: MAX_ADDRESSES + 1 }, (_, i) => `p${i}@lab.example`))).toEqual([`Invite at most ${MAX_ADDRESSES} people at once.`]);
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

const preview = {
  organizationName: 'Northwind Genomics Lab',
  organizationId: ORG_ID,
  invitedBy: 'Katherine Johnson',
  role: 'Clinical Curator',
  email: 'ada@example.org',
  status: 'pending',
  expiresAt: '2030-01-08T10:00:00Z',
};

/** POST /api/invitations/preview answering with the preview above (changed by `overrides`). */
function previewRoute(overrides: Partial<typeof preview> = {}): Record<string, Handler> {
  return { 'POST /api/invitations/preview': () => json(200, { ...preview, ...overrides }) };
}

describe('Accept invitation page', () => {
  const route = '/invitations/accept?token=tok_abc';

  it('shows what the invitation is for first, and asks an anonymous visitor to sign in or register with the invited address', async () => {
    const { calls } = mockFetch({ 'GET /api/auth/me': anonymous, ...previewRoute() });
    renderApp(route);

    expect(await screen.findByRole('heading', { level: 1, name: 'Invitation to join Northwind Genomics Lab' })).toBeTruthy();
    const summary = (term: string) => screen.getByText(term, { selector: 'dt' }).nextElementSibling?.textContent;
    expect(summary('Organization')).toBe('Northwind Genomics Lab');
    expect(summary('Invited by')).toBe('Katherine Johnson');
    expect(summary('Role')).toBe('Clinical Curator');
    expect(summary('Invited address')).toBe('ada@example.org');
    expect(JSON.parse(calls('POST /api/invitations/preview')[0]!.body)).toEqual({ token: 'tok_abc' });

    const back = encodeURIComponent(route);
    expect(screen.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe(`/login?returnTo=${back}&email=ada%40example.org`);
    expect(screen.getByRole('link', { name: 'Create an account' }).getAttribute('href')).toBe(`/register?returnTo=${back}&email=ada%40example.org`);
    expect(screen.getByTestId('location').textContent).toBe(route);
    expect(calls('POST /api/invitations/accept')).toHaveLength(0);
  });

  it('prefills the registration form with the invited address, and comes back afterwards', async () => {
    let registered = false;
    mockFetch({
      'GET /api/auth/me': () => (registered ? json(200, { ...user, email: 'rosalind@lab.example' }) : anonymous()),
      ...previewRoute({ email: 'rosalind@lab.example' }),
      'POST /api/auth/register': () => {
        registered = true;
        return json(200, { ...user, email: 'rosalind@lab.example' });
      },
    });
    renderApp(route);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('link', { name: 'Create an account' }));
    const email = (await screen.findByLabelText('E-mail address')) as HTMLInputElement;
    expect(email.value).toBe('rosalind@lab.example');
    await u.type(screen.getByLabelText('Full name'), 'Rosalind Franklin');
    await u.type(screen.getByLabelText('Password'), 'a long enough passphrase');
    await u.click(screen.getByRole('button', { name: 'Create account' }));
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe(route));
    expect(await screen.findByRole('button', { name: 'Join the organization' })).toBeTruthy();
  });

  it('prefills the sign-in form with the invited address too', async () => {
    mockFetch({ 'GET /api/auth/me': anonymous, ...previewRoute() });
    renderApp(route);
    await userEvent.setup().click(await screen.findByRole('link', { name: 'Sign in' }));
    expect(((await screen.findByLabelText('E-mail address')) as HTMLInputElement).value).toBe('ada@example.org');
  });

  it('joins with one click and opens the organization', async () => {
    const { calls } = mockFetch({
      ...orgRoutes('Analyst', []),
      ...previewRoute(),
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

  it('disables "Join" with the reason when signed in with another address, and offers to sign out', async () => {
    let signedIn = true;
    const { calls } = mockFetch({
      ...previewRoute({ email: 'rosalind@lab.example' }),
      'GET /api/auth/me': () => (signedIn ? json(200, user) : anonymous()),
      'POST /api/auth/logout': () => {
        signedIn = false;
        return new Response(null, { status: 204 });
      },
    });
    renderApp(route);
    const u = userEvent.setup();

    const join = (await screen.findByRole('button', { name: 'Join the organization' })) as HTMLButtonElement;
    expect(join.disabled).toBe(true);
    const reason = 'This invitation is for rosalind@lab.example; you are signed in as ada@example.org.';
    expect(document.getElementById(join.getAttribute('aria-describedby')!)!.textContent).toBe(reason);
    await u.click(screen.getByRole('button', { name: 'Sign out and sign in as rosalind@lab.example' }));
    await waitFor(() =>
      expect(screen.getByTestId('location').textContent).toBe(`/login?returnTo=${encodeURIComponent(route)}&email=rosalind%40lab.example`),
    );
    expect(((await screen.findByLabelText('E-mail address')) as HTMLInputElement).value).toBe('rosalind@lab.example');
    expect(calls('POST /api/auth/logout')).toHaveLength(1);
    expect(calls('POST /api/invitations/accept')).toHaveLength(0);
  });

  it('compares the addresses regardless of case', async () => {
    mockFetch({ ...previewRoute({ email: 'Ada@Example.ORG' }), 'GET /api/auth/me': () => json(200, user) });
    renderApp(route);
    const join = (await screen.findByRole('button', { name: 'Join the organization' })) as HTMLButtonElement;
    expect(join.disabled).toBe(false);
  });

  it('links to the organization once the invitation is accepted', async () => {
    mockFetch({ ...previewRoute({ status: 'accepted' }), 'GET /api/auth/me': () => json(200, user) });
    renderApp(route);
    expect(await screen.findByText('This invitation has been accepted')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open Northwind Genomics Lab' }).getAttribute('href')).toBe(`/orgs/${ORG_ID}`);
    expect(screen.getByRole('link', { name: 'Your organizations' }).getAttribute('href')).toBe('/orgs');
    expect(screen.queryByRole('button', { name: 'Join the organization' })).toBeNull();
  });

  it.each([
    ['revoked', 'This invitation was revoked'],
    ['expired', 'This invitation has expired'],
  ])('says a %s invitation cannot be used and suggests asking the inviter', async (status, title) => {
    mockFetch({ ...previewRoute({ status }), 'GET /api/auth/me': anonymous });
    renderApp(route);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(title);
    expect(alert.textContent).toContain('ask Katherine Johnson for a new invitation');
    expect(screen.queryByRole('link', { name: 'Sign in' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Join the organization' })).toBeNull();
  });

  it('says an unknown link is not valid (404 from the preview)', async () => {
    mockFetch({
      'GET /api/auth/me': anonymous,
      'POST /api/invitations/preview': () => problem(404, { title: 'Not Found', detail: 'The invitation was not found.' }),
    });
    renderApp(route);
    expect((await screen.findByRole('alert')).textContent).toContain('This invitation link is not valid');
    expect(screen.queryByRole('link', { name: 'Sign in' })).toBeNull();
  });

  it('explains a used, expired or revoked invitation (410)', async () => {
    mockFetch({
      ...previewRoute(),
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
      ...previewRoute(),
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
      ...previewRoute(),
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
      ...previewRoute(),
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
      ...previewRoute(),
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
