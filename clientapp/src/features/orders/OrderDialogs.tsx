import { useId, useMemo, useState } from 'react';
import { Button, FieldErrors, FormDialog, LoadingState, RetryAlert, useStatusMessage } from '../../components';
import { useFormFields } from '../auth/useFormErrors';
import { useCreateOrder, useUpdateOrder, type Order } from './api';
import { DETAIL_FIELDS, detailBody, detailErrors, detailValues, OrderDetailFields } from './OrderFields';
import { hpoProblemOnField, useSampleLookup } from './OrderParts';

const createFields = ['sampleIds', ...DETAIL_FIELDS] as const;

interface CreateOrderDialogProps {
  orgId: string;
  workspaceId: string;
  onClose: () => void;
  onCreated: (order: Order) => void;
}

/** A new order (orders.manage): the samples it is for, ticked among the workspace's, and its details. */
export function CreateOrderDialog({ orgId, workspaceId, onClose, onCreated }: CreateOrderDialogProps) {
  const create = useCreateOrder(orgId, workspaceId);
  const announce = useStatusMessage();
  const { table, samples } = useSampleLookup(orgId, workspaceId);
  const error = useMemo(() => hpoProblemOnField(create.error), [create.error]);
  const { values, summary, validate, input, field, alertRef } = useFormFields(createFields, detailValues(), error);
  const [sampleIds, setSampleIds] = useState<string[]>([]);
  const id = useId();
  const samplesField = field('sampleIds');
  const errorId = samplesField.errors ? `${id}-samples-error` : undefined;
  const hintId = `${id}-samples-hint`;

  function onSubmit() {
    const ok = validate({ sampleIds: sampleIds.length === 0 ? ['Choose the samples the test is for.'] : [], ...detailErrors(values) });
    if (!ok) {
      create.reset();
      return;
    }
    create.mutate(
      { sampleIds, ...detailBody(values) },
      {
        onSuccess: (order) => {
          announce(`Order “${order.test}” recorded.`);
          onCreated(order);
        },
      },
    );
  }

  function toggle(sampleId: string, checked: boolean) {
    setSampleIds((current) => (checked ? [...current, sampleId] : current.filter((x) => x !== sampleId)));
  }

  return (
    <FormDialog
      title="New order"
      description="A test ordered for samples of this workspace. Fields marked required must be filled in."
      onClose={onClose}
      onSubmit={onSubmit}
      busy={create.isPending}
      submitLabel="Create order"
      busyLabel="Creating…"
      errorTitle="The order could not be created"
      summary={summary}
      alertRef={alertRef}
    >
      <fieldset className={errorId ? 'checklist field--invalid' : 'checklist'} aria-describedby={[errorId, hintId].filter(Boolean).join(' ')}>
        <legend className="field__label">Samples (required)</legend>
        <p className="field__hint" id={hintId}>
          The samples the test is for, of one subject.
        </p>
        {table.isPending ? <LoadingState label="Loading samples…" /> : null}
        {table.isError ? <RetryAlert title="The samples could not be loaded" message={table.error.message} onRetry={() => void table.refetch()} /> : null}
        {table.isSuccess && samples.length === 0 ? <p className="muted">This workspace has no samples you can see.</p> : null}
        {samples.length > 0 ? (
          <div className="order-choices">
            {samples.map((s, i) => (
              <label key={s.id} className="checklist__item">
                <input
                  type="checkbox"
                  name="sampleIds"
                  value={s.id}
                  ref={i === 0 ? (el) => samplesField.ref(el) : undefined}
                  checked={sampleIds.includes(s.id)}
                  onChange={(e) => toggle(s.id, e.target.checked)}
                  disabled={create.isPending}
                />
                {s.subject ? `${s.name} (${s.assay}, subject ${s.subject.externalId})` : `${s.name} (${s.assay})`}
              </label>
            ))}
          </div>
        ) : null}
        {table.hasNextPage ? (
          <Button variant="ghost" busy={table.isFetchingNextPage} busyLabel="Loading…" onClick={() => void table.fetchNextPage()}>
            Show more samples
          </Button>
        ) : null}
        <FieldErrors id={errorId} errors={samplesField.errors} />
      </fieldset>
      <OrderDetailFields input={input} />
    </FormDialog>
  );
}

interface EditOrderDialogProps {
  orgId: string;
  workspaceId: string;
  order: Order;
  onClose: () => void;
}

/** The order's details (orders.manage), saved together in one PATCH. */
export function EditOrderDialog({ orgId, workspaceId, order, onClose }: EditOrderDialogProps) {
  const update = useUpdateOrder(orgId, workspaceId, order.id);
  const announce = useStatusMessage();
  const error = useMemo(() => hpoProblemOnField(update.error), [update.error]);
  const { values, summary, validate, input, alertRef } = useFormFields(DETAIL_FIELDS, detailValues(order), error);

  function onSubmit() {
    if (!validate(detailErrors(values))) {
      update.reset();
      return;
    }
    update.mutate(detailBody(values), {
      onSuccess: (saved) => {
        announce(`Order “${saved.test}” saved.`);
        onClose();
      },
    });
  }

  return (
    <FormDialog
      title="Edit order details"
      onClose={onClose}
      onSubmit={onSubmit}
      busy={update.isPending}
      submitLabel="Save"
      busyLabel="Saving…"
      errorTitle="The order could not be saved"
      summary={summary}
      alertRef={alertRef}
    >
      <OrderDetailFields input={input} />
    </FormDialog>
  );
}
