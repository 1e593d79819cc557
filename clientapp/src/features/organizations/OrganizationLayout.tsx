import { useEffect } from 'react';
import { Link, Outlet, useParams } from 'react-router';
import { ApiError, organizationPolicyReason } from '../../api/problem';
import { Alert, Button, LoadingState, usePageTitle } from '../../components';
import { useMe } from '../auth/authApi';
import { useMyAccess, useRememberOrganization } from './api';
import { OrganizationPolicyNotice } from './OrganizationPolicyNotice';
import { usePermissions } from './permissions';

/**
 * The organization context for /orgs/:orgId/...: loads my access there first (a non-member gets 404, shown as
 * "not found"; a session that does not meet the organization's security policy gets 403 with a reason, shown as what
 * to do), and remembers the organization as the last one used. A refusal by the policy on any other request of the
 * organization reads my access again (queryClient), so it lands here too.
 */
export default function OrganizationLayout() {
  const { orgId = '' } = useParams();
  const permissions = usePermissions(orgId);
  // The same query as usePermissions, for its refetch (a second observer mounted on error would refetch by itself).
  const access = useMyAccess(orgId);
  const me = useMe();
  const remember = useRememberOrganization();
  const lastOrganizationId = me.data?.lastOrganizationId;
  const ready = !permissions.isLoading && !permissions.error;
  const { mutate } = remember;

  useEffect(() => {
    if (ready && me.data && lastOrganizationId !== orgId) mutate(orgId);
  }, [ready, orgId, lastOrganizationId, me.data, mutate]);

  if (permissions.isLoading) return <LoadingState label="Loading organization…" />;
  if (access.error) {
    const policyReason = organizationPolicyReason(access.error);
    if (policyReason) return <OrganizationPolicyNotice reason={policyReason} detail={access.error.message} />;
    return <OrganizationUnavailable error={access.error} onRetry={access.refetch} retrying={access.isFetching} />;
  }
  return <Outlet />;
}

function OrganizationUnavailable({ error, onRetry, retrying }: { error: Error; onRetry: () => unknown; retrying: boolean }) {
  const notFound = error instanceof ApiError && error.status === 404;
  usePageTitle(notFound ? 'Organization not found' : 'Organization unavailable');
  return (
    <div className="page page--narrow">
      <h1 className="page__title">{notFound ? 'Organization not found' : 'Organization unavailable'}</h1>
      {notFound ? (
        <p>This organization does not exist, or you are not a member of it.</p>
      ) : (
        <Alert title="The organization could not be loaded">{error.message}</Alert>
      )}
      <div className="actions">
        {!notFound ? (
          <Button variant="secondary" busy={retrying} onClick={() => void onRetry()}>
            Try again
          </Button>
        ) : null}
        <Link to="/orgs">Go to your organizations</Link>
      </div>
    </div>
  );
}
