import { useState } from 'react';
import { conflictOnField } from '../../api/problem';
import { Alert, Button, FormDialog, LoadingState, RetryAlert, TextField, usePageTitle, useStatusMessage } from '../../components';
import { useFormFields } from '../auth/useFormErrors';
import { useCurrentOrgId, usePermissions } from '../organizations/permissions';
import { useAddAssay, useAssays } from './api';

/** The server's limit (AddAssay: 1–64 characters). */
export const ASSAY_NAME_MAX_LENGTH = 64;

/**
 * /orgs/:orgId/assays: the organization's assay list (what a sample is defined with, and what the analyses table filters
 * by). Every member may read it; organization.settings.manage adds to it (the server has no rename or removal).
 */
export default function AssaysPage() {
  usePageTitle('Assays');
  const orgId = useCurrentOrgId()!;
  const { can } = usePermissions(orgId);
  const canAdd = can('organization.settings.manage');
  const assays = useAssays(orgId);
  const [adding, setAdding] = useState(false);

  return (
    <div className="page page--medium">
      <header className="page__header page__header--split">
        <div>
          <h1 className="page__title">Assays</h1>
          <p className="page__subtitle">
            The assays samples are defined with (whole genome, exome, gene panel…). They are offered in the sample form and
            in the analyses table’s filter.
          </p>
        </div>
        {canAdd ? <Button onClick={() => setAdding(true)}>Add assay</Button> : null}
      </header>

      {!canAdd ? (
        <Alert tone="info">Adding assays takes the permission to manage the organization’s settings.</Alert>
      ) : null}
      {assays.isPending ? <LoadingState label="Loading assays…" /> : null}
      {assays.isError ? (
        <RetryAlert title="Assays could not be loaded" message={assays.error.message} onRetry={() => void assays.refetch()} />
      ) : null}
      {assays.data ? (
        <section className="card" aria-labelledby="assay-list">
          <h2 id="assay-list" className="card__title">
            {assays.data.length === 1 ? '1 assay' : `${assays.data.length} assays`}
          </h2>
          {assays.data.length === 0 ? (
            <p className="muted">The list is empty.</p>
          ) : (
            <ul className="list" aria-labelledby="assay-list">
              {assays.data.map((a) => (
                <li key={a.name} className="list__item">
                  <span className="list__primary wrap-anywhere">{a.name}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      {adding ? <AddAssayDialog orgId={orgId} onClose={() => setAdding(false)} /> : null}
    </div>
  );
}

const fields = ['name'] as const;

function AddAssayDialog({ orgId, onClose }: { orgId: string; onClose: () => void }) {
  const add = useAddAssay(orgId);
  const announce = useStatusMessage();
  // "Already on the list" (409) belongs next to the name.
  const { values, summary, validate, input, alertRef } = useFormFields(fields, { name: '' }, conflictOnField(add.error, 'name'));
  const name = values.name.trim();

  function onSubmit() {
    const errors = !name
      ? ['Enter a name for the assay.']
      : name.length > ASSAY_NAME_MAX_LENGTH
        ? [`Use at most ${ASSAY_NAME_MAX_LENGTH} characters.`]
        : [];
    if (!validate({ name: errors })) {
      add.reset();
      return;
    }
    add.mutate(
      { name },
      {
        onSuccess: () => {
          announce(`Assay “${name}” added.`);
          onClose();
        },
      },
    );
  }

  return (
    <FormDialog
      title="Add assay"
      description="It is offered for every new sample at once. Names are unique, whatever their case."
      onClose={onClose}
      onSubmit={onSubmit}
      busy={add.isPending}
      submitLabel="Add assay"
      busyLabel="Adding…"
      errorTitle="The assay could not be added"
      summary={summary}
      alertRef={alertRef}
    >
      <TextField
        {...input('name')}
        label="Assay name"
        required
        autoComplete="off"
        hint={`At most ${ASSAY_NAME_MAX_LENGTH} characters, e.g. Cardiac panel v2.`}
      />
    </FormDialog>
  );
}
