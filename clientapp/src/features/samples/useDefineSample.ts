import { useMemo, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useFormErrors } from '../auth/useFormErrors';
import { useCreateSample } from './api';
import { subjectFields } from './SubjectFields';
import { dateOfBirthErrors, invalidTerms, parseTerms, splitDefineSampleError } from './subjectTerms';
import { useSubjectChoice } from './useSubjectChoice';

export const sampleFields = ['name', 'assay', 'subjectId', 'assigneeIds'] as const;

/**
 * The state of "Define sample" and its submission: one request, all or nothing — a new subject travels inside it as
 * `newSubject` (no subject is left behind when the sample is refused) — then the sample's page opens. The server's
 * `newSubject.*` field errors are shown next to the subject's fields.
 */
export function useDefineSample(orgId: string, workspaceId: string, { canAssign, canBrowseSubjects }: { canAssign: boolean; canBrowseSubjects: boolean }) {
  const navigate = useNavigate();
  const createSample = useCreateSample(orgId, workspaceId);
  const subject = useSubjectChoice(orgId, workspaceId, canBrowseSubjects);
  const [name, setName] = useState('');
  const [assay, setAssay] = useState('');
  const [assigneeIds, setAssigneeIds] = useState<string[]>([]);
  // Whether the failed request carried a new subject (the mode may change afterwards).
  const [sentNewSubject, setSentNewSubject] = useState(false);
  // One error object per failed request: useFormErrors moves the focus to the field in error whenever the object
  // changes, so one made afresh on every render would pull the focus back there at each keystroke in another field.
  const errors = useMemo(() => splitDefineSampleError(createSample.error, sentNewSubject), [createSample.error, sentNewSubject]);
  // The subject's form first: when both have errors, the sample's (earlier on the page) takes the focus last.
  const subjectForm = useFormErrors(subjectFields, errors.subject);
  const sampleForm = useFormErrors(sampleFields, errors.sample);
  const base = `/orgs/${orgId}/workspaces/${workspaceId}/samples`;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    createSample.reset();
    const { mode, existing } = subject;
    const sampleOk = sampleForm.validate({
      name: name.trim() ? [] : ['Enter a name for the sample.'],
      assay: assay ? [] : ['Choose an assay.'],
      subjectId:
        mode === 'existing' && !existing
          ? [
              canBrowseSubjects
                ? 'Find the subject by its external id or choose it from the list, or pick “No subject”.'
                : 'Find the subject by its external id, or pick “No subject”.',
            ]
          : [],
    });
    const termList = parseTerms(subject.terms);
    const subjectOk =
      mode === 'new'
        ? subjectForm.validate({
            externalId: subject.externalId.trim() ? [] : ["Enter the subject's external id."],
            dateOfBirth: dateOfBirthErrors(subject.dateOfBirth),
            phenotypeTerms: invalidTerms(termList),
          })
        : subjectForm.validate({});
    if (!sampleOk || !subjectOk) return;

    setSentNewSubject(mode === 'new');
    try {
      const sample = await createSample.mutateAsync({
        name: name.trim(),
        assay,
        ...(mode === 'existing' && existing ? { subjectId: existing.id } : {}),
        ...(mode === 'new'
          ? {
              newSubject: {
                externalId: subject.externalId.trim(),
                sex: subject.sex,
                dateOfBirth: subject.dateOfBirth || null,
                phenotypeTerms: termList,
                notes: subject.notes.trim() || null,
              },
            }
          : {}),
        ...(canAssign && assigneeIds.length > 0 ? { assigneeIds } : {}),
      });
      navigate(`${base}/${sample.id}`, { replace: true });
    } catch {
      // Shown by the forms (the mutation keeps its error).
    }
  }

  return {
    base,
    name,
    setName,
    assay,
    setAssay,
    assigneeIds,
    setAssigneeIds,
    subject,
    sampleForm,
    subjectForm,
    busy: createSample.isPending,
    submit,
  };
}
