import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../../test/axe';
import { json, mockFetch, problem, type Handler } from '../../test/fetchMock';
import { statusMessage } from '../../test/helpers';
import { ANALYST_PERMISSIONS, ORG_ID, orgRoutes } from '../../test/orgFixtures';
import { renderApp } from '../../test/render';
import type { Notification, NotificationSetting } from './api';
import { notificationItems, notificationList, notificationSettings, notificationsApi, REPORT_LINK } from './notificationFixtures';

const page = `/orgs/${ORG_ID}/notifications`;
const SETTINGS_PUT = `PUT ${notificationsApi}/settings`;
const READ_ALL = `POST ${notificationsApi}/read-all`;

/** An Analyst of ORG_ID (every member has this page) with `items`, marked read by the POSTs, and `settings`. */
function server(items: Notification[] = notificationItems(), settings: NotificationSetting[] = notificationSettings(), put?: Handler) {
  const readAt = '2025-03-08T12:00:00Z';
  return mockFetch({
    ...orgRoutes('Analyst', ANALYST_PERMISSIONS),
    [`GET ${notificationsApi}`]: (request) => {
      const query = new URL(request.url).searchParams;
      return json(200, notificationList(items, { unreadOnly: query.get('unreadOnly') === 'true', limit: Number(query.get('limit') ?? 50) }));
    },
    [READ_ALL]: () => {
      items.forEach((n) => (n.readAt ??= readAt));
      return json(200, notificationList(items));
    },
    ...Object.fromEntries(
      items.map((n) => [
        `POST ${notificationsApi}/${n.id}/read`,
        () => {
          n.readAt ??= readAt;
          return json(200, notificationList(items));
        },
      ]),
    ),
    [`GET ${notificationsApi}/settings`]: () => json(200, settings),
    [SETTINGS_PUT]:
      put ??
      ((_r: Request, body: string) => {
        const sent: { settings: { event: string; inApp: boolean; email: boolean }[] } = JSON.parse(body);
        return json(
          200,
          settings.map((s) => {
            const mine = sent.settings.find((x) => x.event === s.event);
            return mine ? { ...s, inApp: mine.inApp, email: mine.email } : s;
          }),
        );
      }),
  });
}

/** Once the page is shown (its lazy chunk and my access loaded). */
async function opened() {
  await screen.findByRole('region', { name: 'Your notifications' });
}

function listCard() {
  return screen.getByRole('region', { name: 'Your notifications' });
}

function form() {
  return screen.getByRole('form', { name: 'How you are told' });
}

/** The text of the elements an element's aria-describedby points to. */
function description(element: HTMLElement): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

describe('Notifications page', () => {
  it('lists my notifications, newest first, with the unread ones marked in words', async () => {
    const { requests } = server();
    renderApp(page);

    expect(await screen.findByRole('heading', { level: 1, name: 'Notifications' })).toBeTruthy();
    await waitFor(() => expect(document.title).toBe('Notifications · VariantMiner'));
    const list = await within(listCard()).findByRole('list', { name: 'Notifications' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((i) => within(i).getByRole('link').textContent)).toEqual([
      'Unread: Sample NA12878 was assigned to you',
      'Unread: Report for NA12891 awaits your signature',
      'Analysis of NA24385 finished',
    ]);
    expect(items[0]!.textContent).toContain('5 minutes ago · Unread');
    expect(items[2]!.textContent).toContain('3 days ago · Read');
    expect(within(items[0]!).getByRole('button', { name: 'Mark as read: Sample NA12878 was assigned to you' })).toBeTruthy();
    expect(within(items[2]!).queryByRole('button')).toBeNull();
    expect(within(listCard()).getByText('2 unread')).toBeTruthy();
    expect(requests.some((r) => r.path === `${notificationsApi}?limit=200`)).toBe(true);
    await screen.findByRole('form', { name: 'How you are told' });
    expect(await axeViolations()).toEqual([]);
  });

  it('keeps "Unread only" in the address and asks the server for the unread ones', async () => {
    const { requests } = server();
    renderApp(page);
    await opened();
    const u = userEvent.setup();

    const filter = await within(listCard()).findByRole('checkbox', { name: 'Unread only' });
    expect((filter as HTMLInputElement).checked).toBe(false);
    await u.click(filter);
    expect(screen.getByTestId('location').textContent).toBe(`${page}?unread=1`);
    const list = await within(listCard()).findByRole('list', { name: 'Unread notifications' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    expect(requests.some((r) => r.path === `${notificationsApi}?unreadOnly=true&limit=200`)).toBe(true);

    await u.click(filter);
    expect(screen.getByTestId('location').textContent).toBe(page);
    expect(await within(listCard()).findByRole('list', { name: 'Notifications' })).toBeTruthy();
  });

  it('opens with the filter of a shared address, and says when nothing is unread', async () => {
    const items = notificationItems().map((n) => ({ ...n, readAt: n.readAt ?? '2025-03-08T12:00:00Z' }));
    server(items);
    renderApp(`${page}?unread=1`);
    await opened();

    expect(await within(listCard()).findByText('No unread notifications', { selector: '.empty__title' })).toBeTruthy();
    expect((within(listCard()).getByRole('checkbox', { name: 'Unread only' }) as HTMLInputElement).checked).toBe(true);
    expect(await axeViolations()).toEqual([]);
  });

  it('says so when there are none yet', async () => {
    server([]);
    renderApp(page);
    await opened();

    expect(await within(listCard()).findByText('No notifications yet')).toBeTruthy();
    expect(within(listCard()).queryByRole('button', { name: 'Mark all as read' })).toBeNull();
  });

  it('marks one read, then all of them', async () => {
    const { calls } = server();
    renderApp(page);
    await opened();
    const u = userEvent.setup();

    const list = await within(listCard()).findByRole('list', { name: 'Notifications' });
    await u.click(within(list).getByRole('button', { name: 'Mark as read: Sample NA12878 was assigned to you' }));
    await waitFor(() => expect(statusMessage()).toBe('“Sample NA12878 was assigned to you” marked as read.'));
    expect(calls(`POST ${notificationsApi}/n-1/read`)).toHaveLength(1);
    const first = within(list).getAllByRole('listitem')[0]!;
    expect(first.textContent).toContain('· Read');
    expect(within(first).queryByRole('button')).toBeNull();
    // Its button is gone: the focus is on the notification.
    expect(document.activeElement).toBe(within(first).getByRole('link', { name: 'Sample NA12878 was assigned to you' }));
    expect(within(listCard()).getByText('1 unread')).toBeTruthy();
    // The bell says the same.
    await waitFor(() => expect(screen.getByRole('button', { name: /^Notifications/ }).getAttribute('aria-label')).toBe('Notifications, 1 unread'));

    await u.click(within(listCard()).getByRole('button', { name: 'Mark all as read' }));
    await waitFor(() => expect(statusMessage()).toBe('All notifications marked as read.'));
    expect(calls(READ_ALL)).toHaveLength(1);
    expect(within(list).queryAllByRole('button')).toHaveLength(0);
    expect(within(listCard()).getByText('No unread notifications')).toBeTruthy();
    expect(screen.getByRole('button', { name: /^Notifications/ }).getAttribute('aria-label')).toBe('Notifications');
  });

  it('following an unread notification marks it read and opens it', async () => {
    const { calls } = server();
    renderApp(page);
    await opened();
    const u = userEvent.setup();

    const list = await within(listCard()).findByRole('list', { name: 'Notifications' });
    await u.click(within(list).getByRole('link', { name: /Report for NA12891 awaits your signature/ }));
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe(REPORT_LINK));
    expect(calls(`POST ${notificationsApi}/n-2/read`)).toHaveLength(1);
  });

  it('saves how each event reaches me: every event in one PUT', async () => {
    const { calls } = server();
    renderApp(page);
    await opened();
    const u = userEvent.setup();

    const table = within(await screen.findByRole('form', { name: 'How you are told' })).getByRole('table', { name: 'How you are told' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual([
      'An upload finishedTold to the people involved: the person who uploaded',
      'An analysis finishedTold to the people involved: the person who launched it and the people it is assigned to',
      'An analysis failedTold to the people involved: the person who launched it and the people it is assigned to',
      'A sample was assigned to youTold to the people involved: the people it is assigned to',
      'An analysis was assigned to youTold to the people involved: the people it is assigned to',
      'A report awaits your signatureTold to the people involved: the people who may sign it',
      'A report was signedTold to the people involved: the person who drafted it',
      'An invitation was acceptedTold to the people involved: the person who invited',
    ]);
    expect(within(table).getAllByRole('columnheader').map((c) => c.textContent)).toEqual(['Event', 'In the app', 'By e-mail']);
    expect(within(form()).queryByRole('combobox')).toBeNull();
    const uploadByEmail = within(form()).getByRole('checkbox', { name: 'By e-mail: An upload finished' }) as HTMLInputElement;
    expect(uploadByEmail.checked).toBe(false);
    expect((within(form()).getByRole('checkbox', { name: 'In the app: An upload finished' }) as HTMLInputElement).checked).toBe(true);

    await u.click(uploadByEmail);
    await u.click(within(form()).getByRole('checkbox', { name: 'In the app: A report was signed' }));
    await u.click(within(form()).getByRole('checkbox', { name: 'By e-mail: A sample was assigned to you' }));
    await u.click(within(form()).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(statusMessage()).toBe('Your notification settings are saved.'));
    expect(calls(SETTINGS_PUT)).toHaveLength(1);
    expect(JSON.parse(calls(SETTINGS_PUT)[0]!.body)).toEqual({
      settings: [
        { event: 'upload.finished', inApp: true, email: true },
        { event: 'analysis.finished', inApp: true, email: true },
        { event: 'analysis.failed', inApp: true, email: true },
        { event: 'sample.assigned', inApp: true, email: false },
        { event: 'analysis.assigned', inApp: true, email: true },
        { event: 'report.awaiting-signature', inApp: true, email: true },
        { event: 'report.signed', inApp: false, email: false },
        { event: 'invitation.accepted', inApp: true, email: false },
      ],
    });
    expect(uploadByEmail.checked).toBe(true);
  });

  it('shows the server’s refusal: on the event’s row, and its message at the top', async () => {
    let answer = () =>
      problem(400, {
        title: 'One or more validation errors occurred.',
        errors: { 'Settings[3].Event': ["'sample.assigned' is not an event: upload.finished, analysis.finished."] },
      });
    const { calls } = server(notificationItems(), notificationSettings(), () => answer());
    renderApp(page);
    await opened();
    const u = userEvent.setup();

    await screen.findByRole('form', { name: 'How you are told' });
    await u.click(within(form()).getByRole('button', { name: 'Save' }));

    const inApp = within(form()).getByRole('checkbox', { name: 'In the app: A sample was assigned to you' });
    await waitFor(() => expect(inApp.getAttribute('aria-invalid')).toBe('true'));
    expect(description(inApp)).toContain("'sample.assigned' is not an event");
    expect(document.activeElement).toBe(inApp);
    expect(within(form()).getByRole('alert').textContent).toContain('Check the highlighted fields and try again.');
    expect(within(form()).getByRole('alert').textContent).toContain('Your notification settings could not be saved');
    expect(calls(SETTINGS_PUT)).toHaveLength(1);
    expect(await axeViolations()).toEqual([]);

    answer = () => problem(400, { title: 'Bad Request', detail: 'settings lists the events to set.' });
    await u.click(within(form()).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(within(form()).getByRole('alert').textContent).toContain('settings lists the events to set.'));
    expect(inApp.getAttribute('aria-invalid')).toBeNull();
    expect(statusMessage()).toBe('');
  });
});
