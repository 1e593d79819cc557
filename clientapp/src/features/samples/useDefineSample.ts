import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { conflictOnField } from '../../api/problem';
import { useFormErrors } from '../auth/useFormErrors';
import { useCreateSample } from './api';
import { invalidTerms, parseTerms, subjectProblem } from './subjectTerms';
import { useSubjectChoice } from './useSubjectChoice';

export const sampleFields = ['name', 'assay', 'subjectId', 'assigneeIds'] as const;
export const subjectFields = ['externalId', 'sex', 'dateOfBirth', 'phenotypeTerms', 'notes'] as const;
export type SubjectField = (typeof subjectFields)[number];

/**
 * The state of "Define sample" and its submission: the subject is created first when it is new (once: a retry after
 * a failed sample reuses it), then the sample, then the sample's page opens.
 */
export function useDefineSample(orgId: string, workspaceId: string, { canAssign, canBrowseSubjects }: { canAssign: boolean; canBrowseSubjects: boolean }) {
  const navigate = useNavigate();
  const createSample = useCreateSample(orgId, workspaceId);
  const subject = useSubjectChoice(orgId, workspaceId, canBrowseSubjects);
  const [name, setName] = useState('');
  const [assay, setAssay] = useState('');
  const [assigneeIds, setAssigneeIds] = useState<string[]>([]);
  const sampleForm = useFormErrors(sampleFields, conflictOnField(createSample.error, 'name'));
  const subjectForm = useFormErrors(subjectFields, subjectProblem(subject.createSubject.error));
  const base = `/orgs/${orgId}/workspaces/${workspaceId}/samples`;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    createSample.reset();
    const { mode, existing, createdSubject } = subject;
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
    const newSubject = mode === 'new' && !createdSubject;
    const termList = parseTerms(subject.terms);
    const subjectOk = newSubject
      ? subjectForm.validate({
          externalId: subject.externalId.trim() ? [] : ["Enter the subject's external id."],
          phenotypeTerms: invalidTerms(termList),
        })
      : subjectForm.validate({});
    if (!sampleOk || !subjectOk) return;

    let subjectId: string | null = null;
    try {
      if (mode === 'existing') subjectId = existing!.id;
      if (mode === 'new') {
        let created = createdSubject;
        if (!created) {
          created = await subject.createSubject.mutateAsync({
            externalId: subject.externalId.trim(),
            sex: subject.sex,
            dateOfBirth: subject.dateOfBirth || null,
            phenotypeTerms: termList,
            notes: subject.notes.trim() || null,
          });
          subject.setCreatedSubject(created);
        }
        subjectId = created.id;
      }
      const sample = await createSample.mutateAsync({
        name: name.trim(),
        assay,
        ...(subjectId ? { subjectId } : {}),
        ...(canAssign && assigneeIds.length > 0 ? { assigneeIds } : {}),
      });
      navigate(`${base}/${sample.id}`, { replace: true });
    } catch {
      // Shown by the forms (the mutations keep their errors).
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
    busy: subject.createSubject.isPending || createSample.isPending,
    submit,
  };
}
