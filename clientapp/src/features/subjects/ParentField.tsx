import { useId, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { Button, FieldErrors } from '../../components';
import type { FieldBinding } from '../auth/useFormErrors';
import { SubjectPicker } from '../samples/SubjectPicker';
import { useSubjectLookup } from '../samples/useSubjectChoice';
import type { Relative } from './types';

export type ParentRole = 'father' | 'mother';

/** Leave the parent as recorded, choose another subject (found or picked with SubjectPicker), or remove the parent. */
export type ParentMode = 'keep' | 'change' | 'remove';

/** One parent's part of "Edit subject": what to do with it, and the subject chosen when changing it. */
export function useParentChoice(orgId: string, workspaceId: string, canBrowseSubjects: boolean) {
  const [mode, setMode] = useState<ParentMode>('keep');
  const picker = useSubjectLookup(orgId, workspaceId, canBrowseSubjects && mode === 'change');
  return {
    mode,
    setMode,
    picker,
    /** For updateSubjectRequest: undefined = unchanged, null = remove, an id = this subject. */
    parentId: mode === 'remove' ? null : mode === 'change' && picker.existing ? picker.existing.id : undefined,
  };
}

export type ParentChoice = ReturnType<typeof useParentChoice>;

/** The client-side check: "Change father" needs a subject found or chosen before saving. */
export function parentErrors(role: ParentRole, choice: ParentChoice, canBrowseSubjects: boolean): string[] {
  if (choice.mode !== 'change' || choice.picker.existing) return [];
  return [`Find the ${role} by external id${canBrowseSubjects ? ' or choose them from the list' : ''}, or leave the ${role} unchanged.`];
}

export interface ParentFieldProps {
  role: ParentRole;
  choice: ParentChoice;
  /** The parent as GET …/subjects/{id} lists it (null when none is recorded, or when I may not see it). */
  current: Relative | null;
  /** Whether the subject records this parent (its fatherId / motherId), seen or not. */
  recorded: boolean;
  canBrowseSubjects: boolean;
  /** The form's `fatherId` / `motherId` binding: its errors, and the ref that receives the focus on them. */
  field: FieldBinding;
  disabled: boolean;
}

/** "Father" / "Mother" in "Edit subject": the current parent, then Change (SubjectPicker), Remove, or leave it unchanged. */
export function ParentField({ role, choice, current, recorded, canBrowseSubjects, field, disabled }: ParentFieldProps) {
  const id = useId();
  const mainRef = useRef<HTMLButtonElement | null>(null);
  const { mode, setMode, picker } = choice;
  const label = role === 'father' ? 'Father' : 'Mother';
  const errors = field.errors;
  const errorId = mode !== 'change' && errors && errors.length > 0 ? `${id}-error` : undefined;
  const currentText = current
    ? `Recorded: ${current.externalId}`
    : recorded
      ? `A ${role} is recorded, not visible to you.`
      : `No ${role} recorded.`;

  function change() {
    flushSync(() => setMode('change'));
    picker.lookupInputRef.current?.focus();
  }

  function remove() {
    flushSync(() => setMode('remove'));
    mainRef.current?.focus();
  }

  return (
    <fieldset className="checklist form__group" aria-describedby={[`${id}-current`, errorId].filter(Boolean).join(' ')}>
      <legend className="field__label">{label}</legend>
      <p id={`${id}-current`} className="muted">
        {currentText}
        {mode === 'remove' ? ` The ${role} will be removed when you save.` : ''}
      </p>
      <div className="actions">
        {/* One button in the same place in every mode, so that the focus stays on it when the mode changes. */}
        <Button
          ref={(el) => {
            mainRef.current = el;
            if (mode !== 'change') field.ref(el);
          }}
          variant="secondary"
          disabled={disabled}
          onClick={mode === 'keep' ? change : () => setMode('keep')}
        >
          {mode === 'keep' ? (recorded ? `Change ${role}` : `Set ${role}`) : `Leave the ${role} unchanged`}
        </Button>
        {mode === 'keep' && recorded ? (
          <Button variant="ghost-danger" disabled={disabled} onClick={remove}>
            Remove {role}
          </Button>
        ) : null}
      </div>
      {mode === 'change' ? (
        <SubjectPicker
          picker={picker}
          canBrowseSubjects={canBrowseSubjects}
          errors={errors}
          inputRef={field.ref}
          labels={{ lookup: `External id of the ${role}`, search: `Or search the subjects for the ${role}`, list: `Subjects to choose as ${role}` }}
        />
      ) : (
        <FieldErrors id={errorId} errors={errors} />
      )}
    </fieldset>
  );
}
