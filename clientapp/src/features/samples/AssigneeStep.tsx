import type { Candidates } from './useAssigneeCandidates';
import { UserPicker } from './UserPicker';

export interface AssigneeStepProps {
  /** With samples.assign: the "Assign to" user search; without it, only the note that the creator is assigned. */
  canAssign: boolean;
  candidates: Candidates;
  selected: readonly string[];
  onChange: (userIds: string[]) => void;
  errors: readonly string[] | undefined;
  disabled: boolean;
  /** The person defining the sample: the server assigns them, so they are shown ticked and cannot be unticked. */
  creatorId: string | undefined;
}

export const CREATOR_REASON = 'You are assigned automatically as the creator.';

/** Who works on the new sample. */
export function AssigneeStep({ canAssign, candidates, selected, onChange, errors, disabled, creatorId }: AssigneeStepProps) {
  if (!canAssign) return <p className="note">You are assigned to this sample automatically as its creator.</p>;
  return (
    <UserPicker
      label="Assign to"
      hint="Choose who else works on this sample. You are assigned automatically as its creator."
      candidates={candidates}
      selected={selected}
      onChange={onChange}
      errors={errors}
      disabled={disabled}
      fixed={creatorId ? { userId: creatorId, reason: CREATOR_REASON } : undefined}
    />
  );
}
