import { useState } from 'react';
import { Link } from 'react-router';
import { conflictOnField, mutationStatus } from '../../api/problem';
import { Button, ConfirmDialog, FormDialog, RelativeTime, TextField, useStatusMessage } from '../../components';
import { useFormFields } from '../auth/useFormErrors';
import { useDeleteSavedSearch, useSaveSearch } from './api';
import type { GeneList } from '../knowledge/api';
import { describeFilters, type VariantFilterValues } from '../knowledge/filters';
import type { SavedSearch } from './types';
import { NO_TABLE_FILTERS, variantSearchParams } from './useVariantFilters';

export interface SavedSearchesProps {
  orgId: string;
  workspaceId: string;
  analysisId: string;
  searches: readonly SavedSearch[];
  /** The filters in effect now (a saved search's and a filter set's under the panel's own): what "Save this search" keeps. */
  effective: VariantFilterValues;
  geneLists: readonly GeneList[];
}

/**
 * My saved searches: each opens the table with it (`?savedSearchId=…`), or is deleted after a confirmation; "Save this
 * search" keeps the filters in effect under a name, pinned to this analysis's annotation.
 */
export function SavedSearches({ orgId, workspaceId, analysisId, searches, effective, geneLists }: SavedSearchesProps) {
  const announce = useStatusMessage();
  const remove = useDeleteSavedSearch(orgId);
  const [open, setOpen] = useState<{ kind: 'save' } | { kind: 'delete'; search: SavedSearch } | null>(null);

  return (
    <section className="variants-panel__group" aria-labelledby="saved-searches">
      <h2 id="saved-searches" className="card__title">
        My saved searches
      </h2>
      {searches.length === 0 ? (
        <p className="muted">None yet. Filter the table, then save the search to come back to it on any analysis.</p>
      ) : (
        <ul className="saved-searches">
          {searches.map((s) => (
            <li key={s.id} className="saved-searches__item">
              <span className="saved-searches__name">
                <Link to={`?${variantSearchParams({ ...NO_TABLE_FILTERS, savedSearchId: s.id })}`} aria-label={`Open saved search ${s.name}`}>
                  {s.name}
                </Link>
                <span className="saved-searches__meta muted">
                  {s.annotation ? `on ${s.annotation} · ` : ''}
                  <RelativeTime value={s.createdAt} />
                </span>
              </span>
              <Button variant="ghost-danger" aria-label={`Delete saved search ${s.name}`} onClick={() => setOpen({ kind: 'delete', search: s })}>
                Delete
              </Button>
            </li>
          ))}
        </ul>
      )}
      <div>
        <Button variant="secondary" onClick={() => setOpen({ kind: 'save' })}>
          Save this search
        </Button>
      </div>

      {open?.kind === 'save' ? (
        <SaveSearchDialog
          orgId={orgId}
          workspaceId={workspaceId}
          analysisId={analysisId}
          effective={effective}
          summary={describeFilters(effective, effective.geneListId ? (geneLists.find((l) => l.id === effective.geneListId)?.name ?? null) : undefined)}
          onClose={() => setOpen(null)}
        />
      ) : null}
      {open?.kind === 'delete' ? (
        <ConfirmDialog
          title="Delete this saved search?"
          tone="danger"
          actionLabel="Delete saved search"
          busyLabel="Deleting…"
          {...mutationStatus(remove)}
          onCancel={() => {
            remove.reset();
            setOpen(null);
          }}
          onConfirm={() =>
            remove.mutate(open.search.id, {
              onSuccess: () => {
                announce(`Saved search “${open.search.name}” deleted.`);
                remove.reset();
                setOpen(null);
              },
            })
          }
        >
          <p>
            Delete <strong>{open.search.name}</strong>? Tables opened with it keep their filters until they are changed.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

function SaveSearchDialog({
  orgId,
  workspaceId,
  analysisId,
  effective,
  summary,
  onClose,
}: {
  orgId: string;
  workspaceId: string;
  analysisId: string;
  effective: VariantFilterValues;
  /** The filters in plain words. */
  summary: string;
  onClose: () => void;
}) {
  const announce = useStatusMessage();
  const save = useSaveSearch(orgId);
  // A 409 (I already have a search of that name) belongs next to the name.
  const form = useFormFields(['name'], { name: '' }, conflictOnField(save.error, 'name'));

  function submit() {
    const name = form.values.name.trim();
    if (!form.validate({ name: name ? [] : ['Name the search.'] })) return;
    save.mutate(
      { name, filters: effective, workspaceId, analysisId },
      {
        onSuccess: (saved) => {
          announce(`Search “${saved.name}” saved.`);
          onClose();
        },
      },
    );
  }

  return (
    <FormDialog
      title="Save this search"
      description="The filters in effect now are kept under a name, with this analysis's annotation."
      onClose={onClose}
      onSubmit={submit}
      busy={save.isPending}
      submitLabel="Save search"
      busyLabel="Saving…"
      errorTitle="The search could not be saved"
      summary={form.summary}
      alertRef={form.alertRef}
    >
      <TextField label="Name" maxLength={100} autoComplete="off" {...form.input('name')} />
      <dl className="details details--stacked">
        <div>
          <dt>Filters</dt>
          <dd>{summary}</dd>
        </div>
      </dl>
    </FormDialog>
  );
}
