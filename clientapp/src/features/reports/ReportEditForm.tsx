import { useId, useState, type FormEvent } from 'react';
import { Button, FieldErrors, ProblemAlert, SelectField, TextAreaField, TextField, useStatusMessage } from '../../components';
import { useFormFields } from '../auth/useFormErrors';
import type { Variant } from '../variants/types';
import { DRAFT_STATUSES, useEditReport, type Report, type ReportVersion } from './api';
import { describeVariant, variantText } from './ReportParts';

const fields = ['title', 'status', 'interpretation', 'conclusion', 'limitations', 'filtersUsed', 'variantIds'] as const;

/** The server's limit on a title (as on a report's PDF). */
const TITLE_MAX_LENGTH = 200;

interface ReportEditFormProps {
  orgId: string;
  workspaceId: string;
  report: Report;
  /** The current version, a draft. */
  version: ReportVersion;
  /** The analysis's variants that may be added (its first page, most important first). */
  variants: readonly Variant[];
  byId: ReadonlyMap<number, Variant>;
}

/** The current draft's fields, saved together (PATCH …/reports/{id}, reports.write). */
export function ReportEditForm({ orgId, workspaceId, report, version, variants, byId }: ReportEditFormProps) {
  const edit = useEditReport(orgId, workspaceId, report.id);
  const announce = useStatusMessage();
  const id = useId();
  const { values, summary, validate, input, field, alertRef } = useFormFields(
    fields,
    {
      title: report.title,
      status: version.status,
      interpretation: version.interpretation ?? '',
      conclusion: version.conclusion ?? '',
      limitations: version.limitations ?? '',
      filtersUsed: version.filtersUsed ?? '',
    },
    edit.error,
  );
  const [variantIds, setVariantIds] = useState<number[]>(version.variantIds);
  const [toAdd, setToAdd] = useState('');
  const addable = variants.filter((v) => !variantIds.includes(v.id));
  const variantsField = field('variantIds');
  const errorId = variantsField.errors ? `${id}-variants-error` : undefined;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const title = values.title.trim();
    const ok = validate({
      title: !title ? ['Give the report a title.'] : title.length > TITLE_MAX_LENGTH ? [`Use at most ${TITLE_MAX_LENGTH} characters.`] : [],
    });
    if (!ok) {
      edit.reset();
      return;
    }
    const text = (value: string) => value.trim() || null;
    edit.mutate(
      {
        title,
        status: values.status,
        variantIds,
        interpretation: text(values.interpretation),
        conclusion: text(values.conclusion),
        limitations: text(values.limitations),
        filtersUsed: text(values.filtersUsed),
      },
      { onSuccess: () => announce(`Report “${title}” saved.`) },
    );
  }

  function add() {
    const chosen = Number(toAdd);
    if (!toAdd || variantIds.includes(chosen)) return;
    setVariantIds([...variantIds, chosen]);
    setToAdd('');
  }

  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-label={`Edit version ${version.number}`}>
      <ProblemAlert ref={alertRef} title="The report could not be saved" summary={summary} />
      <TextField {...input('title')} label="Title" required autoComplete="off" />
      <SelectField {...input('status')} label="Status" hint="How far the draft has come; it becomes final once signed.">
        {DRAFT_STATUSES.map((s) => (
          <option key={s.value} value={s.value}>
            {s.label}
          </option>
        ))}
      </SelectField>
      <fieldset className={errorId ? 'checklist field--invalid' : 'checklist'} aria-describedby={errorId}>
        <legend className="field__label">Variants</legend>
        {variantIds.length === 0 ? (
          <p className="muted">No variant chosen.</p>
        ) : (
          <ul className="report-variants">
            {variantIds.map((variantId) => {
              const name = variantText(variantId, byId);
              return (
                <li key={variantId} className="report-variants__item">
                  <span>{name}</span>
                  <Button
                    variant="ghost-danger"
                    ref={variantId === variantIds[0] ? (el) => variantsField.ref(el) : undefined}
                    aria-label={`Remove ${name}`}
                    onClick={() => setVariantIds(variantIds.filter((x) => x !== variantId))}
                  >
                    Remove
                  </Button>
                </li>
              );
            })}
          </ul>
        )}
        <FieldErrors id={errorId} errors={variantsField.errors} />
        {addable.length > 0 ? (
          <div className="report-variants__add">
            <SelectField name="addVariant" label="Add a variant" value={toAdd} onChange={(e) => setToAdd(e.target.value)}>
              <option value="">Choose a variant…</option>
              {addable.map((v) => (
                <option key={v.id} value={v.id}>
                  {describeVariant(v)}
                </option>
              ))}
            </SelectField>
            <Button variant="secondary" onClick={add} disabled={!toAdd}>
              Add
            </Button>
          </div>
        ) : null}
      </fieldset>
      <TextAreaField {...input('interpretation')} label="Interpretation" rows={5} />
      <TextAreaField {...input('conclusion')} label="Conclusion" rows={3} />
      <TextAreaField {...input('limitations')} label="Limitations" rows={3} />
      <TextAreaField {...input('filtersUsed')} label="Filters used" rows={2} hint="How the variants were chosen, as the PDF states it." />
      <div className="actions">
        <Button type="submit" busy={edit.isPending} busyLabel="Saving…">
          Save
        </Button>
      </div>
    </form>
  );
}
