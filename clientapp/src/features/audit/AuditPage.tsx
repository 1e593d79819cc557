import { useId } from 'react';
import type { AuditRecord } from '../../api/types';
import { Alert, Button, LoadingState, RetryAlert, usePageTitle } from '../../components';
import { useCurrentOrgId, usePermissions } from '../organizations/permissions';
import { auditExportUrl, useAuditTrail, useVerifyAudit } from './api';
import { AuditFiltersBar } from './AuditFiltersBar';
import { AuditTable } from './AuditTable';
import { useAuditFilters } from './useAuditFilters';
import { VerifyResult } from './VerifyResult';

/** People (with an account) and entity types seen on the loaded rows, for the filters. */
function seen(rows: readonly AuditRecord[]) {
  const actors = new Map<string, string>();
  const entityTypes = new Set<string>();
  for (const r of rows) {
    if (r.actorUserId && !actors.has(r.actorUserId)) actors.set(r.actorUserId, r.actorName);
    entityTypes.add(r.entityType);
  }
  return { actors, entityTypes: [...entityTypes].sort() };
}

/**
 * /orgs/:orgId/audit (organization.audit.view): the organization's audit trail, newest first — filters, "Load more"
 * over the cursor, the filtered CSV export, and a check of the hash chain.
 */
export default function AuditPage() {
  usePageTitle('Audit trail');
  const orgId = useCurrentOrgId()!;
  const { can } = usePermissions(orgId);
  const allowed = can('organization.audit.view');
  const filterState = useAuditFilters();
  const { applied, isFiltered } = filterState;
  const trail = useAuditTrail(orgId, applied, { enabled: allowed });
  const verify = useVerifyAudit(orgId);
  const ids = useId();

  if (!allowed) {
    return (
      <div className="page page--narrow">
        <h1 className="page__title">Audit trail</h1>
        <Alert tone="info" title="You cannot view the audit trail">
          Your role does not include viewing the organization&rsquo;s audit trail. Ask a Group Supervisor.
        </Alert>
      </div>
    );
  }

  const rows = trail.data?.pages.flatMap((p) => p.items) ?? [];
  const { actors, entityTypes } = seen(rows);

  return (
    <div className="page">
      <header className="page__header page__header--split">
        <div>
          <h1 className="page__title">Audit trail</h1>
          <p className="page__subtitle">
            Every change to this organization&rsquo;s records: who changed what, when, with the old and new values. Records
            cannot be altered; each carries the hash of the one before it.
          </p>
        </div>
        <div className="actions">
          <Button variant="secondary" busy={verify.isPending} busyLabel="Verifying…" onClick={() => verify.mutate()}>
            Verify the chain
          </Button>
          <a className="btn btn--secondary" href={auditExportUrl(orgId, applied)} download aria-describedby={`${ids}-export`}>
            <span>Export CSV</span>
          </a>
          <span id={`${ids}-export`} className="visually-hidden">
            {isFiltered ? 'The records matching the filters' : 'Every record'}, oldest first.
          </span>
        </div>
      </header>

      <VerifyResult result={verify.data} error={verify.error} />

      <section className="card card--flush people" aria-labelledby={`${ids}-heading`}>
        <div className="people__header">
          <h2 id={`${ids}-heading`} className="card__title">
            Records
          </h2>
        </div>
        <AuditFiltersBar state={filterState} actors={actors} entityTypes={entityTypes} />

        {trail.isPending ? <LoadingState label="Loading the audit trail…" /> : null}
        {trail.isError && rows.length === 0 ? (
          <div className="people__message">
            <RetryAlert title="The audit trail could not be loaded" message={trail.error.message} onRetry={() => void trail.refetch()} />
          </div>
        ) : null}
        {trail.isSuccess && rows.length === 0 ? (
          <div className="people__message empty">
            <p className="empty__title">{isFiltered ? 'No records match the filters' : 'No records yet'}</p>
            <p className="empty__text muted">
              {isFiltered ? 'Change or clear the filters.' : 'Changes to workspaces, members, roles, samples and settings are recorded here.'}
            </p>
          </div>
        ) : null}

        {rows.length > 0 ? <AuditTable rows={rows} busy={trail.isFetching && !trail.isFetchingNextPage} /> : null}

        {rows.length > 0 ? (
          <div className="people__footer audit-footer">
            {trail.isFetchNextPageError ? <Alert>{trail.error?.message}</Alert> : null}
            {trail.hasNextPage ? (
              <Button variant="secondary" busy={trail.isFetchingNextPage} busyLabel="Loading…" onClick={() => void trail.fetchNextPage()}>
                Load more
              </Button>
            ) : (
              <p className="muted">That is everything{isFiltered ? ' that matches' : ''}.</p>
            )}
          </div>
        ) : null}
      </section>
    </div>
  );
}
