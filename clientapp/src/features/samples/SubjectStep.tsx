import { useId } from 'react';
import { Alert, Button, LoadingState, TextField } from '../../components';
import type { FieldBinding } from '../auth/useFormErrors';
import { SubjectFields, type SubjectField } from './SubjectFields';
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
        <ExistingSubjectFields choice={choice} canBrowseSubjects={canBrowseSubjects} subjectIdErrors={subjectIdErrors} subjectIdRef={subjectIdRef} />
      ) : null}
      {choice.mode === 'new' ? <NewSubjectFields choice={choice} field={subjectField} /> : null}
    </fieldset>
  );
}

interface ExistingSubjectFieldsProps {
  choice: SubjectChoice;
  canBrowseSubjects: boolean;
  subjectIdErrors: readonly string[] | undefined;
  subjectIdRef: FieldRef;
}

/** Find a subject by its exact external id; with samples.view.all, or choose it from the (searchable) list. */
function ExistingSubjectFields({ choice, canBrowseSubjects, subjectIdErrors, subjectIdRef }: ExistingSubjectFieldsProps) {
  const ids = useId();
  const { findSubject, subjects, existing, lookupInputRef } = choice;
  const lookupFieldErrors = [
    // "Find the subject…" from the last submit no longer applies once one is chosen.
    ...(existing ? [] : (subjectIdErrors ?? [])),
    ...choice.lookupErrors,
    ...choice.lookupFieldErrors,
  ];

  return (
    <div className="subform">
      <div className="lookup">
        <TextField
          ref={(el) => {
            subjectIdRef(el);
            lookupInputRef.current = el;
          }}
          label="External id of the subject"
          name="subjectLookup"
          autoComplete="off"
          spellCheck={false}
          value={choice.lookup}
          onChange={(e) => choice.changeLookup(e.target.value)}
          onKeyDown={choice.lookupKeyDown}
          errors={lookupFieldErrors.length > 0 ? lookupFieldErrors : undefined}
        />
        <Button variant="secondary" className="lookup__button" busy={findSubject.isPending} busyLabel="Finding…" onClick={choice.find}>
          Find
        </Button>
      </div>
      <p className="muted lookup__hint">Type the subject's exact external id (upper or lower case does not matter).</p>
      <p className="lookup__status" role="status">
        {findSubject.isSuccess ? `Found subject ${findSubject.data.externalId}.` : null}
        {choice.notFound ? 'No subject with this external id.' : null}
      </p>
      {choice.notFound ? (
        <div>
          <Button variant="secondary" onClick={choice.createFromLookup}>
            Create a new subject with this id
          </Button>
        </div>
      ) : null}
      {choice.lookupFailure ? <Alert title="The subject could not be looked up">{choice.lookupFailure}</Alert> : null}

      {canBrowseSubjects ? (
        <>
          <TextField
            label="Or search the subjects"
            name="subjectSearch"
            type="search"
            autoComplete="off"
            placeholder="External id"
            value={choice.search}
            onChange={(e) => choice.setSearch(e.target.value)}
          />
          {subjects.isPending ? <LoadingState label="Searching subjects…" /> : null}
          {subjects.isError ? <Alert>{subjects.error.message}</Alert> : null}
          {subjects.data && subjects.data.length === 0 ? (
            <p className="muted">{choice.debouncedSearch ? 'No subject matches.' : 'This workspace has no subjects yet.'}</p>
          ) : null}
          {subjects.data && subjects.data.length > 0 ? (
            <ul className="picker__list" aria-label="Subjects">
              {subjects.data.map((s) => (
                <li key={s.id}>
                  <label className="checklist__item">
                    <input type="radio" name={`${ids}-subject`} checked={existing?.id === s.id} onChange={() => choice.chooseFromList(s)} />
                    <span>{s.externalId}</span>
                    <span className="muted">
                      {s.sex}
                      {s.dateOfBirth ? ` · born ${s.dateOfBirth}` : ''}
                      {s.phenotypeTerms.length > 0 ? ` · ${s.phenotypeTerms.join(', ')}` : ''}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
      {existing && existing.id !== findSubject.data?.id ? <p className="muted">Selected: {existing.externalId}</p> : null}
    </div>
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
