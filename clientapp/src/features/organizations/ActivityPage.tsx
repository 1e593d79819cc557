import { Alert, Button, LoadingState, RetryAlert, usePageTitle } from '../../components';
import { ActivityList } from './ActivityList';
import { useActivity } from './api';
import { useCurrentOrgId } from './permissions';

/** /orgs/:orgId/activity: what happened in the organization that I may see, newest first. */
export default function ActivityPage() {
  usePageTitle('Activity');
  const orgId = useCurrentOrgId()!;
  const activity = useActivity(orgId);
  const items = activity.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="page">
      <header className="page__header">
        <h1 className="page__title">Activity</h1>
        <p className="page__subtitle">Changes in this organization that you are allowed to see, newest first.</p>
      </header>
      {activity.isPending ? <LoadingState label="Loading activity…" /> : null}
      {activity.isError && items.length === 0 ? (
        <RetryAlert title="Activity could not be loaded" message={activity.error.message} onRetry={() => void activity.refetch()} />
      ) : null}
      {activity.isSuccess && items.length === 0 ? (
        <section className="card empty">
          <h2 className="empty__title">No activity yet</h2>
          <p className="empty__text">Changes to workspaces, members and settings will be listed here.</p>
        </section>
      ) : null}
      {items.length > 0 ? (
        <section className="card">
          <ActivityList items={items} label="Activity" />
          {activity.isFetchNextPageError ? <Alert>{activity.error?.message}</Alert> : null}
          <div className="list-footer">
            {activity.hasNextPage ? (
              <Button
                variant="secondary"
                busy={activity.isFetchingNextPage}
                busyLabel="Loading…"
                onClick={() => void activity.fetchNextPage()}
              >
                Load more
              </Button>
            ) : (
              <p className="muted">That is everything.</p>
            )}
          </div>
        </section>
      ) : null}
    </div>
  );
}
