import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import type { BodyOf, JsonOf } from '../../api/types';
import { orgKeys } from '../organizations/keys';

type NotificationsPath = paths['/api/organizations/{orgId}/notifications'];
type MySettingsPath = paths['/api/organizations/{orgId}/notifications/settings'];
type OrganizationSettingsPath = paths['/api/organizations/{orgId}/settings/notifications'];

/** My notifications in one organization, newest first, with how many of them (all, not only those listed) are unread. */
export type NotificationList = JsonOf<NotificationsPath['get']['responses'][200]>;
/** One notification: `link` is a path of this app (the sample, the analysis, the report it is about). */
export type Notification = NotificationList['items'][number];
/**
 * How one event reaches a person (or, on the organization's page, everyone by default): in the app, by e-mail, and who
 * is told (`audience`: "involved" or "everyone"; "everyone" only where `mayReachEveryone`). `label` and `involved`
 * are the server's words for the event and for its people involved.
 */
export type NotificationSetting = JsonOf<MySettingsPath['get']['responses'][200]>[number];
type GeneratedSettingInput = BodyOf<MySettingsPath['put']>['settings'][number];
/**
 * One event of a PUT: `audience` is left out where it is not chosen (my own settings, and the organization's events
 * that reach only the people involved) — the server reads a missing audience as "involved". The generated type lists
 * it as required (a nullable constructor parameter of the server's record); the server does not require it.
 */
export type NotificationSettingInput = Omit<GeneratedSettingInput, 'audience'> & { audience?: NotificationAudience };

export type NotificationAudience = 'involved' | 'everyone';

/** How many notifications the bell lists. */
export const BELL_LIMIT = 10;
/** How many the notifications page lists (the server's most). */
export const PAGE_LIMIT = 200;
/** How often the bell asks for the unread count (and on window focus). */
export const BELL_POLL_MS = 30_000;

/** Query keys: under the organization's (switching organizations reads the new one's). */
export const notificationKeys = {
  lists: (orgId: string) => [...orgKeys.org(orgId), 'notifications', 'list'] as const,
  list: (orgId: string, query: { unreadOnly: boolean; limit: number }) => [...orgKeys.org(orgId), 'notifications', 'list', query] as const,
  mySettings: (orgId: string) => [...orgKeys.org(orgId), 'notifications', 'my-settings'] as const,
  organizationSettings: (orgId: string) => [...orgKeys.org(orgId), 'notification-defaults'] as const,
};

/** /orgs/:orgId/notifications: my notifications and how I am told (with `unreadOnly`, ?unread=1). */
export function notificationsPagePath(orgId: string, { unreadOnly = false } = {}): string {
  return `/orgs/${orgId}/notifications${unreadOnly ? '?unread=1' : ''}`;
}

/** /orgs/:orgId/settings/notifications: the organization's defaults (organization.settings.manage). */
export function notificationDefaultsPagePath(orgId: string): string {
  return `/orgs/${orgId}/settings/notifications`;
}

/**
 * Where a notification leads: its link, a path of this app. Anything else (another site, a protocol-relative address)
 * is not followed: the notifications page is opened instead.
 */
export function notificationTarget(orgId: string, notification: Pick<Notification, 'link'>): string {
  const { link } = notification;
  return link.startsWith('/') && !link.startsWith('//') && !link.startsWith('/\\') ? link : notificationsPagePath(orgId);
}

/** "3 unread" / "No unread notifications": the count in words (never only a coloured dot). */
export function unreadText(count: number): string {
  return count > 0 ? `${count} unread` : 'No unread notifications';
}

const path = (orgId: string) => ({ params: { path: { orgId } } });

/**
 * My notifications here, newest first. With `poll` (the bell), read again every BELL_POLL_MS while the tab is in
 * front, and whenever the window regains the focus.
 */
export function useNotifications(
  orgId: string,
  { unreadOnly = false, limit, poll = false, enabled = true }: { unreadOnly?: boolean; limit: number; poll?: boolean; enabled?: boolean },
) {
  return useQuery({
    queryKey: notificationKeys.list(orgId, { unreadOnly, limit }),
    queryFn: () =>
      unwrap(
        api.GET('/api/organizations/{orgId}/notifications', {
          params: { path: { orgId }, query: unreadOnly ? { unreadOnly: true, limit } : { limit } },
        }),
      ),
    refetchInterval: poll ? BELL_POLL_MS : false,
    refetchOnWindowFocus: true,
    enabled,
  });
}

/**
 * A mark-read answered with my list (the server's first page): every cached list takes its unread count, and the
 * notifications read (`ids`, or all of them) are shown read at once — an "Unread only" list keeps them until it is read
 * again, so nothing moves under the person's pointer or focus.
 */
function markedRead(queryClient: QueryClient, orgId: string, result: NotificationList, ids: readonly string[] | 'all') {
  const readAt = new Map(result.items.map((n) => [n.id, n.readAt]));
  const now = new Date().toISOString();
  queryClient.setQueriesData<NotificationList>({ queryKey: notificationKeys.lists(orgId) }, (list) =>
    list
      ? {
          unreadCount: result.unreadCount,
          items: list.items.map((n) =>
            n.readAt === null && (ids === 'all' || ids.includes(n.id)) ? { ...n, readAt: readAt.get(n.id) ?? now } : n,
          ),
        }
      : list,
  );
}

/** POST …/notifications/{id}/read: one of mine read (a 404 for anyone else's). */
export function useMarkNotificationRead(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (notificationId: string) =>
      unwrap(
        api.POST('/api/organizations/{orgId}/notifications/{notificationId}/read', { params: { path: { orgId, notificationId } } }),
      ),
    onSuccess: (result, notificationId) => markedRead(queryClient, orgId, result, [notificationId]),
  });
}

/** POST …/notifications/read-all: every one of mine here read. */
export function useMarkAllNotificationsRead(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/organizations/{orgId}/notifications/read-all', path(orgId))),
    onSuccess: (result) => markedRead(queryClient, orgId, result, 'all'),
  });
}

/** How each event reaches me here (my choice, else the organization's default, else the event's). */
export function useMyNotificationSettings(orgId: string) {
  return useQuery({
    queryKey: notificationKeys.mySettings(orgId),
    queryFn: () => unwrap(api.GET('/api/organizations/{orgId}/notifications/settings', path(orgId))),
  });
}

/** PUT …/notifications/settings: {settings: [{event, inApp, email}]} (an unknown event is a 400 on settings[i].event). */
export function useSetMyNotificationSettings(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: NotificationSettingInput[]) =>
      unwrap(
        api.PUT('/api/organizations/{orgId}/notifications/settings', {
          ...path(orgId),
          body: { settings } as BodyOf<MySettingsPath['put']>,
        }),
      ),
    onSuccess: (result) => queryClient.setQueryData(notificationKeys.mySettings(orgId), result),
  });
}

/** The organization's defaults (organization.settings.manage only: others get a 403). */
export function useOrganizationNotificationSettings(orgId: string, { enabled }: { enabled: boolean }) {
  return useQuery({
    queryKey: notificationKeys.organizationSettings(orgId),
    queryFn: () => unwrap(api.GET('/api/organizations/{orgId}/settings/notifications', path(orgId))),
    enabled,
  });
}

/**
 * PUT …/settings/notifications (organization.settings.manage): {settings: [{event, inApp, email, audience}]};
 * "everyone" where the event may not reach everyone is a 400 on settings[i].audience. My own settings that follow the
 * defaults change with them: they are read again.
 */
export function useSetOrganizationNotificationSettings(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: NotificationSettingInput[]) =>
      unwrap(
        api.PUT('/api/organizations/{orgId}/settings/notifications', {
          ...path(orgId),
          body: { settings } as BodyOf<OrganizationSettingsPath['put']>,
        }),
      ),
    onSuccess: (result) => {
      queryClient.setQueryData(notificationKeys.organizationSettings(orgId), result);
      return queryClient.invalidateQueries({ queryKey: notificationKeys.mySettings(orgId) });
    },
  });
}
