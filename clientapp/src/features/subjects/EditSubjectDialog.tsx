import { useMemo, useState } from 'react';
import { FormDialog } from '../../components';
import { useFormErrors } from '../auth/useFormErrors';
import { SubjectFields, subjectFields, type SubjectValues } from '../samples/SubjectFields';
import { dateOfBirthErrors, invalidTerms, parseTerms, subjectProblem } from '../samples/subjectTerms';
import { useUpdateSubject } from './api';
import type { Subject, UpdateSubjectRequest } from './types';

function valuesOf(subject: Subject): SubjectValues {
  return {
    externalId: subject.externalId,
    sex: subject.sex,
    dateOfBirth: subject.dateOfBirth ?? '',
    terms: subject.phenotypeTerms.join(', '),
    notes: subject.notes ?? '',
  };
}

/**
 * The PATCH body for the form's values: every field is sent (the form shows them all); an emptied date of birth is
 * `clearDateOfBirth`, emptied notes are "" (the server stores no notes then).
 */
export function updateSubjectRequest(values: SubjectValues, subject: Subject): UpdateSubjectRequest {
  return {
    externalId: values.externalId.trim(),
    sex: values.sex,
    phenotypeTerms: parseTerms(values.terms),
    notes: values.notes.trim(),
    ...(values.dateOfBirth ? { dateOfBirth: values.dateOfBirth } : subject.dateOfBirth ? { clearDateOfBirth: true } : {}),
  };
}

/** "Edit subject" (samples.define): the subject's fields, checked as on "Define sample", then PATCH. */
export function EditSubjectDialog({ orgId, workspaceId, subject, onClose }: { orgId: string; workspaceId: string; subject: Subject; onClose: () => void }) {
  const update = useUpdateSubject(orgId, workspaceId, subject.id);
  const [values, setValues] = useState(() => valuesOf(subject));
  // One error object per failed request, so that the focus moves to the field once, not on every keystroke.
  const serverError = useMemo(() => subjectProblem(update.error), [update.error]);
  const form = useFormErrors(subjectFields, serverError);

  function submit() {
    const terms = parseTerms(values.terms);
    const ok = form.validate({
      externalId: values.externalId.trim() ? [] : ["Enter the subject's external id."],
      dateOfBirth: dateOfBirthErrors(values.dateOfBirth),
      phenotypeTerms: invalidTerms(terms),
    });
    if (!ok) return;
    update.mutate(updateSubjectRequest(values, subject), { onSuccess: onClose });
  }

  return (
    <FormDialog
      title="Edit subject"
      description={subject.externalId}
      onClose={onClose}
      onSubmit={submit}
      busy={update.isPending}
      submitLabel="Save subject"
      busyLabel="Saving…"
      errorTitle="The subject could not be saved"
      summary={form.summary}
      alertRef={form.alertRef}
    >
      <SubjectFields
        values={values}
        onChange={(field, value) => setValues((current) => ({ ...current, [field]: value }))}
        field={form.field}
        disabled={update.isPending}
      />
    </FormDialog>
  );
}
