import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../../test/axe';
import { mockFetch, problem, type Handler } from '../../test/fetchMock';
import { statusMessage } from '../../test/helpers';
import { ALL_PERMISSIONS, ANALYST_PERMISSIONS, ORG_ID, orgRoutes } from '../../test/orgFixtures';
import { renderApp } from '../../test/render';
import type { IntegrationSettings } from './api';
import {
  ADDRESS,
  base,
  bearer,
  description,
  GET_DELIVERIES,
  integrationServer,
  notSet,
  page,
  PUT,
  WEBHOOK,
} from './integrationFixtures';

/** A Group Supervisor's server with the organization's `settings`; a PUT answers what the server would keep unless `put` says otherwise. */
function server(settings: IntegrationSettings, put?: Handler) {
  return integrationServer(settings, { routes: put ? { [PUT]: put } : {} });
}

/** The webhook's part of every PUT from the FHIR form: as it is kept (a PUT without it would remove the webhook). */
const webhookKept = { webhookUrl: WEBHOOK, webhookSecret: null };

function form() {
  return screen.getByRole('form', { name: 'FHIR server for final reports' });
}

describe('Integrations page', () => {
  it('is linked from the navigation and shows the current settings; saving keeps the secret when it is left empty', async () => {
    const { calls } = server(bearer);
    renderApp(`/orgs/${ORG_ID}`);
    const u = userEvent.setup();

    const nav = await screen.findByRole('navigation', { name: 'Organization' });
    await u.click(within(nav).getByRole('link', { name: 'Integrations' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Integrations' })).toBeTruthy();
    expect(screen.getByTestId('location').textContent).toBe(page);
    await waitFor(() => expect(document.title).toBe('Integrations · VariantMiner'));
    expect(within(nav).getByRole('link', { name: 'Integrations' }).getAttribute('aria-current')).toBe('page');
    expect(within(nav).getByRole('link', { name: 'Settings' }).getAttribute('aria-current')).toBeNull();

    const card = screen.getByRole('region', { name: 'FHIR server for final reports' });
    expect(card.textContent).toContain('Every final (signed) report is sent to this server as a FHIR transaction');
    await within(card).findByRole('form', { name: 'FHIR server for final reports' });
    const address = within(form()).getByLabelText('Base address') as HTMLInputElement;
    expect(address.value).toBe(ADDRESS);
    expect(address.type).toBe('url');
    expect(address.placeholder).toBe('https://fhir.hospital.example.org/fhir');
    expect((within(form()).getByRole('radio', { name: 'Bearer token' }) as HTMLInputElement).checked).toBe(true);
    expect(within(form()).getByRole('group', { name: 'Authentication' })).toBeTruthy();
    // No user name for a token; the token itself is never shown, only that one is kept.
    expect(within(form()).queryByLabelText('User name')).toBeNull();
    const token = within(form()).getByLabelText('Token') as HTMLInputElement;
    expect(token.type).toBe('password');
    expect(token.value).toBe('');
    expect(description(token)).toContain('A secret is kept; leave empty to keep it.');
    expect(await axeViolations()).toEqual([]);

    await u.click(within(form()).getByRole('button', { name: 'Save integration settings' }));
    await waitFor(() => expect(statusMessage()).toBe('Integration settings saved.'));
    expect(calls(PUT)).toHaveLength(1);
    // A full replacement: the webhook goes with it as it is kept.
    expect(JSON.parse(calls(PUT)[0]!.body)).toEqual({
      fhirBaseUrl: ADDRESS,
      fhirAuthentication: 'bearer',
      fhirUserName: null,
      fhirSecret: null,
      ...webhookKept,
    });
  });

  it('sets a server with a user name and password: each is asked for, then sent', async () => {
    const { calls } = server(notSet);
    renderApp(page);
    const u = userEvent.setup();

    await screen.findByRole('form', { name: 'FHIR server for final reports' });
    expect(screen.getByText('No FHIR server is set: reports are not sent.')).toBeTruthy();
    expect((within(form()).getByRole('radio', { name: 'None' }) as HTMLInputElement).checked).toBe(true);
    expect(within(form()).queryByLabelText('Password')).toBeNull();
    // Nothing to stop yet.
    expect(screen.queryByRole('button', { name: 'Stop sending reports' })).toBeNull();

    await u.click(within(form()).getByRole('radio', { name: 'User name and password' }));
    const address = within(form()).getByLabelText('Base address');
    const userName = within(form()).getByLabelText('User name');
    const password = within(form()).getByLabelText('Password') as HTMLInputElement;
    expect(password.type).toBe('password');
    expect(description(password)).not.toContain('A secret is kept');
    expect(await axeViolations()).toEqual([]);

    await u.click(within(form()).getByRole('button', { name: 'Save integration settings' }));
    expect(document.activeElement).toBe(address);
    expect(description(address)).toContain('Enter the FHIR server’s address');
    expect(description(userName)).toContain('Enter the user name the FHIR server knows this organization as.');
    expect(description(password)).toContain('Enter the password the FHIR server gave.');
    expect(calls(PUT)).toHaveLength(0);

    await u.type(address, 'fhir.northwind.example/fhir');
    await u.click(within(form()).getByRole('button', { name: 'Save integration settings' }));
    expect(description(address)).toContain('Enter the FHIR server’s base address, for example');
    expect(calls(PUT)).toHaveLength(0);

    await u.clear(address);
    await u.type(address, ` ${ADDRESS} `);
    await u.type(userName, 'variantminer');
    await u.type(password, 's3cret');
    await u.click(within(form()).getByRole('button', { name: 'Save integration settings' }));

    await waitFor(() => expect(statusMessage()).toBe('Integration settings saved.'));
    expect(JSON.parse(calls(PUT)[0]!.body)).toEqual({
      fhirBaseUrl: ADDRESS,
      fhirAuthentication: 'basic',
      fhirUserName: 'variantminer',
      fhirSecret: 's3cret',
      // No webhook is set: none is sent.
      webhookUrl: '',
      webhookSecret: null,
    });
    // The password is kept now: the field is empty again and says so; the server may be stopped.
    expect(password.value).toBe('');
    await waitFor(() => expect(description(within(form()).getByLabelText('Password'))).toContain('A secret is kept; leave empty to keep it.'));
    expect(screen.getByRole('button', { name: 'Stop sending reports' })).toBeTruthy();
  });

  it('asks for a new secret when the authentication changes', async () => {
    const { calls } = server(bearer);
    renderApp(page);
    const u = userEvent.setup();

    await screen.findByRole('form', { name: 'FHIR server for final reports' });
    await u.click(within(form()).getByRole('radio', { name: 'User name and password' }));
    const password = within(form()).getByLabelText('Password');
    expect(description(password)).toContain('The kept token is not used with this authentication');
    await u.type(within(form()).getByLabelText('User name'), 'variantminer');
    await u.click(within(form()).getByRole('button', { name: 'Save integration settings' }));
    expect(description(password)).toContain('Enter the password the FHIR server gave.');
    expect(document.activeElement).toBe(password);
    expect(calls(PUT)).toHaveLength(0);
  });

  it('shows the server’s field errors next to their fields, and its other refusals at the top', async () => {
    const refusal =
      'The FHIR server’s address points into a private, loopback or link-local network (10.0.0.5): it must be reachable from the internet.';
    let answer = () => problem(400, { title: 'One or more validation errors occurred.', errors: { FhirBaseUrl: [refusal] } });
    const { calls } = server(bearer, () => answer());
    renderApp(page);
    const u = userEvent.setup();

    await screen.findByRole('form', { name: 'FHIR server for final reports' });
    const address = within(form()).getByLabelText('Base address');
    await u.clear(address);
    await u.type(address, 'https://10.0.0.5/fhir');
    await u.click(within(form()).getByRole('button', { name: 'Save integration settings' }));

    await waitFor(() => expect(address.getAttribute('aria-invalid')).toBe('true'));
    expect(description(address)).toContain(refusal);
    expect(document.activeElement).toBe(address);
    expect(within(form()).getByRole('alert').textContent).toContain('Check the highlighted fields and try again.');
    expect(JSON.parse(calls(PUT)[0]!.body)).toMatchObject({ fhirBaseUrl: 'https://10.0.0.5/fhir' });
    expect(await axeViolations()).toEqual([]);

    answer = () => problem(400, { title: 'Bad Request', detail: 'Enter the token the FHIR server gave.' });
    await u.click(within(form()).getByRole('button', { name: 'Save integration settings' }));
    await waitFor(() => expect(within(form()).getByRole('alert').textContent).toContain('Enter the token the FHIR server gave.'));
    expect(within(form()).getByRole('alert').textContent).toContain('The integration settings could not be saved');
    expect(address.getAttribute('aria-invalid')).toBeNull();
  });

  it('asks before it stops sending reports, and sends an empty address only once confirmed', async () => {
    const { calls } = server(bearer);
    renderApp(page);
    const u = userEvent.setup();

    await screen.findByRole('form', { name: 'FHIR server for final reports' });
    expect(screen.getByText('Final reports are sent to', { exact: false }).textContent).toContain(`Final reports are sent to ${ADDRESS}.`);

    // Cancelling sends nothing.
    await u.click(screen.getByRole('button', { name: 'Stop sending reports' }));
    await u.click(within(screen.getByRole('dialog', { name: 'Stop sending reports?' })).getByRole('button', { name: 'Keep sending' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(calls(PUT)).toHaveLength(0);

    await u.click(screen.getByRole('button', { name: 'Stop sending reports' }));
    const dialog = screen.getByRole('dialog', { name: 'Stop sending reports?' });
    expect(dialog.textContent).toContain(`Reports signed from now on will not be sent to ${ADDRESS}`);
    expect(dialog.textContent).toContain('with the kept token');
    expect(await axeViolations('[role="dialog"]')).toEqual([]);
    expect(calls(PUT)).toHaveLength(0);
    await u.click(within(dialog).getByRole('button', { name: 'Stop sending reports' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls(PUT)).toHaveLength(1);
    expect(JSON.parse(calls(PUT)[0]!.body)).toEqual({
      fhirBaseUrl: '',
      fhirAuthentication: 'none',
      fhirUserName: null,
      fhirSecret: null,
      ...webhookKept,
    });
    expect(statusMessage()).toBe('Reports are no longer sent to a FHIR server.');
    const address = within(form()).getByLabelText('Base address') as HTMLInputElement;
    expect(address.value).toBe('');
    expect(document.activeElement).toBe(address);
    expect((within(form()).getByRole('radio', { name: 'None' }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByText('No FHIR server is set: reports are not sent.', { exact: false })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Stop sending reports' })).toBeNull();
  });

  it('asks the same before saving an emptied address', async () => {
    const { calls } = server(bearer);
    renderApp(page);
    const u = userEvent.setup();

    await screen.findByRole('form', { name: 'FHIR server for final reports' });
    await u.clear(within(form()).getByLabelText('Base address'));
    await u.click(within(form()).getByRole('button', { name: 'Save integration settings' }));
    const dialog = screen.getByRole('dialog', { name: 'Stop sending reports?' });
    expect(calls(PUT)).toHaveLength(0);
    await u.click(within(dialog).getByRole('button', { name: 'Stop sending reports' }));
    await waitFor(() => expect(calls(PUT)).toHaveLength(1));
    expect(JSON.parse(calls(PUT)[0]!.body)).toEqual({
      fhirBaseUrl: '',
      fhirAuthentication: 'none',
      fhirUserName: null,
      fhirSecret: null,
      ...webhookKept,
    });
  });

  it('is neither linked nor loaded for a member without organization.settings.manage', async () => {
    const { calls } = mockFetch(orgRoutes('Analyst', ANALYST_PERMISSIONS));
    renderApp(page);

    expect(await screen.findByText('You cannot change this organization’s integrations')).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Organization' });
    expect(within(nav).getByRole('link', { name: 'Report preferences' })).toBeTruthy();
    expect(within(nav).queryByRole('link', { name: 'Integrations' })).toBeNull();
    expect(screen.queryByRole('form', { name: 'FHIR server for final reports' })).toBeNull();
    expect(calls(`GET ${base}/settings/integrations`)).toHaveLength(0);
    expect(calls(GET_DELIVERIES)).toHaveLength(0);
    expect(screen.queryByRole('form', { name: 'Webhook' })).toBeNull();
    expect(await axeViolations()).toEqual([]);
  });

  it('says the same when the server refuses to show it', async () => {
    mockFetch({
      ...orgRoutes('Group Supervisor', ALL_PERMISSIONS),
      [`GET ${base}/settings/integrations`]: () => problem(403, { title: 'Forbidden', detail: 'You do not have permission to do this.' }),
    });
    renderApp(page);

    expect(await screen.findByText('You cannot change this organization’s integrations')).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'FHIR server for final reports' })).toBeNull();
    expect(screen.queryByRole('form', { name: 'Webhook' })).toBeNull();
  });
});
