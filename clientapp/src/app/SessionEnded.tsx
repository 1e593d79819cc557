import { useEffect, useRef } from 'react';
import { Link, useLocation } from 'react-router';
import { Alert, usePageTitle } from '../components';
import { loginPathFor } from '../features/auth/returnTo';

/**
 * Shown instead of the page when the session ended under it (signed out in another tab, or expired): says so plainly
 * and offers to sign in again, coming back to this very address afterwards.
 */
export function SessionEnded() {
  usePageTitle('Signed out');
  const { pathname, search, hash } = useLocation();
  const heading = useRef<HTMLHeadingElement>(null);

  // The page the person was looking at is gone: put the focus (and the screen reader) on what replaced it.
  useEffect(() => {
    heading.current?.focus();
  }, []);

  return (
    <div className="page page--narrow">
      <h1 ref={heading} className="page__title" tabIndex={-1}>
        You have been signed out
      </h1>
      <Alert tone="info" title="Your session has ended">
        <p>
          You may have signed out in another tab or window, or the session expired. Nothing more can be loaded or saved
          until you sign in again; you will come back to this page.
        </p>
      </Alert>
      <div className="actions">
        <Link className="btn btn--primary" to={loginPathFor(pathname + search + hash)}>
          Sign in again
        </Link>
      </div>
    </div>
  );
}
