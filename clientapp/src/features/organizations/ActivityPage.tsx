import { useId } from 'react';
import { ApiError } from '../../api/problem';
import { Alert, Button, LoadingState, RetryAlert, usePageTitle } from '../../components';
import { useWorkspaces } from '../workspaces/api';
import { ActivityFiltersBar } from './ActivityFiltersBar';
import { ActivityList } from './ActivityList';
import { useActivity } from './api';
import { useCurrentOrgId } from './permissions';
import { useActivityFilters } from './useActivityFilters';

/**
 * /orgs/:orgId/activity: what happened in the organization that I may see, newest first, filtered by person, kind and
 * days (kept in the query string: `?person=…&kind=…&from=…&to=…`), a page at a time.
 */
export default function ActivityPage() {
  usePageTitle('Activity');
  const orgId = useCurrentOrgId()!;
  const ids = useId();
  const { filters, isFiltered, set, clear } = useActivityFilters();
  const activity = useActivity(orgId, filters);
  const workspaces = useWorkspaces(orgId);
  const workspaceNames = new Map((workspaces.data ?? []).map((w) => [w.id, w.name]));
  const items = activity.data?.pages.flatMap((p) => p.items) ?? [];

  // A refused filter (400: the end day before the start day) is shown next to the date fields, not as a failure.
  const refused =
    activity.isError && !activity.isFetchNextPageError && activity.error instanceof ApiError && activity.error.status === 400
      ? activity.error
      : null;
  const dateErrors = refused
    ? {
        from: refused.fieldErrors.from,
        to: refused.fieldErrors.to ?? (refused.fieldErrors.from ? undefined : [refused.message]),
      }
    : {};

  return (
    <div className="page">
      <header className="page__header">
        <h1 id={`${ids}-heading`} className="page__title">
          Activity
        </h1>
        <p className="page__subtitle">Changes in this organization that you are allowed to see, newest first.</p>
      </header>

      <section className="card card--flush people" aria-labelledby={`${ids}-heading`}>
        <ActivityFiltersBar
          orgId={orgId}
          filters={filters}
          onChange={set}
          onClear={isFiltered ? clear : undefined}
          items={items}
          dateErrors={dateErrors}
        />

        {activity.isPending ? <LoadingState label="Loading activity…" /> : null}
        {activity.isError && !refused && items.length === 0 ? (
          <div className="people__message">
            <RetryAlert title="Activity could not be loaded" message={activity.error.message} onRetry={() => void activity.refetch()} />
          </div>
        ) : null}
        {activity.isSuccess && items.length === 0 ? (
          <div className="people__message empty">
            {isFiltered ? (
              <>
                <p className="empty__title">No activity matches these filters.</p>
                <p className="empty__text muted">Change or clear the filters.</p>
              </>
            ) : (
              <>
                <p className="empty__title">No activity yet</p>
                <p className="empty__text muted">Changes to workspaces, members and settings will be listed here.</p>
              </>
            )}
          </div>
        ) : null}

        {items.length > 0 ? (
          <>
            <div className="people__message">
              <ActivityList items={items} label="Activity" workspaceNames={workspaceNames} />
            </div>
            <div className="list-footer people__footer">
              {activity.isFetchNextPageError ? <Alert>{activity.error?.message}</Alert> : null}
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
                <p className="muted">That is everything{isFiltered ? ' that matches' : ''}.</p>
              )}
            </div>
          </>
        ) : null}
      </section>
    </div>
  );
}
