import { type FormEvent } from 'react';
import type { StoragePreferences } from '../../api/types';
import { Alert, Button, LoadingState, ProblemAlert, TextField } from '../../components';
import { useFormFields } from '../auth/useFormErrors';
import { useSetStoragePreferences, useStoragePreferences } from './api';

const fields = ['deleteFastqDaysAfterAnalysis', 'deleteBamDaysAfterAnalysis'] as const;
export const MAX_RETENTION_DAYS = 3650;

/** "" → null (keep); a whole number of days 1…3650 → that number; anything else → an error message. */
export function parseDays(text: string): number | null | string {
  const value = text.trim();
  if (value === '') return null;
  if (!/^\d+$/.test(value)) return 'Enter a whole number of days, or leave it empty to keep the files.';
  const days = Number(value);
  if (days < 1 || days > MAX_RETENTION_DAYS) return `Enter between 1 and ${MAX_RETENTION_DAYS} days, or leave it empty to keep the files.`;
  return days;
}

/** Settings › Storage: how long FASTQ and BAM files are kept after their analysis (empty = for ever). */
export function StoragePreferencesSettings({ orgId }: { orgId: string }) {
  const preferences = useStoragePreferences(orgId);
  return (
    <section className="card" aria-labelledby="storage-heading">
      <h2 id="storage-heading" className="card__title">
        Storage
      </h2>
      {preferences.isPending ? <LoadingState label="Loading…" /> : null}
      {preferences.isError ? <Alert>{preferences.error.message}</Alert> : null}
      {preferences.data ? <StorageForm orgId={orgId} initial={preferences.data} /> : null}
    </section>
  );
}

function StorageForm({ orgId, initial }: { orgId: string; initial: StoragePreferences }) {
  const save = useSetStoragePreferences(orgId);
  const { values, summary, validate, input, alertRef } = useFormFields(
    fields,
    {
      deleteFastqDaysAfterAnalysis: initial.deleteFastqDaysAfterAnalysis?.toString() ?? '',
      deleteBamDaysAfterAnalysis: initial.deleteBamDaysAfterAnalysis?.toString() ?? '',
    },
    save.error,
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const fastq = parseDays(values.deleteFastqDaysAfterAnalysis);
    const bam = parseDays(values.deleteBamDaysAfterAnalysis);
    const ok = validate({
      deleteFastqDaysAfterAnalysis: typeof fastq === 'string' ? [fastq] : [],
      deleteBamDaysAfterAnalysis: typeof bam === 'string' ? [bam] : [],
    });
    if (!ok || typeof fastq === 'string' || typeof bam === 'string') {
      save.reset();
      return;
    }
    save.mutate({ deleteFastqDaysAfterAnalysis: fastq, deleteBamDaysAfterAnalysis: bam });
  }

  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-label="Storage preferences">
      <ProblemAlert ref={alertRef} title="The storage preferences could not be saved" summary={summary} />
      {save.isSuccess ? <Alert tone="info">Storage preferences saved.</Alert> : null}
      <p className="muted">
        Raw reads and alignments are large. VariantMiner can delete them once their analysis is done; variant files (VCF)
        and QC are always kept. Deletions happen within the hour, are recorded in the audit trail, and cannot be undone.
      </p>
      <div className="form__row">
        <TextField
          {...input('deleteFastqDaysAfterAnalysis')}
          label="Delete FASTQ files after (days)"
          inputMode="numeric"
          hint="Counted from the end of the last analysis that read them; empty keeps them."
        />
        <TextField
          {...input('deleteBamDaysAfterAnalysis')}
          label="Delete BAM files after (days)"
          inputMode="numeric"
          hint="Counted from the end of the analysis that made them (their index goes too); empty keeps them."
        />
      </div>
      <div className="form__actions">
        <Button type="submit" busy={save.isPending} busyLabel="Saving…">
          Save storage preferences
        </Button>
      </div>
    </form>
  );
}
