import { useId, useState } from 'react';
import { asApiError } from '../../api/problem';
import { FormDialog } from '../../components';
import { useAssignSamples, useSetAssignees } from './api';
import type { AssignMode, Person } from './types';
import { useAssigneeCandidates } from './useAssigneeCandidates';
import { UserPicker } from './UserPicker';

/**
 * The readable parts of a failed assignment: 400 `errors.sampleIds` (samples deleted, or no longer visible to me)
 * becomes a sentence for the summary; `errors.userIds` belongs next to the people picker.
 */
export function assignmentErrors(error: unknown): { summary: string | null; userIds: string[] | undefined } {
  if (!error) return { summary: null, userIds: undefined };
  const apiError = asApiError(error);
  const sampleIds = apiError.fieldErrors.sampleIds;
  const userIds = apiError.fieldErrors.userIds;
  const parts: string[] = [];
  if (sampleIds?.length) {
    parts.push(
      `Some selected samples are no longer in this workspace or no longer visible to you (${sampleIds.join(' ')}) ` +
        'Nothing was changed; reload the table and select again.',
    );
  }
  if (userIds?.length) parts.push('Nothing was changed: check the people you chose.');
  const other = Object.entries(apiError.fieldErrors)
    .filter(([k]) => k !== 'sampleIds' && k !== 'userIds')
    .flatMap(([, m]) => m);
  if (parts.length === 0) parts.push([apiError.message, ...other].join(' '));
  return { summary: parts.join(' '), userIds };
}

const MODES: { mode: AssignMode; label: string; explain: string }[] = [
  { mode: 'add', label: 'Add', explain: 'Add these people; everyone already assigned stays.' },
  { mode: 'remove', label: 'Remove', explain: 'Remove these people; the others stay.' },
  { mode: 'replace', label: 'Replace', explain: 'Assign exactly these people; everyone else is unassigned.' },
];

/** Bulk assignment of the selected rows: people × mode → POST …/samples/assignments. */
export function BulkAssignDialog({
  orgId,
  workspaceId,
  sampleIds,
  known,
  onClose,
  onDone,
}: {
  orgId: string;
  workspaceId: string;
  sampleIds: string[];
  known: Person[];
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const id = useId();
  const candidates = useAssigneeCandidates(orgId, workspaceId, known);
  const assign = useAssignSamples(orgId, workspaceId);
  const [userIds, setUserIds] = useState<string[]>([]);
  const [mode, setMode] = useState<AssignMode>('add');
  const [clientError, setClientError] = useState<string[] | undefined>();
  const errors = assignmentErrors(assign.error);
  const count = sampleIds.length;
  const noun = count === 1 ? 'sample' : 'samples';

  function submit() {
    if (userIds.length === 0) {
      setClientError(['Choose at least one person.']);
      return;
    }
    setClientError(undefined);
    assign.mutate(
      { sampleIds, userIds, mode },
      {
        onSuccess: (result) =>
          onDone(
            `Assignment saved: ${result.samplesChanged} of ${count} ${noun} changed` +
              ` (${result.assignmentsAdded} added, ${result.assignmentsRemoved} removed).`,
          ),
      },
    );
  }

  return (
    <FormDialog
      title="Assign selected samples"
      description={`${count} ${noun} selected.`}
      onClose={onClose}
      onSubmit={submit}
      busy={assign.isPending}
      submitLabel={mode === 'add' ? 'Add people' : mode === 'remove' ? 'Remove people' : 'Replace assignees'}
      busyLabel="Assigning…"
      errorTitle="The samples could not be assigned"
      summary={errors.summary}
    >
      <fieldset className="checklist">
        <legend className="field__label">What to do</legend>
        {/* The fieldset and its legend name the radio buttons' group; no second (radiogroup) name. */}
        <div className="segmented">
          {MODES.map((m) => (
            <label key={m.mode} className="segmented__option segmented__radio">
              <input
                type="radio"
                name={`${id}-mode`}
                value={m.mode}
                checked={mode === m.mode}
                onChange={() => setMode(m.mode)}
                className="visually-hidden"
              />
              {m.label}
            </label>
          ))}
        </div>
        <p className="field__hint">{MODES.find((m) => m.mode === mode)!.explain}</p>
      </fieldset>
      <UserPicker
        label="People"
        candidates={candidates}
        selected={userIds}
        onChange={setUserIds}
        errors={clientError ?? errors.userIds}
        disabled={assign.isPending}
      />
    </FormDialog>
  );
}

/** Who is assigned to one sample: tick to add, untick to remove, then PUT the exact list. */
export function EditAssigneesDialog({
  orgId,
  workspaceId,
  sample,
  known,
  onClose,
}: {
  orgId: string;
  workspaceId: string;
  sample: { id: string; name: string; assignees: Person[] };
  known: Person[];
  onClose: () => void;
}) {
  const candidates = useAssigneeCandidates(orgId, workspaceId, [...sample.assignees, ...known]);
  const save = useSetAssignees(orgId, workspaceId);
  const [userIds, setUserIds] = useState<string[]>(sample.assignees.map((a) => a.userId));
  const errors = assignmentErrors(save.error);

  return (
    <FormDialog
      title={`Assign “${sample.name}”`}
      formLabel={`Assign ${sample.name}`}
      onClose={onClose}
      onSubmit={() => save.mutate({ sampleId: sample.id, userIds }, { onSuccess: onClose })}
      busy={save.isPending}
      submitLabel="Save assignees"
      busyLabel="Saving…"
      errorTitle="The assignees could not be saved"
      summary={errors.summary}
    >
      <UserPicker
        label="Assign to"
        hint="Everyone ticked is assigned; untick someone to unassign them."
        candidates={candidates}
        selected={userIds}
        onChange={setUserIds}
        errors={errors.userIds}
        disabled={save.isPending}
      />
    </FormDialog>
  );
}
