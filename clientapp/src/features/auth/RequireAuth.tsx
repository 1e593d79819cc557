import { Navigate, Outlet, useLocation } from 'react-router';
import { LoadingState, RetryAlert } from '../../components';
import { useMe } from './authApi';
import { loginPathFor } from './returnTo';

/** Guards nested routes: anonymous visitors go to /login and come back here after signing in. */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();

  if (me.isPending) return <LoadingState label="Checking your session…" fullPage />;
  if (me.isError) {
    return (
      <div className="page">
        <RetryAlert title="VariantMiner is unavailable" message={me.error.message} onRetry={() => void me.refetch()} />
      </div>
    );
  }
  if (!me.data) {
    return <Navigate to={loginPathFor(location.pathname + location.search + location.hash)} replace />;
  }
  return <Outlet />;
}
