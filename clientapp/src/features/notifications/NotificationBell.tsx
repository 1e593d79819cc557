import { useEffect, useId, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { asApiError } from '../../api/problem';
import { Button, RelativeTime } from '../../components';
import { usePermissions } from '../organizations/permissions';
import {
  BELL_LIMIT,
  notificationsPagePath,
  notificationTarget,
  unreadText,
  useMarkAllNotificationsRead,
  useMarkNotificationRead,
  useNotifications,
  type Notification,
} from './api';
import './notifications.css';

/** The bell's badge: the count, or "99+" (the button's name says the exact number). */
function badge(count: number): string {
  return count > 99 ? '99+' : String(count);
}

/**
 * The header's bell for the current organization: a disclosure button named with the unread count ("Notifications,
 * 3 unread"; the badge shows the number, not only a colour), read again every 30 s and on window focus. Its panel
 * lists the latest BELL_LIMIT: following one marks it read; "Mark all as read"; "All notifications" opens the page.
 * Escape closes the panel and gives the focus back to the bell; a click outside, or the focus moving past it, closes it.
 *
 * Asked for only once my access to the organization is known (not for one I am not a member of, nor while its
 * security policy refuses my session: the organization's layout says why).
 */
export function NotificationBell({ orgId }: { orgId: string }) {
  const { isLoading, error } = usePermissions(orgId);
  const member = !isLoading && !error;
  const notifications = useNotifications(orgId, { limit: BELL_LIMIT, poll: true, enabled: member });
  const markRead = useMarkNotificationRead(orgId);
  const markAll = useMarkAllNotificationsRead(orgId);
  const [open, setOpen] = useState(false);
  const { pathname } = useLocation();
  const id = useId();
  const panelId = `${id}-panel`;
  const buttonRef = useRef<HTMLButtonElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: MouseEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onPointerDown);
    return () => document.removeEventListener('mousedown', onPointerDown);
  }, [open]);

  if (!member) return null;

  const unread = notifications.data?.unreadCount ?? 0;
  const items = notifications.data?.items ?? [];

  function close(focusButton = true) {
    setOpen(false);
    if (focusButton) buttonRef.current?.focus();
  }

  /**
   * Closes the panel when one of its links is followed. Another page: its heading takes the focus (AppLayout's
   * RouteFocus; the bell must not hold it, or a quick second click on the bell would lose it to the heading). The same
   * page: the focus goes back to the bell rather than to nowhere.
   */
  function closeFor(target: string) {
    close(target.split(/[?#]/)[0] === pathname);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape' && open) {
      event.preventDefault();
      close();
    }
  }

  // Tabbing past the panel (or Shift+Tab before the bell) closes it: it does not stay open over the page.
  function onBlur(event: FocusEvent<HTMLDivElement>) {
    const next = event.relatedTarget;
    if (open && next instanceof Node && !rootRef.current?.contains(next)) setOpen(false);
  }

  function follow(notification: Notification) {
    if (notification.readAt === null) markRead.mutate(notification.id);
    closeFor(notificationTarget(orgId, notification));
  }

  return (
    <div className="bell" ref={rootRef} onKeyDown={onKeyDown} onBlur={onBlur}>
      <button
        ref={buttonRef}
        type="button"
        className={unread > 0 ? 'bell__button bell__button--unread' : 'bell__button'}
        aria-label={unread > 0 ? `Notifications, ${unreadText(unread)}` : 'Notifications'}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => (open ? close() : setOpen(true))}
      >
        <svg className="bell__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
          <path
            d="M10 2.5a5 5 0 0 0-5 5v2.8L3.6 13a.8.8 0 0 0 .7 1.2h11.4a.8.8 0 0 0 .7-1.2L15 10.3V7.5a5 5 0 0 0-5-5Zm-2 13a2 2 0 0 0 4 0"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.6"
            strokeLinejoin="round"
          />
        </svg>
        {unread > 0 ? (
          <span className="bell__count" aria-hidden="true">
            {badge(unread)}
          </span>
        ) : null}
      </button>
      {open ? (
        <div id={panelId} className="bell__panel" role="region" aria-label="Latest notifications">
          <div className="bell__header">
            <p className="bell__heading">Notifications</p>
            {/* Always in the panel while it is open: the change after "Mark all as read" is announced. */}
            <p className="bell__status" role="status">
              {notifications.data ? unreadText(unread) : ''}
            </p>
          </div>
          {notifications.isPending ? <p className="bell__message muted">Loading…</p> : null}
          {notifications.isError ? (
            <div className="bell__message">
              <p className="field__error">The notifications could not be loaded: {notifications.error.message}</p>
              <Button variant="secondary" onClick={() => void notifications.refetch()}>
                Try again
              </Button>
            </div>
          ) : null}
          {notifications.data && items.length === 0 ? <p className="bell__message muted">No notifications yet.</p> : null}
          {items.length > 0 ? (
            <ul className="bell__list">
              {items.map((n) => (
                <li key={n.id}>
                  <Link
                    to={notificationTarget(orgId, n)}
                    className={n.readAt === null ? 'bell__item bell__item--unread' : 'bell__item'}
                    onClick={() => follow(n)}
                  >
                    {n.readAt === null ? <span className="bell__dot" aria-hidden="true" /> : null}
                    <span className="bell__text">
                      {n.readAt === null ? <span className="visually-hidden">Unread: </span> : null}
                      <span className="bell__title">{n.title}</span>{' '}
                      <span className="bell__time">
                        <RelativeTime value={n.createdAt} />
                      </span>
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          ) : null}
          {markAll.isError ? (
            <p className="field__error bell__message" role="alert">
              They could not be marked as read: {asApiError(markAll.error).message}
            </p>
          ) : null}
          <div className="bell__footer">
            <Link to={notificationsPagePath(orgId)} onClick={() => closeFor(notificationsPagePath(orgId))}>
              All notifications
            </Link>
            {items.length > 0 ? (
              <Button variant="ghost" busy={markAll.isPending} busyLabel="Marking…" onClick={() => markAll.mutate()}>
                Mark all as read
              </Button>
            ) : null}
          </div>
        </div>
      ) : null}
    </div>
  );
}
