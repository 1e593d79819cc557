import { useId, useState } from 'react';
import { Button, DataTable, FieldErrors, formatDateTime, FormDialog, LoadingState, RelativeTime, RetryAlert, TextAreaField, useStatusMessage } from '../../components';
import { useFormFields } from '../auth/useFormErrors';
import { useClassification, useClassify } from './api';
import { isTier, TIERS, type Classification } from './types';
import { ClassificationBadge } from './VariantParts';

/** The longest evidence the server keeps. */
const EVIDENCE_MAX = 8000;

/**
 * The organization's classification of the variant key: the current tier, who gave it and when, its evidence, and every
 * earlier one (newest first). With variants.classify, "Classify" opens the dialog.
 */
export function ClassificationSection({ orgId, variantKey, name, canClassify }: { orgId: string; variantKey: string; name: string; canClassify: boolean }) {
  const classification = useClassification(orgId, variantKey);
  const [open, setOpen] = useState(false);
  const c = classification.data;
  // Every classification given, newest first: the first is the current one.
  const history = c?.history ?? [];

  return (
    <section className="card" aria-labelledby="variant-classification">
      <div className="card__header">
        <h2 id="variant-classification" className="card__title">
          Classification
        </h2>
        {canClassify && c ? (
          <Button variant="secondary" onClick={() => setOpen(true)}>
            {c.classification ? 'Reclassify' : 'Classify'}
          </Button>
        ) : null}
      </div>
      {classification.isPending ? <LoadingState label="Loading the classification…" /> : null}
      {classification.isError ? (
        <RetryAlert title="The classification could not be loaded" message={classification.error.message} onRetry={() => void classification.refetch()} />
      ) : null}
      {c ? (
        <div className="classification">
          <p>
            <ClassificationBadge value={c.classification} />
            {c.classification && c.classifiedBy && c.classifiedAt ? (
              <span className="muted">
                {' '}
                by {c.classifiedBy.displayName}, <RelativeTime value={c.classifiedAt} />
              </span>
            ) : (
              <span className="muted"> Not classified in this organization yet.</span>
            )}
          </p>
          {c.classification ? (
            c.evidence ? (
              <p className="classification__evidence">{c.evidence}</p>
            ) : (
              <p className="muted">No evidence was given.</p>
            )
          ) : null}
          {history.length > 0 ? (
            <>
              <h3 className="card__title">History</h3>
              <DataTable
                caption={`Classification history of ${name}`}
                columns={
                  <>
                    <th scope="col">Classification</th>
                    <th scope="col">Evidence</th>
                    <th scope="col">By</th>
                    <th scope="col">When</th>
                  </>
                }
              >
                {history.map((h, i) => (
                  <tr key={`${h.changedAt}-${i}`}>
                    <td className="nowrap">
                      <ClassificationBadge value={h.classification} />
                    </td>
                    <td className="classification__evidence">{h.evidence || <span className="muted">None given</span>}</td>
                    <td className="nowrap">{h.changedBy.displayName}</td>
                    <td className="nowrap">
                      <time dateTime={h.changedAt}>{formatDateTime(h.changedAt)}</time>
                    </td>
                  </tr>
                ))}
              </DataTable>
            </>
          ) : null}
        </div>
      ) : null}
      {open && c ? <ClassifyDialog orgId={orgId} variantKey={variantKey} name={name} current={c} onClose={() => setOpen(false)} /> : null}
    </section>
  );
}

/** Five tiers as radio buttons and the evidence; PUT {classification, evidence}. Errors as the other dialogs show them. */
export function ClassifyDialog({
  orgId,
  variantKey,
  name,
  current,
  onClose,
}: {
  orgId: string;
  variantKey: string;
  name: string;
  current: Classification;
  onClose: () => void;
}) {
  const id = useId();
  const announce = useStatusMessage();
  const classify = useClassify(orgId, variantKey);
  const form = useFormFields(['classification', 'evidence'], { classification: current.classification ?? '', evidence: current.evidence ?? '' }, classify.error);
  const [tier, setTier] = useState(current.classification ?? '');
  const errorId = form.fieldErrors.classification ? `${id}-error` : undefined;

  function submit() {
    const evidence = form.values.evidence.trim();
    const ok = form.validate({
      classification: isTier(tier) ? [] : ['Choose a classification.'],
      evidence: evidence.length > EVIDENCE_MAX ? [`At most ${EVIDENCE_MAX.toLocaleString('en-US')} characters.`] : [],
    });
    if (!ok) return;
    classify.mutate(
      { classification: tier, evidence: evidence || null },
      {
        onSuccess: () => {
          announce(`${name} classified as ${TIERS.find((t) => t.value === tier)?.label.toLowerCase() ?? tier}.`);
          onClose();
        },
      },
    );
  }

  return (
    <FormDialog
      title="Classify this variant"
      description={`${name}. The classification applies across the organization; the earlier one stays in the history.`}
      onClose={onClose}
      onSubmit={submit}
      busy={classify.isPending}
      submitLabel="Save classification"
      busyLabel="Saving…"
      errorTitle="The classification could not be saved"
      summary={form.summary}
      alertRef={form.alertRef}
    >
      <fieldset className="checklist tier-choice" aria-describedby={errorId} aria-invalid={errorId ? true : undefined}>
        <legend className="field__label">Classification</legend>
        {TIERS.map((t, i) => (
          <label key={t.value} className="checklist__item">
            <input
              ref={i === 0 ? form.fieldRef('classification') : undefined}
              type="radio"
              name={`${id}-tier`}
              value={t.value}
              checked={tier === t.value}
              onChange={() => setTier(t.value)}
            />
            {t.label}
          </label>
        ))}
        <FieldErrors id={errorId} errors={form.fieldErrors.classification} />
      </fieldset>
      <TextAreaField
        label="Evidence"
        hint="The criteria met (e.g. PVS1, PM2) and the sources consulted."
        rows={6}
        maxLength={EVIDENCE_MAX}
        {...form.input('evidence')}
      />
    </FormDialog>
  );
}
