import { ORG_ID, WS_GENERAL } from '../../test/orgFixtures';
import type { Notification, NotificationList, NotificationSetting } from './api';

export const notificationsApi = `/api/organizations/${ORG_ID}/notifications`;
export const SAMPLE_LINK = `/orgs/${ORG_ID}/workspaces/${WS_GENERAL}/samples/0190f0aa-0000-7000-8000-0000000000s1`;
export const REPORT_LINK = `/orgs/${ORG_ID}/workspaces/${WS_GENERAL}/reports/0190f0aa-0000-7000-8000-0000000000r1`;

function minutesAgo(minutes: number): string {
  return new Date(Date.now() - minutes * 60_000).toISOString();
}

/** Three of mine, newest first: two unread (an assignment, a report to sign), one read. */
export function notificationItems(): Notification[] {
  return [
    {
      id: 'n-1',
      event: 'sample.assigned',
      title: 'Sample NA12878 was assigned to you',
      link: SAMPLE_LINK,
      createdAt: minutesAgo(5),
      readAt: null,
    },
    {
      id: 'n-2',
      event: 'report.awaiting-signature',
      title: 'Report for NA12891 awaits your signature',
      link: REPORT_LINK,
      createdAt: minutesAgo(120),
      readAt: null,
    },
    {
      id: 'n-3',
      event: 'analysis.finished',
      title: 'Analysis of NA24385 finished',
      link: `/orgs/${ORG_ID}/workspaces/${WS_GENERAL}/analyses`,
      createdAt: minutesAgo(3 * 24 * 60),
      readAt: minutesAgo(2 * 24 * 60),
    },
  ];
}

/** The list as the server answers it: `items` (filtered to the unread ones with `unreadOnly`, at most `limit`) and the count. */
export function notificationList(items: Notification[], { unreadOnly = false, limit = 50 } = {}): NotificationList {
  return {
    unreadCount: items.filter((n) => n.readAt === null).length,
    items: items.filter((n) => !unreadOnly || n.readAt === null).slice(0, limit),
  };
}

/** Every event with its default (as the server lists them when nobody chose anything). */
export function notificationSettings(): NotificationSetting[] {
  const involvedOnly = { mayReachEveryone: false, audience: 'involved' };
  const mayReachEveryone = { mayReachEveryone: true, audience: 'involved' };
  return [
    { event: 'upload.finished', label: 'An upload finished', involved: 'the person who uploaded', inApp: true, email: false, ...mayReachEveryone },
    {
      event: 'analysis.finished',
      label: 'An analysis finished',
      involved: 'the person who launched it and the people it is assigned to',
      inApp: true,
      email: true,
      ...mayReachEveryone,
    },
    {
      event: 'analysis.failed',
      label: 'An analysis failed',
      involved: 'the person who launched it and the people it is assigned to',
      inApp: true,
      email: true,
      ...mayReachEveryone,
    },
    { event: 'sample.assigned', label: 'A sample was assigned to you', involved: 'the people it is assigned to', inApp: true, email: true, ...involvedOnly },
    {
      event: 'analysis.assigned',
      label: 'An analysis was assigned to you',
      involved: 'the people it is assigned to',
      inApp: true,
      email: true,
      ...involvedOnly,
    },
    {
      event: 'report.awaiting-signature',
      label: 'A report awaits your signature',
      involved: 'the people who may sign it',
      inApp: true,
      email: true,
      ...involvedOnly,
    },
    { event: 'report.signed', label: 'A report was signed', involved: 'the person who drafted it', inApp: true, email: false, ...mayReachEveryone },
    { event: 'invitation.accepted', label: 'An invitation was accepted', involved: 'the person who invited', inApp: true, email: false, ...involvedOnly },
  ];
}
