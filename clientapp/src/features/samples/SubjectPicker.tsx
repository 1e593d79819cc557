import { useId } from 'react';
import { Alert, Button, LoadingState, TextField } from '../../components';
import type { SubjectLookup } from './useSubjectChoice';

export interface SubjectPickerLabels {
  /** The exact external id input. */
  lookup: string;
  /** The search box above the list (samples.view.all). */
  search: string;
  /** The list of subjects to choose from. */
  list: string;
}

const SUBJECT_LABELS: SubjectPickerLabels = {
  lookup: 'External id of the subject',
  search: 'Or search the subjects',
  list: 'Subjects',
};

export interface SubjectPickerProps {
  /** The state (useSubjectLookup). */
  picker: SubjectLookup;
  /** With samples.view.all the subjects can also be listed and searched. */
  canBrowseSubjects: boolean;
  /** The form's errors for this choice (e.g. "Find the subject…"), shown on the lookup input. */
  errors: readonly string[] | undefined;
  /** The form's field ref (the lookup input receives the focus on errors). */
  inputRef: (el: HTMLElement | null) => void;
  /** Offers "Create a new subject with this id" when the lookup finds nothing (Define sample). */
  onCreateNew?: (() => void) | undefined;
  /** The controls' names, when one form holds several pickers (e.g. father and mother). */
  labels?: SubjectPickerLabels;
}

/** Find a subject by its exact external id; with samples.view.all, or choose it from the (searchable) list. */
export function SubjectPicker({ picker, canBrowseSubjects, errors, inputRef, onCreateNew, labels = SUBJECT_LABELS }: SubjectPickerProps) {
  const ids = useId();
  const { findSubject, subjects, existing, lookupInputRef } = picker;
  const lookupFieldErrors = [...(errors ?? []), ...picker.lookupErrors, ...picker.lookupFieldErrors];

  return (
    <div className="subform">
      <div className="lookup">
        <TextField
          ref={(el) => {
            inputRef(el);
            lookupInputRef.current = el;
          }}
          label={labels.lookup}
          name="subjectLookup"
          autoComplete="off"
          spellCheck={false}
          value={picker.lookup}
          onChange={(e) => picker.changeLookup(e.target.value)}
          onKeyDown={picker.lookupKeyDown}
          errors={lookupFieldErrors.length > 0 ? lookupFieldErrors : undefined}
        />
        <Button variant="secondary" className="lookup__button" busy={findSubject.isPending} busyLabel="Finding…" onClick={picker.find}>
          Find
        </Button>
      </div>
      <p className="muted lookup__hint">Type the subject's exact external id (upper or lower case does not matter).</p>
      <p className="lookup__status" role="status">
        {findSubject.isSuccess ? `Found subject ${findSubject.data.externalId}.` : null}
        {picker.notFound ? 'No subject with this external id.' : null}
      </p>
      {picker.notFound && onCreateNew ? (
        <div>
          <Button variant="secondary" onClick={onCreateNew}>
            Create a new subject with this id
          </Button>
        </div>
      ) : null}
      {picker.lookupFailure ? <Alert title="The subject could not be looked up">{picker.lookupFailure}</Alert> : null}

      {canBrowseSubjects ? (
        <>
          <TextField
            label={labels.search}
            name="subjectSearch"
            type="search"
            autoComplete="off"
            placeholder="External id"
            value={picker.search}
            onChange={(e) => picker.setSearch(e.target.value)}
          />
          {subjects.isPending ? <LoadingState label="Searching subjects…" /> : null}
          {subjects.isError ? <Alert>{subjects.error.message}</Alert> : null}
          {subjects.data && subjects.data.length === 0 ? (
            <p className="muted">{picker.debouncedSearch ? 'No subject matches.' : 'This workspace has no subjects yet.'}</p>
          ) : null}
          {subjects.data && subjects.data.length > 0 ? (
            <ul className="picker__list" aria-label={labels.list}>
              {subjects.data.map((s) => (
                <li key={s.id}>
                  <label className="checklist__item">
                    <input type="radio" name={`${ids}-subject`} checked={existing?.id === s.id} onChange={() => picker.chooseFromList(s)} />
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
