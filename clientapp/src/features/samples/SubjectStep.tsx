import { useId } from 'react';
import type { FieldBinding } from '../auth/useFormErrors';
import { SubjectFields, type SubjectField } from './SubjectFields';
import { SubjectPicker } from './SubjectPicker';
import type { SubjectChoice, SubjectMode } from './useSubjectChoice';

type FieldRef = (el: HTMLElement | null) => void;

export interface SubjectStepProps {
  choice: SubjectChoice;
  /** With samples.view.all the subjects can also be listed and searched. */
  canBrowseSubjects: boolean;
  /** The sample form's `subjectId` errors ("Find the subject…") and its field ref (the lookup input). */
  subjectIdErrors: readonly string[] | undefined;
  subjectIdRef: FieldRef;
  /** The new-subject form's fields (name, ref and errors of each). */
  subjectField: (field: SubjectField) => FieldBinding<SubjectField>;
}

const MODES: readonly (readonly [SubjectMode, string])[] = [
  ['none', 'No subject'],
  ['existing', 'Existing subject'],
  ['new', 'New subject'],
];

/** The "Subject" group: none, an existing subject, or a new one. */
export function SubjectStep({ choice, canBrowseSubjects, subjectIdErrors, subjectIdRef, subjectField }: SubjectStepProps) {
  const ids = useId();
  return (
    <fieldset className="checklist form__group">
      <legend className="field__label">Subject</legend>
      {/* The fieldset and its legend name the radio buttons' group; no second (radiogroup) name. */}
      <div className="segmented">
        {MODES.map(([mode, label]) => (
          <label key={mode} className="segmented__option segmented__radio">
            <input
              type="radio"
              className="visually-hidden"
              name={`${ids}-subject-mode`}
              checked={choice.mode === mode}
              onChange={() => choice.setMode(mode)}
            />
            {label}
          </label>
        ))}
      </div>

      {choice.mode === 'existing' ? (
        <SubjectPicker
          picker={choice}
          canBrowseSubjects={canBrowseSubjects}
          // "Find the subject…" from the last submit no longer applies once one is chosen.
          errors={choice.existing ? undefined : subjectIdErrors}
          inputRef={subjectIdRef}
          onCreateNew={choice.createFromLookup}
        />
      ) : null}
      {choice.mode === 'new' ? <NewSubjectFields choice={choice} field={subjectField} /> : null}
    </fieldset>
  );
}

interface NewSubjectFieldsProps {
  choice: SubjectChoice;
  field: (field: SubjectField) => FieldBinding<SubjectField>;
}

/** External id, sex, date of birth, HPO terms and notes of a subject to create with the sample. */
function NewSubjectFields({ choice, field }: NewSubjectFieldsProps) {
  const { newExternalIdRef } = choice;
  return (
    <div className="subform">
      <SubjectFields
        values={choice.values}
        onChange={choice.setValue}
        field={field}
        externalIdRef={(el) => {
          newExternalIdRef.current = el;
        }}
      />
    </div>
  );
}
