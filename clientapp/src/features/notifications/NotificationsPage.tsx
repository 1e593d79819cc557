import { useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { asApiError } from '../../api/problem';
import { Alert, Button, LoadingState, RelativeTime, RetryAlert, usePageTitle, useStatusMessage } from '../../components';
import { useCurrentOrgId } from '../organizations/permissions';
import {
  notificationTarget,
  PAGE_LIMIT,
  unreadText,
  useMarkAllNotificationsRead,
  useMarkNotificationRead,
  useMyNotificationSettings,
  useNotifications,
  useSetMyNotificationSettings,
  type Notification,
} from './api';
import { NotificationSettingsForm } from './NotificationSettingsForm';
import './notifications.css';

/** The "Unread only" filter, kept in the address (?unread=1) so that the filtered list can be reloaded or shared. */
function useUnreadOnly(): [boolean, (unreadOnly: boolean) => void] {
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('unread') === '1';
  function set(next: boolean) {
    const query = new URLSearchParams(params);
    if (next) query.set('unread', '1');
    else query.delete('unread');
    setParams(query, { replace: true });
  }
  return [unreadOnly, set];
}

/**
 * /orgs/:orgId/notifications — my notifications in this organization (the latest PAGE_LIMIT, newest first; "Unread
 * only" in the address), each marked read on its own or all at once; and how each event reaches me here: in the app,
 * by e-mail (my choice wins over the organization's default). Every member; reached from the bell's "All notifications".
 */
export default function NotificationsPage() {
  usePageTitle('Notifications');
  const orgId = useCurrentOrgId()!;

  return (
    <div className="page page--medium">
      <header className="page__header">
        <h1 className="page__title">Notifications</h1>
        <p className="page__subtitle">What happened in this organization that concerns you, newest first, and how you are told.</p>
      </header>
      <NotificationList orgId={orgId} />
      <MySettings orgId={orgId} />
    </div>
  );
}

function NotificationList({ orgId }: { orgId: string }) {
  const [unreadOnly, setUnreadOnly] = useUnreadOnly();
  const notifications = useNotifications(orgId, { unreadOnly, limit: PAGE_LIMIT });
  const markRead = useMarkNotificationRead(orgId);
  const markAll = useMarkAllNotificationsRead(orgId);
  const announce = useStatusMessage();
  const links = useRef(new Map<string, HTMLAnchorElement>());
  const data = notifications.data;
  const failed = markRead.error ?? markAll.error;

  function onMarkRead(notification: Notification) {
    markRead.mutate(notification.id, {
      onSuccess: () => {
        // Its button is gone: the focus goes to the notification itself.
        links.current.get(notification.id)?.focus();
        announce(`“${notification.title}” marked as read.`);
      },
    });
  }

  return (
    <section className="card" aria-labelledby="notifications-list-heading">
      <div className="card__header">
        <h2 id="notifications-list-heading" className="card__title">
          Your notifications
        </h2>
        {data ? <p className="muted">{unreadText(data.unreadCount)}</p> : null}
      </div>
      <div className="notifications__toolbar">
        <label className="checklist__item toolbar__toggle">
          <input type="checkbox" name="unread" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} />
          Unread only
        </label>
        {data && data.items.length > 0 ? (
          <Button
            variant="secondary"
            busy={markAll.isPending}
            busyLabel="Marking…"
            onClick={() => markAll.mutate(undefined, { onSuccess: () => announce('All notifications marked as read.') })}
          >
            Mark all as read
          </Button>
        ) : null}
      </div>
      {failed ? (
        <Alert title="Not marked as read">{asApiError(failed).message}</Alert>
      ) : null}
      {notifications.isPending ? <LoadingState label="Loading your notifications…" /> : null}
      {notifications.isError ? (
        <RetryAlert
          title="Your notifications could not be loaded"
          message={notifications.error.message}
          onRetry={() => void notifications.refetch()}
        />
      ) : null}
      {data && data.items.length === 0 ? (
        <div className="empty">
          <p className="empty__title">{unreadOnly ? 'No unread notifications' : 'No notifications yet'}</p>
          <p className="empty__text">
            {unreadOnly
              ? 'You have read every notification.'
              : 'You are told here when something that concerns you happens: an upload or an analysis finishes, something is assigned to you, a report awaits your signature.'}
          </p>
        </div>
      ) : null}
      {data && data.items.length > 0 ? (
        <ul className="list" aria-label={unreadOnly ? 'Unread notifications' : 'Notifications'}>
          {data.items.map((n) => {
            const unread = n.readAt === null;
            return (
              <li key={n.id} className={unread ? 'notification notification--unread' : 'notification'}>
                {unread ? <span className="notification__dot" aria-hidden="true" /> : null}
                <div className="notification__text">
                  <Link
                    ref={(el) => {
                      if (el) links.current.set(n.id, el);
                      else links.current.delete(n.id);
                    }}
                    to={notificationTarget(orgId, n)}
                    className="notification__title"
                    onClick={() => {
                      if (unread) markRead.mutate(n.id);
                    }}
                  >
                    {unread ? <span className="visually-hidden">Unread: </span> : null}
                    {n.title}
                  </Link>
                  <span className="notification__meta">
                    <RelativeTime value={n.createdAt} /> · {unread ? 'Unread' : 'Read'}
                  </span>
                </div>
                {unread ? (
                  <Button variant="secondary" onClick={() => onMarkRead(n)} disabled={markRead.isPending && markRead.variables === n.id}>
                    Mark as read<span className="visually-hidden">: {n.title}</span>
                  </Button>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}

function MySettings({ orgId }: { orgId: string }) {
  const settings = useMyNotificationSettings(orgId);
  const save = useSetMyNotificationSettings(orgId);

  return (
    <section className="card" aria-labelledby="notifications-settings-heading">
      <h2 id="notifications-settings-heading" className="card__title">
        How you are told
      </h2>
      <p className="muted">
        For each event, whether you see it here (the bell) and whether you also receive an e-mail. Your choice wins over the
        organization&rsquo;s defaults; you are only told about what you may see.
      </p>
      {settings.isPending ? <LoadingState label="Loading how you are told…" /> : null}
      {settings.isError ? (
        <RetryAlert title="Your notification settings could not be loaded" message={settings.error.message} onRetry={() => void settings.refetch()} />
      ) : null}
      {settings.data ? (
        <NotificationSettingsForm
          settings={settings.data}
          mode="mine"
          save={save}
          label="How you are told"
          savedMessage="Your notification settings are saved."
          errorTitle="Your notification settings could not be saved"
        />
      ) : null}
    </section>
  );
}
