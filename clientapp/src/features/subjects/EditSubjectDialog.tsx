import { useMemo, useState } from 'react';
import { FormDialog, SelectField } from '../../components';
import { useFormErrors } from '../auth/useFormErrors';
import { SubjectFields, subjectFields, type SubjectField, type SubjectValues } from '../samples/SubjectFields';
import { dateOfBirthErrors, invalidTerms, parseTerms, subjectProblem } from '../samples/subjectTerms';
import { useUpdateSubject } from './api';
import { ParentField, parentErrors, useParentChoice } from './ParentField';
import { AFFECTED_STATUSES, type Family, type Subject, type UpdateSubjectRequest } from './types';

const editFields = [...subjectFields, 'affected', 'fatherId', 'motherId'] as const;

/** The form's values: the subject's fields as on "Define sample", and its affected status. */
export interface EditSubjectValues extends SubjectValues {
  affected: string;
}

/** The parents to send: left out (undefined) = unchanged, null = remove the parent, an id = that subject. */
export interface ParentChanges {
  fatherId?: string | null | undefined;
  motherId?: string | null | undefined;
}

function valuesOf(subject: Subject): EditSubjectValues {
  return {
    externalId: subject.externalId,
    sex: subject.sex,
    dateOfBirth: subject.dateOfBirth ?? '',
    terms: subject.phenotypeTerms.join(', '),
    notes: subject.notes ?? '',
    affected: subject.affected,
  };
}

/**
 * The PATCH body for the form's values: every field is sent (the form shows them all); an emptied date of birth is
 * `clearDateOfBirth`, emptied notes are "" (the server stores no notes then). A parent is sent only when it changes:
 * `fatherId` / `motherId` for another subject, `clearFather` / `clearMother` to remove it.
 */
export function updateSubjectRequest(values: EditSubjectValues, subject: Subject, parents: ParentChanges = {}): UpdateSubjectRequest {
  return {
    externalId: values.externalId.trim(),
    sex: values.sex,
    phenotypeTerms: parseTerms(values.terms),
    notes: values.notes.trim(),
    affected: values.affected,
    ...(values.dateOfBirth ? { dateOfBirth: values.dateOfBirth } : subject.dateOfBirth ? { clearDateOfBirth: true } : {}),
    ...(parents.fatherId === null ? { clearFather: true } : parents.fatherId ? { fatherId: parents.fatherId } : {}),
    ...(parents.motherId === null ? { clearMother: true } : parents.motherId ? { motherId: parents.motherId } : {}),
  };
}

export interface EditSubjectDialogProps {
  orgId: string;
  workspaceId: string;
  subject: Subject;
  /** The parents I may see (GET …/subjects/{id}), to show the current ones. */
  family: Family;
  /** With samples.view.all a parent can also be chosen from the subject list; otherwise found by its exact external id. */
  canBrowseSubjects: boolean;
  onClose: () => void;
}

/** "Edit subject" (samples.define): the subject's fields, checked as on "Define sample", its affected status and parents, then PATCH. */
export function EditSubjectDialog({ orgId, workspaceId, subject, family, canBrowseSubjects, onClose }: EditSubjectDialogProps) {
  const update = useUpdateSubject(orgId, workspaceId, subject.id);
  const [values, setValues] = useState(() => valuesOf(subject));
  const father = useParentChoice(orgId, workspaceId, canBrowseSubjects);
  const mother = useParentChoice(orgId, workspaceId, canBrowseSubjects);
  // One error object per failed request, so that the focus moves to the field once, not on every keystroke.
  const serverError = useMemo(() => subjectProblem(update.error), [update.error]);
  const form = useFormErrors(editFields, serverError);
  // A value the form does not offer (a status added on the server later) stays choosable rather than silently changed.
  const statuses: readonly string[] = AFFECTED_STATUSES.includes(values.affected as (typeof AFFECTED_STATUSES)[number])
    ? AFFECTED_STATUSES
    : [...AFFECTED_STATUSES, values.affected];

  function submit() {
    const terms = parseTerms(values.terms);
    const ok = form.validate({
      externalId: values.externalId.trim() ? [] : ["Enter the subject's external id."],
      dateOfBirth: dateOfBirthErrors(values.dateOfBirth),
      phenotypeTerms: invalidTerms(terms),
      fatherId: parentErrors('father', father, canBrowseSubjects),
      motherId: parentErrors('mother', mother, canBrowseSubjects),
    });
    if (!ok) return;
    update.mutate(updateSubjectRequest(values, subject, { fatherId: father.parentId, motherId: mother.parentId }), { onSuccess: onClose });
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
        field={(f: SubjectField) => ({ ...form.field(f), name: f })}
        disabled={update.isPending}
      />
      <SelectField
        {...form.field('affected')}
        label="Affected"
        disabled={update.isPending}
        value={values.affected}
        onChange={(e) => {
          const affected = e.target.value;
          setValues((current) => ({ ...current, affected }));
        }}
      >
        {statuses.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </SelectField>
      <ParentField
        role="father"
        choice={father}
        current={family.father}
        recorded={subject.fatherId !== null}
        canBrowseSubjects={canBrowseSubjects}
        field={form.field('fatherId')}
        disabled={update.isPending}
      />
      <ParentField
        role="mother"
        choice={mother}
        current={family.mother}
        recorded={subject.motherId !== null}
        canBrowseSubjects={canBrowseSubjects}
        field={form.field('motherId')}
        disabled={update.isPending}
      />
    </FormDialog>
  );
}
