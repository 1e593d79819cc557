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
}

/** Who works on the new sample. */
export function AssigneeStep({ canAssign, candidates, selected, onChange, errors, disabled }: AssigneeStepProps) {
  if (!canAssign) return <p className="note">You are assigned to this sample automatically as its creator.</p>;
  return (
    <UserPicker
      label="Assign to"
      hint="Choose who works on this sample. You are assigned automatically as its creator."
      candidates={candidates}
      selected={selected}
      onChange={onChange}
      errors={errors}
      disabled={disabled}
    />
  );
}
