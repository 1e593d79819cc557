import { useState } from 'react';
import { conflictOnField, mutationStatus } from '../../api/problem';
import {
  ActionsHeader,
  Alert,
  Button,
  ConfirmDialog,
  DataTable,
  formatDate,
  formatDateTime,
  FormDialog,
  LoadingState,
  RetryAlert,
  RowActions,
  TextField,
  usePageTitle,
  useStatusMessage,
} from '../../components';
import { useFormFields } from '../auth/useFormErrors';
import { useCurrentOrgId, usePermissions } from '../organizations/permissions';
import { useCreateFilterSet, useDeleteFilterSet, useFilterSets, useGeneLists, useUpdateFilterSet, type FilterSet, type GeneList } from './api';
import {
  checkFilters,
  describeFilters,
  FILTER_KEYS,
  filterField,
  filtersOf,
  filtersToSend,
  FILTER_SET_NAME_MAX,
  type FilterErrors,
  type VariantFilterValues,
} from './filters';
import { VariantFilterFields } from './VariantFilterFields';

type Open = { kind: 'create' } | { kind: 'edit'; set: FilterSet } | { kind: 'delete'; set: FilterSet } | null;

/** The name of a filter's gene list: undefined while the lists load, null when it no longer exists. */
function geneListName(filters: VariantFilterValues, lists: readonly GeneList[] | undefined): string | null | undefined {
  if (!filters.geneListId || !lists) return undefined;
  return lists.find((l) => l.id === filters.geneListId)?.name ?? null;
}

/**
 * /orgs/:orgId/filter-sets: the organization's shared variant filters, by name, each summed up in a line. Every member
 * reads them (and applies them on an analysis's variants); variants.classify creates, changes and deletes them.
 */
export default function FilterSetsPage() {
  usePageTitle('Filter sets');
  const orgId = useCurrentOrgId()!;
  const { can } = usePermissions(orgId);
  const canWrite = can('variants.classify');
  const filterSets = useFilterSets(orgId);
  const geneLists = useGeneLists(orgId);
  const [open, setOpen] = useState<Open>(null);
  const sets = filterSets.data ?? [];

  return (
    <div className="page">
      <header className="page__header page__header--split">
        <div>
          <h1 className="page__title">Filter sets</h1>
          <p className="page__subtitle">
            Named variant filters shared in the organization, e.g. rare damaging variants. Applied on an analysis’s
            variants in one step; filters added there come on top.
          </p>
        </div>
        {canWrite ? <Button onClick={() => setOpen({ kind: 'create' })}>New filter set</Button> : null}
      </header>

      {!canWrite ? <Alert tone="info">Creating, changing and deleting filter sets takes the permission to classify variants.</Alert> : null}

      <section className="card card--flush" aria-labelledby="filter-sets-title">
        <div className="people__header">
          <h2 id="filter-sets-title" className="card__title">
            Filter sets of the organization
          </h2>
        </div>
        {filterSets.isPending ? <LoadingState label="Loading filter sets…" /> : null}
        {filterSets.isError ? (
          <div className="people__message">
            <RetryAlert title="Filter sets could not be loaded" message={filterSets.error.message} onRetry={() => void filterSets.refetch()} />
          </div>
        ) : null}
        {filterSets.isSuccess && sets.length === 0 ? (
          <div className="people__message empty">
            <p className="empty__title">No filter sets yet</p>
            <p className="empty__text muted">
              {canWrite ? 'Create one to let everyone apply the same filters to their variants.' : 'Someone who classifies variants can create them.'}
            </p>
          </div>
        ) : null}
        {sets.length > 0 ? (
          <DataTable
            caption="Filter sets"
            columns={
              <>
                <th scope="col">Name</th>
                <th scope="col">Filters</th>
                <th scope="col">Updated</th>
                {canWrite ? <ActionsHeader /> : null}
              </>
            }
          >
            {sets.map((s) => (
              <tr key={s.id}>
                <th scope="row" className="table__primary">
                  <span className="table__name wrap-anywhere">{s.name}</span>
                </th>
                <td className="wrap-anywhere">{describeFilters(filtersOf(s.filters), geneListName(filtersOf(s.filters), geneLists.data))}</td>
                <td>
                  {s.updatedBy.displayName}
                  <span className="table__secondary">
                    <time dateTime={s.updatedAt} title={formatDateTime(s.updatedAt)}>
                      {formatDate(s.updatedAt)}
                    </time>
                  </span>
                </td>
                {canWrite ? (
                  <RowActions>
                    <Button variant="secondary" aria-label={`Edit ${s.name}`} onClick={() => setOpen({ kind: 'edit', set: s })}>
                      Edit
                    </Button>
                    <Button variant="ghost-danger" aria-label={`Delete ${s.name}`} onClick={() => setOpen({ kind: 'delete', set: s })}>
                      Delete
                    </Button>
                  </RowActions>
                ) : null}
              </tr>
            ))}
          </DataTable>
        ) : null}
      </section>

      {open?.kind === 'create' ? <FilterSetDialog orgId={orgId} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'edit' ? <FilterSetDialog orgId={orgId} set={open.set} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'delete' ? <DeleteFilterSetDialog orgId={orgId} set={open.set} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}

const fields = ['name', ...FILTER_KEYS.map(filterField)] as const;

interface FilterSetDialogProps {
  orgId: string;
  /** Editing (PUT: the name and every filter); creating without it. */
  set?: FilterSet;
  onClose: () => void;
}

/** The name and the filters (VariantFilterFields); the server's `filters.<key>` errors are shown at their fields. */
function FilterSetDialog({ orgId, set, onClose }: FilterSetDialogProps) {
  const create = useCreateFilterSet(orgId);
  const update = useUpdateFilterSet(orgId, set?.id ?? '');
  const save = set ? update : create;
  const announce = useStatusMessage();
  const [filters, setFilters] = useState<VariantFilterValues>(() => filtersOf(set?.filters));
  // "The name is taken" (409) belongs next to the name.
  const form = useFormFields(fields, { name: set?.name ?? '' }, conflictOnField(save.error, 'name'));
  const name = form.values.name.trim();
  const filterErrors: FilterErrors = {};
  for (const key of FILTER_KEYS) {
    const messages = form.fieldErrors[filterField(key)];
    if (messages) filterErrors[key] = messages;
  }

  function submit() {
    const errors: Partial<Record<(typeof fields)[number], string[]>> = {
      name: !name ? ['Enter a name for the filter set.'] : name.length > FILTER_SET_NAME_MAX ? [`A name has at most ${FILTER_SET_NAME_MAX} characters.`] : [],
    };
    const filterProblems = checkFilters(filters);
    for (const key of FILTER_KEYS) errors[filterField(key)] = filterProblems[key] ?? [];
    if (!form.validate(errors)) {
      save.reset();
      return;
    }
    const body = { name, filters: filtersToSend(filters) };
    const done = {
      onSuccess: () => {
        announce(set ? `Filter set “${name}” saved.` : `Filter set “${name}” created.`);
        onClose();
      },
    };
    if (set) update.mutate(body, done);
    else create.mutate(body, done);
  }

  return (
    <FormDialog
      title={set ? `Edit “${set.name}”` : 'New filter set'}
      formLabel={set ? `Edit ${set.name}` : 'New filter set'}
      onClose={onClose}
      onSubmit={submit}
      busy={save.isPending}
      submitLabel={set ? 'Save changes' : 'Create filter set'}
      busyLabel="Saving…"
      errorTitle="The filter set could not be saved"
      summary={form.summary}
      alertRef={form.alertRef}
    >
      <TextField {...form.input('name')} label="Name" required autoComplete="off" hint="Unique in the organization, e.g. Rare damaging." />
      <fieldset className="checklist form__group">
        <legend className="field__label">Filters</legend>
        <p className="field__hint">A variant is kept when it passes every filter used; leave a filter empty not to use it.</p>
        <VariantFilterFields
          orgId={orgId}
          value={filters}
          onChange={setFilters}
          errors={filterErrors}
          fieldRef={(key) => form.fieldRef(filterField(key))}
          disabled={save.isPending}
        />
      </fieldset>
    </FormDialog>
  );
}

function DeleteFilterSetDialog({ orgId, set, onClose }: { orgId: string; set: FilterSet; onClose: () => void }) {
  const remove = useDeleteFilterSet(orgId);
  const announce = useStatusMessage();
  return (
    <ConfirmDialog
      title="Delete filter set"
      tone="danger"
      actionLabel="Delete filter set"
      busyLabel="Deleting…"
      {...mutationStatus(remove)}
      onCancel={onClose}
      onConfirm={() =>
        remove.mutate(set.id, {
          onSuccess: () => {
            announce(`Filter set “${set.name}” deleted.`);
            onClose();
          },
        })
      }
    >
      <p>
        Delete <strong>{set.name}</strong>? It can no longer be applied to variants; classifications, notes and tags are
        not affected.
      </p>
    </ConfirmDialog>
  );
}
