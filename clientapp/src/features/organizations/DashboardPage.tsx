import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { mutationStatus } from '../../api/problem';
import { Alert, Button, ConfirmDialog, formatDate, LoadingState, RetryAlert, usePageTitle } from '../../components';
import { useMe } from '../auth/authApi';
import { useRemoveMember } from '../members/api';
import { PermissionList as HeldPermissionList } from '../roles/PermissionList';
import { ActivityList } from './ActivityList';
import { useOrganization, usePermissionCatalogue } from './api';
import { useCurrentOrgId } from './permissions';
import { NeedsAttention, QuotaCard } from './WorkOverview';
import { useWorkOverview } from './workOverviewApi';

/**
 * /orgs/:orgId: first what needs attention (runs in progress and failed, orders due, reports awaiting my signature),
 * then counts and quotas, my workspaces, my role and permissions, recent activity and details.
 */
export default function DashboardPage() {
  const orgId = useCurrentOrgId()!;
  const dashboard = useOrganization(orgId);
  // What needs attention is read alongside the organization, not after it (its own part of the page shows it).
  useWorkOverview(orgId);
  usePageTitle(dashboard.data?.name ?? 'Organization');

  if (dashboard.isPending) return <LoadingState label="Loading dashboard…" />;
  if (dashboard.isError) {
    // Still a page with its level-one heading (WCAG 1.3.1, 2.4.6): the alert says what went wrong.
    return (
      <div className="page">
        <header className="page__header">
          <h1 className="page__title">Organization</h1>
        </header>
        <RetryAlert title="The dashboard could not be loaded" message={dashboard.error.message} onRetry={() => void dashboard.refetch()} />
      </div>
    );
  }
  const org = dashboard.data;
  const base = `/orgs/${orgId}`;

  return (
    <div className="page">
      <header className="page__header">
        <p className="page__eyebrow">Organization</p>
        <h1 className="page__title wrap-anywhere">{org.name}</h1>
        {org.description ? <p className="page__subtitle wrap-anywhere">{org.description}</p> : null}
      </header>

      {org.pendingOwnerEmail ? (
        <Alert tone="info" title="Waiting for the owner">
          <p>
            <strong>{org.pendingOwnerEmail}</strong> becomes this organization's Group Supervisor when they register
            with that address.
          </p>
        </Alert>
      ) : null}

      <NeedsAttention orgId={orgId} />

      <section className="stats" aria-label="Overview">
        <div className="card stat">
          <h2 className="stat__label">Members</h2>
          <p className="stat__value">{org.memberCount.toLocaleString('en-US')}</p>
        </div>
        <div className="card stat">
          <h2 className="stat__label">Workspaces</h2>
          <p className="stat__value">{org.workspaceCount.toLocaleString('en-US')}</p>
        </div>
        <QuotaCard orgId={orgId} storageUsedBytes={org.storageUsedBytes} storageQuotaBytes={org.storageQuotaBytes} />
      </section>

      <div className="columns">
        <section className="card" aria-labelledby="my-workspaces">
          <div className="card__header">
            <h2 id="my-workspaces" className="card__title">
              Your workspaces
            </h2>
            <Link to={`${base}/workspaces`}>All workspaces</Link>
          </div>
          {org.workspaces.length === 0 ? (
            <p className="muted">You have not been given access to any workspace yet.</p>
          ) : (
            <ul className="list" aria-labelledby="my-workspaces">
              {org.workspaces.map((w) => (
                <li key={w.id} className="list__item">
                  <Link className="list__primary wrap-anywhere" to={`${base}/workspaces/${w.id}/samples`}>
                    {w.name}
                  </Link>
                  {w.description ? <span className="list__secondary wrap-anywhere">{w.description}</span> : null}
                </li>
              ))}
            </ul>
          )}
        </section>

        <section className="card" aria-labelledby="my-role">
          <h2 id="my-role" className="card__title">
            Your role
          </h2>
          <p className="role">
            <span className="badge badge--role">{org.myRole.name}</span>
            <span className="muted">
              Role-based access is {org.roleBasedAccessEnabled ? 'on' : 'off'}
              {org.roleBasedAccessEnabled ? '' : ': every member sees every sample'}.
            </span>
          </p>
          <PermissionList keys={org.myPermissions} />
        </section>
      </div>

      <div className="columns">
        <section className="card" aria-labelledby="recent-activity">
          <div className="card__header">
            <h2 id="recent-activity" className="card__title">
              Recent activity
            </h2>
            <Link to={`${base}/activity`}>View all activity</Link>
          </div>
          {org.recentActivity.length === 0 ? (
            <p className="muted">Nothing has happened here yet.</p>
          ) : (
            <ActivityList
              items={org.recentActivity}
              label="Recent activity"
              workspaceNames={new Map(org.workspaces.map((w) => [w.id, w.name]))}
            />
          )}
        </section>

        <section className="card" aria-labelledby="org-details">
          <h2 id="org-details" className="card__title">
            Details
          </h2>
          <dl className="details details--stacked">
            <div>
              <dt>Contact</dt>
              <dd>
                {org.contactName || org.contactEmail ? (
                  <>
                    {org.contactName}
                    {org.contactName && org.contactEmail ? ' · ' : null}
                    {org.contactEmail ? <a href={`mailto:${org.contactEmail}`}>{org.contactEmail}</a> : null}
                  </>
                ) : (
                  <span className="muted">Not set</span>
                )}
              </dd>
            </div>
            <div>
              <dt>Created</dt>
              <dd>{formatDate(org.createdAt)}</dd>
            </div>
          </dl>
        </section>
      </div>

      <LeaveOrganization orgId={orgId} orgName={org.name} refusal={org.leaveRefusal} />
    </div>
  );
}

/** My permissions in plain words, grouped as in the catalogue. */
function PermissionList({ keys }: { keys: readonly string[] }) {
  const catalogue = usePermissionCatalogue();
  if (keys.length === 0) return <p className="muted">Your role holds no permissions in this organization.</p>;
  return <HeldPermissionList keys={keys} catalogue={catalogue.data ?? []} />;
}

/**
 * "Leave organization…", unless the server says why I cannot (`refusal`: I am its only Group Supervisor), which is then
 * shown in its place. Should the server still refuse (a change since the page loaded), the 400's detail is shown.
 */
function LeaveOrganization({ orgId, orgName, refusal }: { orgId: string; orgName: string; refusal: string | null }) {
  const { data: me } = useMe();
  const leave = useRemoveMember(orgId);
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  if (!me) return null;
  return (
    <section className="card danger-row" aria-labelledby="leave-org">
      <div>
        <h2 id="leave-org" className="card__title">
          Leave organization
        </h2>
        <p className="muted wrap-anywhere">
          You lose access to {orgName} and its workspaces at once; someone has to invite you again to come back.
        </p>
      </div>
      {refusal ? (
        <p className="note wrap-anywhere">{refusal}</p>
      ) : (
        <Button
          variant="ghost-danger"
          onClick={() => {
            leave.reset();
            setConfirming(true);
          }}
        >
          Leave organization…
        </Button>
      )}
      {confirming && !refusal ? (
        <ConfirmDialog
          title="Leave organization"
          tone="danger"
          actionLabel="Leave organization"
          busyLabel="Leaving…"
          {...mutationStatus(leave)}
          onCancel={() => setConfirming(false)}
          onConfirm={() => leave.mutate({ userId: me.id, leaving: true }, { onSuccess: () => navigate('/', { replace: true }) })}
        >
          <p>
            Leave <strong>{orgName}</strong>? You will lose access to it and its workspaces at once. To come back, someone
            has to invite you again.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
