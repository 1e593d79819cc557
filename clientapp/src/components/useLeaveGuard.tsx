import { useEffect, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ConfirmDialog } from './ConfirmDialog';

type Leave = () => void;

// The guard of the page that holds unsaved changes, if any (one page at a time).
let activeGuard: ((leave: Leave) => void) | null = null;

/**
 * For navigation that does not follow a link (a menu that calls navigate(), signing out): leaves at once, or — while a
 * page guards unsaved changes with useLeaveGuard — only once the person has confirmed in that page's dialog.
 */
export function confirmLeave(leave: Leave): void {
  if (activeGuard) activeGuard(leave);
  else leave();
}

function isPlainLeftClick(event: MouseEvent): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

export interface LeaveGuardOptions {
  /** What is lost, in plain words ("Your changes to Analyst are not saved."). */
  message: ReactNode;
}

/**
 * While `active` (the page holds unsaved changes), asks before they are lost:
 * - closing or reloading the tab, or going to another site: the browser's own `beforeunload` prompt;
 * - following a link inside the app (the organization's tabs, the logo, any in-page link): the click is held back and a
 *   confirmation dialog opens; "Leave without saving" goes on to the link's address;
 * - menus and buttons that navigate in code call `confirmLeave`, which asks through the same dialog.
 *
 * The app runs on a `<BrowserRouter>` (not a data router), so react-router's `useBlocker` is not available, and the
 * browser's Back and Forward buttons are not intercepted.
 *
 * Returns the dialog to render (null while nobody is leaving).
 */
export function useLeaveGuard(active: boolean, { message }: LeaveGuardOptions): ReactNode {
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  const [pending, setPending] = useState<{ leave: Leave } | null>(null);

  useEffect(() => {
    if (!active) return;
    const beforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    // Capture phase on the document: runs before React's own handlers (attached to the root), so the router's <Link>
    // never sees the click.
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || !isPlainLeftClick(event)) return;
      const anchor = event.target instanceof Element ? event.target.closest('a[href]') : null;
      if (!(anchor instanceof HTMLAnchorElement)) return;
      if ((anchor.target && anchor.target !== '_self') || anchor.hasAttribute('download')) return;
      const url = new URL(anchor.href, window.location.href);
      // Another site: the browser asks (beforeunload). The same page (a #fragment, e.g. "Skip to content"): nothing is lost.
      if (url.origin !== window.location.origin) return;
      if (url.pathname === pathname && url.search === search) return;
      event.preventDefault();
      event.stopPropagation();
      setPending({ leave: () => navigate(url.pathname + url.search + url.hash) });
    };
    const guard = (leave: Leave) => setPending({ leave });
    activeGuard = guard;
    window.addEventListener('beforeunload', beforeUnload);
    document.addEventListener('click', onClick, true);
    return () => {
      if (activeGuard === guard) activeGuard = null;
      window.removeEventListener('beforeunload', beforeUnload);
      document.removeEventListener('click', onClick, true);
    };
  }, [active, navigate, pathname, search]);

  if (!pending) return null;
  return (
    <ConfirmDialog
      title="Leave without saving?"
      tone="danger"
      actionLabel="Leave without saving"
      onCancel={() => setPending(null)}
      onConfirm={() => {
        setPending(null);
        pending.leave();
      }}
    >
      {message}
      <p>Stay on the page to save or discard them first.</p>
    </ConfirmDialog>
  );
}
