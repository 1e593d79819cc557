import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../../test/axe';
import { json, mockFetch, problem, type Handler } from '../../test/fetchMock';
import { statusMessage } from '../../test/helpers';
import { ALL_PERMISSIONS, ANALYST_PERMISSIONS, ORG_ID, orgRoutes } from '../../test/orgFixtures';
import { renderApp } from '../../test/render';
import type { NotificationSetting } from './api';
import { notificationSettings } from './notificationFixtures';

const base = `/api/organizations/${ORG_ID}`;
const page = `/orgs/${ORG_ID}/settings/notifications`;
const PUT = `PUT ${base}/settings/notifications`;

/** A Group Supervisor's server with the organization's `settings`; a PUT answers what it was sent unless `put` says otherwise. */
function server(settings: NotificationSetting[] = notificationSettings(), put?: Handler) {
  return mockFetch({
    ...orgRoutes('Group Supervisor', ALL_PERMISSIONS),
    [`GET ${base}/settings/notifications`]: () => json(200, settings),
    [PUT]:
      put ??
      ((_r: Request, body: string) => {
        const sent: { settings: { event: string; inApp: boolean; email: boolean; audience?: string }[] } = JSON.parse(body);
        return json(
          200,
          settings.map((s) => {
            const given = sent.settings.find((x) => x.event === s.event);
            return given ? { ...s, inApp: given.inApp, email: given.email, audience: given.audience ?? 'involved' } : s;
          }),
        );
      }),
  });
}

function form() {
  return screen.getByRole('form', { name: 'Notification defaults' });
}

/** The text of the elements an element's aria-describedby points to. */
function description(element: HTMLElement): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

describe('Notification defaults page', () => {
  it('is linked from the navigation, explains the defaults and offers "everyone" only where the event allows it', async () => {
    server();
    renderApp(`/orgs/${ORG_ID}`);
    const u = userEvent.setup();

    const nav = await screen.findByRole('navigation', { name: 'Organization' });
    await u.click(within(nav).getByRole('link', { name: 'Notification defaults' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Notification defaults' })).toBeTruthy();
    expect(screen.getByTestId('location').textContent).toBe(page);
    await waitFor(() => expect(document.title).toBe('Notification defaults · VariantMiner'));
    expect(within(nav).getByRole('link', { name: 'Notification defaults' }).getAttribute('aria-current')).toBe('page');
    expect(within(nav).getByRole('link', { name: 'Settings' }).getAttribute('aria-current')).toBeNull();
    expect(screen.getByText(/Each person’s own choice wins over these defaults, and people are only told about what they may see\./)).toBeTruthy();

    await screen.findByRole('form', { name: 'Notification defaults' });
    const table = within(form()).getByRole('table', { name: 'Notification defaults' });
    expect(within(table).getAllByRole('columnheader').map((c) => c.textContent)).toEqual(['Event', 'Who is told', 'In the app', 'By e-mail']);
    // A select where the event may reach everyone (upload, analysis finished and failed, report signed), words elsewhere.
    expect(within(form()).getAllByRole('combobox').map((c) => c.getAttribute('aria-label'))).toEqual([
      'Who is told: An upload finished',
      'Who is told: An analysis finished',
      'Who is told: An analysis failed',
      'Who is told: A report was signed',
    ]);
    const upload = within(form()).getByRole('combobox', { name: 'Who is told: An upload finished' }) as HTMLSelectElement;
    expect(upload.value).toBe('involved');
    expect(within(upload).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'The people involved — the person who uploaded',
      'Everyone who may see it',
    ]);
    const sampleRow = within(table).getByRole('rowheader', { name: 'A sample was assigned to you' }).closest('tr')!;
    expect(sampleRow.textContent).toContain('The people involved — the people it is assigned to');
    expect(within(sampleRow).queryByRole('combobox')).toBeNull();
    expect(await axeViolations()).toEqual([]);
  });

  it('saves every event in one PUT, with who is told only for the events that may reach everyone', async () => {
    const { calls } = server();
    renderApp(page);
    const u = userEvent.setup();

    await screen.findByRole('form', { name: 'Notification defaults' });
    await u.selectOptions(within(form()).getByRole('combobox', { name: 'Who is told: An analysis failed' }), 'everyone');
    await u.click(within(form()).getByRole('checkbox', { name: 'By e-mail: A report was signed' }));
    await u.click(within(form()).getByRole('checkbox', { name: 'In the app: An invitation was accepted' }));
    await u.click(within(form()).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(statusMessage()).toBe('Notification defaults saved.'));
    expect(calls(PUT)).toHaveLength(1);
    expect(JSON.parse(calls(PUT)[0]!.body)).toEqual({
      settings: [
        { event: 'upload.finished', inApp: true, email: false, audience: 'involved' },
        { event: 'analysis.finished', inApp: true, email: true, audience: 'involved' },
        { event: 'analysis.failed', inApp: true, email: true, audience: 'everyone' },
        { event: 'sample.assigned', inApp: true, email: true },
        { event: 'analysis.assigned', inApp: true, email: true },
        { event: 'report.awaiting-signature', inApp: true, email: true },
        { event: 'report.signed', inApp: true, email: true, audience: 'involved' },
        { event: 'invitation.accepted', inApp: false, email: false },
      ],
    });
    expect((within(form()).getByRole('combobox', { name: 'Who is told: An analysis failed' }) as HTMLSelectElement).value).toBe('everyone');
  });

  it('shows the server’s refusal of an audience on its event’s row', async () => {
    const refusal = 'A sample was assigned to you reaches only the people involved.';
    const { calls } = server(notificationSettings(), () =>
      problem(400, { title: 'One or more validation errors occurred.', errors: { 'settings[0].audience': [refusal] } }),
    );
    renderApp(page);
    const u = userEvent.setup();

    await screen.findByRole('form', { name: 'Notification defaults' });
    await u.click(within(form()).getByRole('button', { name: 'Save' }));

    const select = within(form()).getByRole('combobox', { name: 'Who is told: An upload finished' });
    await waitFor(() => expect(select.getAttribute('aria-invalid')).toBe('true'));
    expect(description(select)).toContain(refusal);
    expect(document.activeElement).toBe(select);
    expect(within(form()).getByRole('alert').textContent).toContain('The notification defaults could not be saved');
    expect(calls(PUT)).toHaveLength(1);
    expect(statusMessage()).toBe('');
    expect(await axeViolations()).toEqual([]);
  });

  it('is neither linked nor loaded for a member without organization.settings.manage', async () => {
    const { calls } = mockFetch(orgRoutes('Analyst', ANALYST_PERMISSIONS));
    renderApp(page);

    expect(await screen.findByText('You cannot change this organization’s notification defaults')).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Organization' });
    expect(within(nav).queryByRole('link', { name: 'Notification defaults' })).toBeNull();
    expect(screen.queryByRole('form', { name: 'Notification defaults' })).toBeNull();
    expect(screen.getByRole('link', { name: 'your notifications page' }).getAttribute('href')).toBe(`/orgs/${ORG_ID}/notifications`);
    expect(calls(`GET ${base}/settings/notifications`)).toHaveLength(0);
    expect(await axeViolations()).toEqual([]);
  });

  it('says the same when the server refuses to show them', async () => {
    mockFetch({
      ...orgRoutes('Group Supervisor', ALL_PERMISSIONS),
      [`GET ${base}/settings/notifications`]: () => problem(403, { title: 'Forbidden', detail: 'You do not have permission to do this.' }),
    });
    renderApp(page);

    expect(await screen.findByText('You cannot change this organization’s notification defaults')).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'Notification defaults' })).toBeNull();
  });
});
