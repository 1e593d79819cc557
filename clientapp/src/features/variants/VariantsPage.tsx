import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/problem';
import { Alert, Button, LoadFailure, LoadingState, RetryAlert, usePageTitle } from '../../components';
import { runPagePath, runsPagePath, runTitle, usePipelineNames, useRun } from '../analyses/api';
import { useFilterSets, useGeneLists } from '../knowledge/api';
import { useSavedSearches, useVariantTable } from './api';
import { SavedSearches } from './SavedSearches';
import { VariantFilterPanel } from './VariantFilterPanel';
import { ColumnChooser, useHiddenColumns, VariantTable } from './VariantTable';
import { effectiveFilterValues, useVariantFilters } from './useVariantFilters';
import './variants.css';

/** "1,234 variants", "10,000+ variants" when the server stopped counting. */
export function variantTotal(total: number, capped: boolean): string {
  return `${total.toLocaleString('en-US')}${capped ? '+' : ''} ${total === 1 && !capped ? 'variant' : 'variants'}`;
}

/**
 * /orgs/:orgId/workspaces/:workspaceId/analyses/:analysisId/variants — the variants of a COMPLETE analysis: the filter
 * panel (kept in the query string; a saved search or a shared filter set under the panel's own filters), my saved
 * searches, the count and the annotation the variants were imported with, and the rows (virtualised, "Load more" over
 * the cursor); each row opens the variant's page. A run without variant data answers 409: its reason is shown.
 */
export default function VariantsPage() {
  const { orgId = '', workspaceId = '', analysisId = '' } = useParams();
  const run = useRun(orgId, workspaceId, analysisId);
  const pipelineNames = usePipelineNames(orgId);
  const title = run.data ? runTitle(run.data, pipelineNames) : 'Run';
  usePageTitle(run.data ? `Variants · ${title}` : 'Variants');
  const { filters, search, apply, reset, isFiltered } = useVariantFilters();
  const table = useVariantTable(orgId, workspaceId, analysisId, filters);
  const geneLists = useGeneLists(orgId);
  const filterSets = useFilterSets(orgId);
  const savedSearches = useSavedSearches(orgId);
  const columns = useHiddenColumns();

  if (run.isPending) return <LoadingState label="Loading variants…" />;
  if (run.isError)
    return (
      <LoadFailure noun="analysis" error={run.error} onRetry={() => void run.refetch()}>
        <Link to={runsPagePath(orgId, workspaceId)}>Back to the runs</Link>
      </LoadFailure>
    );

  const r = run.data;
  const samples = r.samples.map((s) => s.name).join(', ');
  const rows = table.data?.pages.flatMap((p) => p.items) ?? [];
  const first = table.data?.pages[0];
  const pageError = table.isError && !table.isFetchNextPageError ? table.error : null;
  const status = pageError instanceof ApiError ? pageError.status : null;
  // A refused filter (400): its field errors go next to the fields of the panel.
  const refused = status === 400 ? pageError : null;
  const effective = effectiveFilterValues(
    filters,
    filterSets.data?.find((f) => f.id === filters.filterSetId)?.filters,
    savedSearches.data?.find((s) => s.id === filters.savedSearchId)?.filters,
  );

  return (
    <div className="page">
      <header className="page__header">
        <p className="page__eyebrow">
          <Link to={runPagePath(orgId, workspaceId, analysisId)}>{title}</Link>
        </p>
        <h1 id="variants-heading" className="page__title">
          Variants
        </h1>
        <p className="page__subtitle">
          {title} on {samples}
          {first?.annotation ? (
            <>
              {' · '}Annotated with <strong>{first.annotation}</strong>
            </>
          ) : null}
        </p>
      </header>

      {first?.notice ? (
        <Alert tone="info" title="Saved on other annotation">
          {first.notice}
        </Alert>
      ) : null}

      <div className="variants-layout">
        <section className="card variants-panel" aria-labelledby="variant-filters">
          <h2 id="variant-filters" className="card__title">
            Filters
          </h2>
          <VariantFilterPanel
            orgId={orgId}
            filters={filters}
            search={search}
            onApply={apply}
            onReset={reset}
            serverError={refused}
            filterSets={filterSets.data ?? []}
            savedSearches={savedSearches.data ?? []}
          />
          <hr className="variants-rule" />
          <SavedSearches
            orgId={orgId}
            workspaceId={workspaceId}
            analysisId={analysisId}
            searches={savedSearches.data ?? []}
            effective={effective}
            geneLists={geneLists.data ?? []}
          />
        </section>

        <section className="card card--flush" aria-labelledby="variants-heading">
          <div className="variants-bar">
            <p className="muted" aria-live="polite">
              {first ? variantTotal(first.total, first.totalCapped) : '\u00a0'}
            </p>
            <ColumnChooser hidden={columns.hidden} onChange={columns.setShown} />
          </div>

          {table.isPending ? <LoadingState label="Loading variants…" /> : null}
          {pageError ? (
            <div className="people__message">
              {status === 409 ? (
                <Alert title="Variants are not available">{pageError.message}</Alert>
              ) : refused ? (
                <Alert title="These filters cannot be applied">
                  {pageError.message} Correct the highlighted filters, or reset them.
                </Alert>
              ) : status === 404 ? (
                <Alert title="Variants not found">This analysis does not exist or you cannot see its variants.</Alert>
              ) : (
                <RetryAlert title="Variants could not be loaded" message={pageError.message} onRetry={() => void table.refetch()} />
              )}
            </div>
          ) : null}
          {table.isSuccess && rows.length === 0 ? (
            <div className="people__message empty">
              {isFiltered ? (
                <>
                  <p className="empty__title">No variant matches these filters</p>
                  <p className="empty__text muted">Change the filters or reset them.</p>
                </>
              ) : (
                <p className="empty__title">This analysis has no variants</p>
              )}
            </div>
          ) : null}

          {rows.length > 0 ? (
            <VariantTable
              orgId={orgId}
              workspaceId={workspaceId}
              analysisId={analysisId}
              rows={rows}
              hidden={columns.hidden}
              caption={`Variants of ${title} on ${samples}`}
              total={first && !first.totalCapped ? first.total : null}
              busy={table.isPlaceholderData || (table.isFetching && !table.isFetchingNextPage)}
              search={search}
            />
          ) : null}

          {rows.length > 0 && (table.hasNextPage || table.isFetchNextPageError) ? (
            <div className="list-footer people__footer">
              {table.isFetchNextPageError ? <Alert>{table.error?.message}</Alert> : null}
              <Button variant="secondary" busy={table.isFetchingNextPage} busyLabel="Loading…" onClick={() => void table.fetchNextPage()}>
                Load more
              </Button>
              <p className="muted">
                {rows.length.toLocaleString('en-US')} of {first ? variantTotal(first.total, first.totalCapped) : 'the variants'} shown.
              </p>
            </div>
          ) : null}
        </section>
      </div>
    </div>
  );
}
