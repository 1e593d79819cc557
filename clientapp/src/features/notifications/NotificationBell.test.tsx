import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { focusManager } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { axeViolations } from '../../test/axe';
import { json, mockFetch, problem, type Handler } from '../../test/fetchMock';
import { access, ALL_PERMISSIONS, ANALYST_PERMISSIONS, dashboard, ORG_ID, orgRoutes, OTHER_ORG_ID } from '../../test/orgFixtures';
import { renderApp } from '../../test/render';
import type { Notification } from './api';
import { notificationItems, notificationList, notificationsApi, SAMPLE_LINK } from './notificationFixtures';

const READ_ALL = `POST ${notificationsApi}/read-all`;
const LIST = `GET ${notificationsApi}`;

/** A member of ORG_ID with `items` (marked read by the POSTs, as the server would) and the other organization's list. */
function server(items: Notification[] = notificationItems(), extra: Record<string, Handler> = {}) {
  const readAt = '2025-03-08T12:00:00Z';
  const mock = mockFetch({
    ...orgRoutes('Group Supervisor', ALL_PERMISSIONS),
    [LIST]: (request) => {
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
    ...extra,
  });
  return { ...mock, items };
}

function bell() {
  return screen.getByRole('button', { name: /^Notifications/ });
}

function panel() {
  return screen.getByRole('region', { name: 'Latest notifications' });
}

afterEach(() => {
  vi.useRealTimers();
  focusManager.setFocused(undefined);
});

describe('the notification bell', () => {
  it('says the unread count in its name, and lists the latest ten with the unread ones marked', async () => {
    const { calls, requests, items } = server();
    renderApp(`/orgs/${ORG_ID}`);
    const u = userEvent.setup();

    const button = await screen.findByRole('button', { name: 'Notifications, 2 unread' });
    // The count is shown as a number, not as a colour only.
    expect(button.textContent).toBe('2');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(requests.find((r) => r.path.startsWith(notificationsApi))!.path).toBe(`${notificationsApi}?limit=10`);
    expect(await axeViolations()).toEqual([]);

    await u.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(button.getAttribute('aria-controls')).toBe(panel().id);
    const links = within(panel()).getAllByRole('link');
    expect(links.map((l) => l.textContent)).toEqual([
      'Unread: Sample NA12878 was assigned to you 5 minutes ago',
      'Unread: Report for NA12891 awaits your signature 2 hours ago',
      'Analysis of NA24385 finished 3 days ago',
      'All notifications',
    ]);
    expect(links[0]!.getAttribute('href')).toBe(SAMPLE_LINK);
    // The exact time is on the <time> element.
    expect(within(links[0]!).getByText('5 minutes ago').getAttribute('datetime')).toBe(items[0]!.createdAt);
    expect(within(panel()).getByRole('status').textContent).toBe('2 unread');
    expect(within(panel()).getByRole('link', { name: 'All notifications' }).getAttribute('href')).toBe(`/orgs/${ORG_ID}/notifications`);
    expect(within(panel()).getByRole('button', { name: 'Mark all as read' })).toBeTruthy();
    expect(calls(LIST)).toHaveLength(1);
    expect(await axeViolations()).toEqual([]);
  });

  it('following an unread notification marks it read and opens its link', async () => {
    const { calls } = server();
    renderApp(`/orgs/${ORG_ID}`);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Notifications, 2 unread' }));
    await u.click(within(panel()).getByRole('link', { name: /Sample NA12878 was assigned to you/ }));

    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe(SAMPLE_LINK));
    expect(calls(`POST ${notificationsApi}/n-1/read`)).toHaveLength(1);
    expect(screen.queryByRole('region', { name: 'Latest notifications' })).toBeNull();
    await waitFor(() => expect(bell().getAttribute('aria-label')).toBe('Notifications, 1 unread'));

    // A read one is followed without a POST.
    await u.click(bell());
    expect(within(panel()).getByRole('link', { name: 'Sample NA12878 was assigned to you 5 minutes ago' })).toBeTruthy();
    await u.click(within(panel()).getByRole('link', { name: /Analysis of NA24385 finished/ }));
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe(notificationItems()[2]!.link));
    expect(calls(`POST ${notificationsApi}/n-3/read`)).toHaveLength(0);
  });

  it('"Mark all as read" marks every one read: the count goes to none', async () => {
    const { calls } = server();
    renderApp(`/orgs/${ORG_ID}`);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Notifications, 2 unread' }));
    await u.click(within(panel()).getByRole('button', { name: 'Mark all as read' }));

    await waitFor(() => expect(bell().getAttribute('aria-label')).toBe('Notifications'));
    expect(calls(READ_ALL)).toHaveLength(1);
    expect(bell().textContent).toBe('');
    expect(within(panel()).getByRole('status').textContent).toBe('No unread notifications');
    expect(within(panel()).queryByText('Unread:', { exact: false })).toBeNull();
    expect(screen.getByTestId('location').textContent).toBe(`/orgs/${ORG_ID}`);
  });

  it('closes on Escape and gives the focus back to the bell; a click outside or tabbing past it closes it too', async () => {
    server();
    renderApp(`/orgs/${ORG_ID}`);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Notifications, 2 unread' }));
    await u.tab();
    expect(document.activeElement).toBe(within(panel()).getAllByRole('link')[0]);
    await u.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: 'Latest notifications' })).toBeNull();
    expect(document.activeElement).toBe(bell());
    expect(bell().getAttribute('aria-expanded')).toBe('false');

    await u.keyboard('{Enter}');
    expect(panel()).toBeTruthy();
    await u.click(screen.getByRole('heading', { level: 1 }));
    expect(screen.queryByRole('region', { name: 'Latest notifications' })).toBeNull();

    // Tabbing past its last control closes it too.
    await u.click(bell());
    within(panel()).getByRole('button', { name: 'Mark all as read' }).focus();
    await u.tab();
    expect(screen.queryByRole('region', { name: 'Latest notifications' })).toBeNull();
    expect(bell().getAttribute('aria-expanded')).toBe('false');
  });

  it('"All notifications" opens the notifications page', async () => {
    server(notificationItems(), {
      [`GET ${notificationsApi}/settings`]: () => json(200, []),
    });
    renderApp(`/orgs/${ORG_ID}`);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Notifications, 2 unread' }));
    await u.click(within(panel()).getByRole('link', { name: 'All notifications' }));
    const heading = await screen.findByRole('heading', { level: 1, name: 'Notifications' });
    expect(screen.getByTestId('location').textContent).toBe(`/orgs/${ORG_ID}/notifications`);
    expect(screen.queryByRole('region', { name: 'Latest notifications' })).toBeNull();
    // The new page's heading takes the focus.
    await waitFor(() => expect(document.activeElement).toBe(heading));
  });

  it('says when there is nothing, or when the list could not be loaded', async () => {
    let answer = () => problem(500, { title: 'Internal Server Error' });
    server([], { [LIST]: () => answer() });
    renderApp(`/orgs/${ORG_ID}`);
    const u = userEvent.setup();

    const button = await screen.findByRole('button', { name: 'Notifications' });
    await u.click(button);
    expect(within(panel()).getByText('The notifications could not be loaded', { exact: false })).toBeTruthy();
    answer = () => json(200, { unreadCount: 0, items: [] });
    await u.click(within(panel()).getByRole('button', { name: 'Try again' }));
    expect(await within(panel()).findByText('No notifications yet.')).toBeTruthy();
    expect(within(panel()).queryByRole('button', { name: 'Mark all as read' })).toBeNull();
    expect(await axeViolations()).toEqual([]);
  });

  it('reads the count again on window focus and every 30 seconds', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { calls, items } = server();
    renderApp(`/orgs/${ORG_ID}`);

    await screen.findByRole('button', { name: 'Notifications, 2 unread' });
    expect(calls(LIST)).toHaveLength(1);

    items.unshift({ ...items[0]!, id: 'n-4', title: 'An upload finished', readAt: null });
    act(() => {
      focusManager.setFocused(false);
      focusManager.setFocused(true);
    });
    await waitFor(() => expect(bell().getAttribute('aria-label')).toBe('Notifications, 3 unread'));
    expect(calls(LIST)).toHaveLength(2);

    items.unshift({ ...items[0]!, id: 'n-5', readAt: null });
    await act(() => vi.advanceTimersByTimeAsync(30_000));
    await waitFor(() => expect(bell().getAttribute('aria-label')).toBe('Notifications, 4 unread'));
    expect(calls(LIST)).toHaveLength(3);
  });

  it('shows the count of the organization switched to', async () => {
    const other: Notification[] = [
      { id: 'o-1', event: 'upload.finished', title: 'Upload of run 42 finished', link: `/orgs/${OTHER_ORG_ID}/workspaces`, createdAt: new Date().toISOString(), readAt: null },
    ];
    const { calls } = server(notificationItems(), {
      [`GET /api/organizations/${OTHER_ORG_ID}/me`]: () => json(200, access('Analyst', ANALYST_PERMISSIONS, [])),
      [`GET /api/organizations/${OTHER_ORG_ID}`]: () =>
        json(200, dashboard(ANALYST_PERMISSIONS, { id: OTHER_ORG_ID, name: 'Contoso Research Institute', myRole: { id: 'r2', name: 'Analyst' } })),
      [`GET /api/organizations/${OTHER_ORG_ID}/notifications`]: () => json(200, notificationList(other)),
    });
    renderApp(`/orgs/${ORG_ID}`);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Notifications, 2 unread' }));
    await u.click(screen.getByRole('button', { name: /Northwind Genomics Lab/ }));
    await u.click(screen.getByRole('menuitemradio', { name: /Contoso Research Institute/ }));

    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe(`/orgs/${OTHER_ORG_ID}`));
    expect(await screen.findByRole('button', { name: 'Notifications, 1 unread' })).toBeTruthy();
    expect(calls(`GET /api/organizations/${OTHER_ORG_ID}/notifications`)).toHaveLength(1);
    await u.click(bell());
    expect(within(panel()).getAllByRole('link').map((l) => l.textContent)).toEqual([
      'Unread: Upload of run 42 finished just now',
      'All notifications',
    ]);
  });

  it('is not shown, nor asked for, outside an organization or where my access is refused', async () => {
    const { calls } = mockFetch({
      ...orgRoutes('Group Supervisor', ALL_PERMISSIONS),
      [`GET /api/organizations/${OTHER_ORG_ID}/me`]: () => problem(404, { title: 'Not Found' }),
    });
    renderApp(`/orgs/${OTHER_ORG_ID}`);

    expect(await screen.findByRole('heading', { level: 1, name: 'Organization not found' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Notifications/ })).toBeNull();
    expect(calls(`GET /api/organizations/${OTHER_ORG_ID}/notifications`)).toHaveLength(0);
  });
});
