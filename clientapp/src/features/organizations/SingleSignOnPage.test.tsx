import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { SingleSignOnSettings } from '../../api/types';
import { axeViolations } from '../../test/axe';
import { json, mockFetch, problem, type Handler } from '../../test/fetchMock';
import { statusMessage } from '../../test/helpers';
import { ALL_PERMISSIONS, ANALYST_PERMISSIONS, ORG_ID, orgRoutes } from '../../test/orgFixtures';
import { renderApp } from '../../test/render';
import { parseDomains } from './SingleSignOnPage';

const base = `/api/organizations/${ORG_ID}`;
const page = `/orgs/${ORG_ID}/sso`;
const REDIRECT = `https://variantminer.example.org/api/auth/sso/${ORG_ID}/callback`;

const notConfigured: SingleSignOnSettings = {
  configured: false,
  enabled: false,
  issuer: '',
  clientId: '',
  clientSecretSet: false,
  emailDomains: [],
  defaultRoleId: null,
  justInTimeMembership: false,
  required: false,
  redirectUri: REDIRECT,
};

const configured: SingleSignOnSettings = {
  configured: true,
  enabled: true,
  issuer: 'https://login.northwind.example/realms/staff',
  clientId: 'variantminer',
  clientSecretSet: true,
  emailDomains: ['northwind.example'],
  defaultRoleId: 'role-1',
  justInTimeMembership: true,
  required: false,
  redirectUri: REDIRECT,
};

/** A Group Supervisor's server with the organization's `settings`; a PUT answers what it was sent unless `put` says otherwise. */
function server(settings: SingleSignOnSettings, put?: Handler) {
  return mockFetch({
    ...orgRoutes('Group Supervisor', ALL_PERMISSIONS),
    [`GET ${base}/settings/sso`]: () => json(200, settings),
    [`PUT ${base}/settings/sso`]:
      put ??
      ((_r: Request, body: string) => {
        const { clientSecret, ...sent } = JSON.parse(body);
        return json(200, { ...settings, ...sent, configured: true, clientSecretSet: settings.clientSecretSet || !!clientSecret });
      }),
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

describe('Institution sign-in page', () => {
  it('is linked from the navigation, starts with the defaults and saves the first settings with the secret', async () => {
    const { calls } = server(notConfigured);
    renderApp(`/orgs/${ORG_ID}`);
    const u = userEvent.setup();

    const nav = await screen.findByRole('navigation', { name: 'Organization' });
    await u.click(within(nav).getByRole('link', { name: 'Institution sign-in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Institution sign-in' })).toBeTruthy();
    expect(document.title).toBe('Institution sign-in · VariantMiner');

    const form = await screen.findByRole('form', { name: 'Institution sign-in' });
    const checkbox = (name: string) => within(form).getByRole('checkbox', { name }) as HTMLInputElement;
    expect(checkbox('Institution sign-in is on').checked).toBe(true);
    expect(checkbox('Let people of these domains join on their first sign-in').checked).toBe(false);
    expect(checkbox('Require institution sign-in for members of these domains').checked).toBe(false);
    const role = within(form).getByLabelText('Default role') as HTMLSelectElement;
    expect(role.selectedOptions[0]!.textContent).toBe('Analyst');
    expect(description(role)).toContain('The role of people who join on their first sign-in.');
    const issuer = within(form).getByLabelText('Issuer');
    expect(description(issuer)).toContain('https://login.hospital.example.org/realms/staff');
    const redirect = within(form).getByLabelText('Redirect address') as HTMLInputElement;
    expect(redirect.value).toBe(REDIRECT);
    expect(redirect.readOnly).toBe(true);
    expect(description(redirect)).toContain('Register this address at your identity provider as the redirect (callback) URI.');
    expect(within(form).getByRole('button', { name: 'Copy redirect address' })).toBeTruthy();
    const secret = within(form).getByLabelText('Client secret') as HTMLInputElement;
    expect(secret.type).toBe('password');
    expect(await axeViolations()).toEqual([]);

    // Nothing filled in: said at each field, nothing sent.
    await u.click(within(form).getByRole('button', { name: 'Save institution sign-in' }));
    expect(document.activeElement).toBe(issuer);
    expect(description(within(form).getByLabelText('Client id'))).toContain('Enter the client id');
    expect(description(secret)).toContain('Enter the client secret');
    expect(description(within(form).getByLabelText('E-mail domains'))).toContain('Name at least one e-mail domain');
    expect(calls(`PUT ${base}/settings/sso`)).toHaveLength(0);

    await u.type(issuer, ' https://login.northwind.example/realms/staff ');
    await u.type(within(form).getByLabelText('Client id'), 'variantminer');
    await u.type(secret, 's3cret');
    await u.type(within(form).getByLabelText('E-mail domains'), 'northwind.example,  lab.northwind.example{Enter}{Enter}research.example');
    await u.click(checkbox('Let people of these domains join on their first sign-in'));
    await u.click(within(form).getByRole('button', { name: 'Save institution sign-in' }));

    await waitFor(() => expect(statusMessage()).toBe('Institution sign-in saved.'));
    expect(JSON.parse(calls(`PUT ${base}/settings/sso`)[0]!.body)).toEqual({
      enabled: true,
      issuer: 'https://login.northwind.example/realms/staff',
      clientId: 'variantminer',
      clientSecret: 's3cret',
      emailDomains: ['northwind.example', 'lab.northwind.example', 'research.example'],
      defaultRoleId: 'role-3',
      justInTimeMembership: true,
      required: false,
    });
    // The secret is kept now: the field is empty again and says so.
    expect(secret.value).toBe('');
    await waitFor(() => expect(description(within(form).getByLabelText('Client secret'))).toContain('A secret is kept; leave empty to keep it.'));
  });

  it('keeps the stored secret when the field is left empty', async () => {
    const { calls } = server(configured);
    renderApp(page);
    const u = userEvent.setup();

    const form = await screen.findByRole('form', { name: 'Institution sign-in' });
    expect(description(within(form).getByLabelText('Client secret'))).toContain('A secret is kept; leave empty to keep it.');
    expect((within(form).getByLabelText('E-mail domains') as HTMLTextAreaElement).value).toBe('northwind.example');
    expect((within(form).getByLabelText('Default role') as HTMLSelectElement).value).toBe('role-1');
    await u.click(within(form).getByRole('checkbox', { name: 'Institution sign-in is on' }));
    await u.click(within(form).getByRole('button', { name: 'Save institution sign-in' }));

    await waitFor(() => expect(statusMessage()).toBe('Institution sign-in saved.'));
    const body = JSON.parse(calls(`PUT ${base}/settings/sso`)[0]!.body);
    expect(body.clientSecret).toBeNull();
    expect(body.enabled).toBe(false);
  });

  it('shows the server’s field errors next to their fields', async () => {
    server(
      configured,
      () =>
        problem(400, {
          title: 'One or more validation errors occurred.',
          errors: {
            Issuer: ['The issuer must be an https:// address.'],
            'EmailDomains[1]': ["'localhost' is not an e-mail domain (for example: hospital.example.org)."],
          },
        }),
    );
    renderApp(page);
    const u = userEvent.setup();

    const form = await screen.findByRole('form', { name: 'Institution sign-in' });
    const issuer = within(form).getByLabelText('Issuer');
    await u.clear(issuer);
    await u.type(issuer, 'http://login.northwind.example');
    await u.type(within(form).getByLabelText('E-mail domains'), '{Enter}localhost');
    await u.click(within(form).getByRole('button', { name: 'Save institution sign-in' }));

    await waitFor(() => expect(issuer.getAttribute('aria-invalid')).toBe('true'));
    expect(description(issuer)).toContain('The issuer must be an https:// address.');
    const domains = within(form).getByLabelText('E-mail domains');
    expect(domains.getAttribute('aria-invalid')).toBe('true');
    expect(description(domains)).toContain("'localhost' is not an e-mail domain");
    expect(document.activeElement).toBe(issuer);
    expect(within(form).getByRole('alert').textContent).toContain('Check the highlighted fields and try again.');
  });

  it('asks before requiring it, and shows a refusal on the check-box', async () => {
    const refusal = 'Sign in through the institution once yourself before requiring it: a wrong setting would lock everyone out.';
    const { calls } = server(configured, () =>
      problem(400, { title: 'One or more validation errors occurred.', errors: { Required: [refusal] } }),
    );
    renderApp(page);
    const u = userEvent.setup();

    const form = await screen.findByRole('form', { name: 'Institution sign-in' });
    const required = within(form).getByRole('checkbox', { name: 'Require institution sign-in for members of these domains' });
    await u.click(required);

    // Cancelling sends nothing.
    await u.click(within(form).getByRole('button', { name: 'Save institution sign-in' }));
    await u.click(within(screen.getByRole('dialog', { name: 'Require institution sign-in?' })).getByRole('button', { name: 'Cancel' }));
    expect(calls(`PUT ${base}/settings/sso`)).toHaveLength(0);

    await u.click(within(form).getByRole('button', { name: 'Save institution sign-in' }));
    const dialog = screen.getByRole('dialog', { name: 'Require institution sign-in?' });
    expect(dialog.textContent).toContain('Members of these domains will no longer be able to sign in with a password');
    expect(await axeViolations('[role="dialog"]')).toEqual([]);
    await u.click(within(dialog).getByRole('button', { name: 'Require institution sign-in' }));

    await waitFor(() => expect(required.getAttribute('aria-invalid')).toBe('true'));
    expect(description(required)).toContain(refusal);
    expect(document.activeElement).toBe(required);
    expect(JSON.parse(calls(`PUT ${base}/settings/sso`)[0]!.body)).toMatchObject({ required: true, clientSecret: null });
  });

  it('is neither linked nor loaded for a member without organization.settings.manage', async () => {
    const { calls } = mockFetch(orgRoutes('Analyst', ANALYST_PERMISSIONS));
    renderApp(page);

    expect(await screen.findByText('You cannot change this organization’s institution sign-in')).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Organization' });
    expect(within(nav).getByRole('link', { name: 'Security' })).toBeTruthy();
    expect(within(nav).queryByRole('link', { name: 'Institution sign-in' })).toBeNull();
    expect(screen.queryByRole('form', { name: 'Institution sign-in' })).toBeNull();
    expect(calls(`GET ${base}/settings/sso`)).toHaveLength(0);
  });

  it('says the same when the server refuses to show it', async () => {
    mockFetch({
      ...orgRoutes('Group Supervisor', ALL_PERMISSIONS),
      [`GET ${base}/settings/sso`]: () => problem(403, { title: 'Forbidden', detail: 'You do not have permission to do this.' }),
    });
    renderApp(page);

    expect(await screen.findByText('You cannot change this organization’s institution sign-in')).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'Institution sign-in' })).toBeNull();
  });
});

describe('parseDomains', () => {
  it('splits on lines and commas and drops the empty entries', () => {
    expect(parseDomains(' a.example ,\n\nb.example,,c.example \n')).toEqual(['a.example', 'b.example', 'c.example']);
  });
});
