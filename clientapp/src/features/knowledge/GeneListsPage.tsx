import { useState } from 'react';
import { conflictOnField, mutationStatus } from '../../api/problem';
import {
  ActionsHeader,
  Alert,
  Button,
  ConfirmDialog,
  DataTable,
  Dialog,
  formatDate,
  formatDateTime,
  FormDialog,
  LoadingState,
  RetryAlert,
  RowActions,
  TextAreaField,
  TextField,
  usePageTitle,
  useStatusMessage,
} from '../../components';
import { useFormFields } from '../auth/useFormErrors';
import { useCurrentOrgId, usePermissions } from '../organizations/permissions';
import { useCreateGeneList, useDeleteGeneList, useFilterSets, useGeneLists, useUpdateGeneList, type GeneList } from './api';
import { checkGenes, firstGenes, GENE_LIST_NAME_MAX, geneCount, parseGenes } from './genes';
import './knowledge.css';

type Open =
  | { kind: 'create' }
  | { kind: 'view'; list: GeneList }
  | { kind: 'edit'; list: GeneList }
  | { kind: 'delete'; list: GeneList }
  | null;

/**
 * /orgs/:orgId/gene-lists: the organization's gene lists (panels), by name. Every member reads them (a variant filter or
 * a filter set keeps the variants of a list's genes); variants.classify creates, changes and deletes them.
 */
export default function GeneListsPage() {
  usePageTitle('Gene lists');
  const orgId = useCurrentOrgId()!;
  const { can } = usePermissions(orgId);
  const canWrite = can('variants.classify');
  const geneLists = useGeneLists(orgId);
  const [open, setOpen] = useState<Open>(null);
  const lists = geneLists.data ?? [];

  return (
    <div className="page">
      <header className="page__header page__header--split">
        <div>
          <h1 className="page__title">Gene lists</h1>
          <p className="page__subtitle">
            Named lists of genes (panels) shared in the organization. Variant filters and filter sets use them to keep
            only the variants in a list’s genes.
          </p>
        </div>
        {canWrite ? <Button onClick={() => setOpen({ kind: 'create' })}>New gene list</Button> : null}
      </header>

      {!canWrite ? <Alert tone="info">Creating, changing and deleting gene lists takes the permission to classify variants.</Alert> : null}

      <section className="card card--flush" aria-labelledby="gene-lists-title">
        <div className="people__header">
          <h2 id="gene-lists-title" className="card__title">
            Lists of the organization
          </h2>
        </div>
        {geneLists.isPending ? <LoadingState label="Loading gene lists…" /> : null}
        {geneLists.isError ? (
          <div className="people__message">
            <RetryAlert title="Gene lists could not be loaded" message={geneLists.error.message} onRetry={() => void geneLists.refetch()} />
          </div>
        ) : null}
        {geneLists.isSuccess && lists.length === 0 ? (
          <div className="people__message empty">
            <p className="empty__title">No gene lists yet</p>
            <p className="empty__text muted">
              {canWrite ? 'Create one by pasting its genes, e.g. a panel’s gene column from a spreadsheet.' : 'Someone who classifies variants can create them.'}
            </p>
          </div>
        ) : null}
        {lists.length > 0 ? (
          <DataTable
            caption="Gene lists"
            columns={
              <>
                <th scope="col">Name</th>
                <th scope="col">Genes</th>
                <th scope="col">Updated</th>
                <ActionsHeader />
              </>
            }
          >
            {lists.map((l) => (
              <tr key={l.id}>
                <th scope="row" className="table__primary">
                  <span className="table__name wrap-anywhere">{l.name}</span>
                </th>
                <td>
                  <span className="gene-count nowrap">{geneCount(l.genes.length)}</span>
                  <span className="table__secondary wrap-anywhere">{firstGenes(l.genes)}</span>
                </td>
                <td>
                  {l.updatedBy.displayName}
                  <span className="table__secondary">
                    <time dateTime={l.updatedAt} title={formatDateTime(l.updatedAt)}>
                      {formatDate(l.updatedAt)}
                    </time>
                  </span>
                </td>
                <RowActions>
                  <Button variant="secondary" aria-label={`View genes of ${l.name}`} onClick={() => setOpen({ kind: 'view', list: l })}>
                    View genes
                  </Button>
                  {canWrite ? (
                    <>
                      <Button variant="secondary" aria-label={`Edit ${l.name}`} onClick={() => setOpen({ kind: 'edit', list: l })}>
                        Edit
                      </Button>
                      <Button variant="ghost-danger" aria-label={`Delete ${l.name}`} onClick={() => setOpen({ kind: 'delete', list: l })}>
                        Delete
                      </Button>
                    </>
                  ) : null}
                </RowActions>
              </tr>
            ))}
          </DataTable>
        ) : null}
      </section>

      {open?.kind === 'view' ? <GenesDialog list={open.list} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'create' ? <GeneListDialog orgId={orgId} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'edit' ? <GeneListDialog orgId={orgId} list={open.list} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'delete' ? <DeleteGeneListDialog orgId={orgId} list={open.list} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}

/** Every gene of a list, in the order it was given. */
function GenesDialog({ list, onClose }: { list: GeneList; onClose: () => void }) {
  return (
    <Dialog
      title={list.name}
      description={`${geneCount(list.genes.length)} · updated by ${list.updatedBy.displayName}, ${formatDateTime(list.updatedAt)}`}
      onClose={onClose}
    >
      {/* Focusable, so that a long list can be scrolled with the keyboard. */}
      <div className="gene-names" role="region" aria-label={`Genes of ${list.name}`} tabIndex={0}>
        <ul>
          {list.genes.map((g) => (
            <li key={g}>{g}</li>
          ))}
        </ul>
      </div>
      <div className="dialog__actions">
        <Button onClick={onClose}>Close</Button>
      </div>
    </Dialog>
  );
}

const fields = ['name', 'genes'] as const;

interface GeneListDialogProps {
  orgId: string;
  /** Editing (PUT: the name and the whole list); creating without it. */
  list?: GeneList;
  onClose: () => void;
}

/** Name and genes, pasted or typed: separated by commas, spaces, semicolons or new lines; the count shown as it changes. */
function GeneListDialog({ orgId, list, onClose }: GeneListDialogProps) {
  const create = useCreateGeneList(orgId);
  const update = useUpdateGeneList(orgId, list?.id ?? '');
  const save = list ? update : create;
  const announce = useStatusMessage();
  // "The name is taken" (409) belongs next to the name.
  const form = useFormFields(fields, { name: list?.name ?? '', genes: list?.genes.join(', ') ?? '' }, conflictOnField(save.error, 'name'));
  const name = form.values.name.trim();
  const { genes, repeated } = parseGenes(form.values.genes);

  function submit() {
    const ok = form.validate({
      name: !name ? ['Enter a name for the gene list.'] : name.length > GENE_LIST_NAME_MAX ? [`A name has at most ${GENE_LIST_NAME_MAX} characters.`] : [],
      genes: checkGenes(genes),
    });
    if (!ok) {
      save.reset();
      return;
    }
    const done = {
      onSuccess: () => {
        announce(list ? `Gene list “${name}” saved.` : `Gene list “${name}” created with ${geneCount(genes.length)}.`);
        onClose();
      },
    };
    if (list) update.mutate({ name, genes }, done);
    else create.mutate({ name, genes }, done);
  }

  return (
    <FormDialog
      title={list ? `Edit “${list.name}”` : 'New gene list'}
      formLabel={list ? `Edit ${list.name}` : 'New gene list'}
      description={list ? 'Saving replaces the list’s genes with those below.' : undefined}
      onClose={onClose}
      onSubmit={submit}
      busy={save.isPending}
      submitLabel={list ? 'Save changes' : 'Create gene list'}
      busyLabel="Saving…"
      errorTitle="The gene list could not be saved"
      summary={form.summary}
      alertRef={form.alertRef}
    >
      <TextField {...form.input('name')} label="Name" required autoComplete="off" hint="Unique in the organization, e.g. Cardiomyopathy panel v2." />
      <TextAreaField
        {...form.input('genes')}
        label="Genes"
        required
        rows={8}
        autoComplete="off"
        spellCheck={false}
        hint={
          <>
            Separate them with commas, spaces, semicolons or new lines: a column pasted from a spreadsheet works. Repeated
            names count once.{' '}
            <strong className="gene-count" role="status">
              {geneCount(genes.length)}
              {repeated > 0 ? ` (${repeated} repeated ${repeated === 1 ? 'name' : 'names'} left out)` : ''}
            </strong>
          </>
        }
      />
    </FormDialog>
  );
}

/** Confirms deleting a list, naming the filter sets that use it (the variant table refuses them until they are changed). */
function DeleteGeneListDialog({ orgId, list, onClose }: { orgId: string; list: GeneList; onClose: () => void }) {
  const remove = useDeleteGeneList(orgId);
  const announce = useStatusMessage();
  const filterSets = useFilterSets(orgId);
  const users = (filterSets.data ?? []).filter((s) => s.filters.geneListId === list.id);
  return (
    <ConfirmDialog
      title="Delete gene list"
      tone="danger"
      actionLabel="Delete gene list"
      busyLabel="Deleting…"
      {...mutationStatus(remove)}
      onCancel={onClose}
      onConfirm={() =>
        remove.mutate(list.id, {
          onSuccess: () => {
            announce(`Gene list “${list.name}” deleted.`);
            onClose();
          },
        })
      }
    >
      <p>
        Delete <strong>{list.name}</strong> ({geneCount(list.genes.length)})? Analyses already run are not changed.
      </p>
      {users.length > 0 ? (
        <p>
          {users.length === 1 ? 'The filter set ' : 'The filter sets '}
          {users.map((s, i) => (
            <span key={s.id}>
              {i > 0 ? ', ' : null}
              <strong>{s.name}</strong>
            </span>
          ))}{' '}
          {users.length === 1 ? 'uses it: it' : 'use it: they'} can no longer be applied until another gene list is chosen.
        </p>
      ) : null}
    </ConfirmDialog>
  );
}
