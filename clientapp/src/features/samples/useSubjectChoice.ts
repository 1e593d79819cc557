import { useRef, useState, type KeyboardEvent } from 'react';
import { flushSync } from 'react-dom';
import { asApiError } from '../../api/problem';
import { useDebouncedValue } from '../../components';
import { useFindSubject, useSubjects } from './api';
import type { SubjectValues } from './SubjectFields';
import type { Subject, SubjectReference } from './types';

export type SubjectMode = 'none' | 'existing' | 'new';

/**
 * Finding one existing subject: by its exact external id (GET …/subjects/lookup, any case, which everyone who defines
 * samples may do), or, when `browse` (samples.view.all), choosing it from the searchable list. Used by "Define sample"
 * and by the parent fields of "Edit subject", with SubjectPicker.
 */
export function useSubjectLookup(orgId: string, workspaceId: string, browse: boolean) {
  const [search, setSearch] = useState('');
  const debouncedSearch = useDebouncedValue(search.trim(), 300);
  const subjects = useSubjects(orgId, workspaceId, debouncedSearch, { enabled: browse });
  const [existing, setExisting] = useState<SubjectReference | null>(null);
  const findSubject = useFindSubject(orgId, workspaceId);
  const [lookup, setLookup] = useState('');
  const [lookupErrors, setLookupErrors] = useState<string[]>([]);
  const lookupInputRef = useRef<HTMLInputElement | null>(null);

  const lookupError = findSubject.error ? asApiError(findSubject.error) : null;
  const notFound = lookupError?.status === 404;

  function find() {
    const value = lookup.trim();
    setExisting(null);
    if (!value) {
      findSubject.reset();
      setLookupErrors(["Enter the subject's external id."]);
      lookupInputRef.current?.focus();
      return;
    }
    setLookupErrors([]);
    findSubject.mutate(value, { onSuccess: (subject) => setExisting(subject) });
  }

  function changeLookup(value: string) {
    setLookup(value);
    setLookupErrors([]);
    // What was found belongs to the previous text.
    if (findSubject.data && existing?.id === findSubject.data.id) setExisting(null);
    if (!findSubject.isIdle) findSubject.reset();
  }

  function lookupKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    // Enter finds the subject instead of submitting the whole form.
    if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
      event.preventDefault();
      find();
    }
  }

  function chooseFromList(subject: Subject) {
    setExisting(subject);
    if (!findSubject.isIdle) findSubject.reset();
  }

  return {
    search,
    setSearch,
    debouncedSearch,
    subjects,
    existing,
    findSubject,
    lookup,
    lookupErrors,
    lookupInputRef,
    notFound,
    /** Field errors of the lookup come back as `externalId`; anything else is shown as an alert. */
    lookupFieldErrors: lookupError?.fieldErrors.externalId ?? [],
    lookupFailure: lookupError && !notFound && !lookupError.fieldErrors.externalId ? lookupError.message : null,
    find,
    changeLookup,
    lookupKeyDown,
    chooseFromList,
  };
}

export type SubjectLookup = ReturnType<typeof useSubjectLookup>;

/**
 * The subject step of "Define sample": no subject, an existing one (found by its exact external id, or chosen from
 * the list with samples.view.all), or a new one (sent with the sample: both are created together, or neither).
 */
export function useSubjectChoice(orgId: string, workspaceId: string, canBrowseSubjects: boolean) {
  const [mode, setMode] = useState<SubjectMode>('none');

  // An existing subject.
  const existingSubject = useSubjectLookup(orgId, workspaceId, mode === 'existing' && canBrowseSubjects);

  // A new subject.
  const newExternalIdRef = useRef<HTMLInputElement | null>(null);
  const [externalId, setExternalId] = useState('');
  const [sex, setSex] = useState<string>('Unknown');
  const [dateOfBirth, setDateOfBirth] = useState('');
  const [terms, setTerms] = useState('');
  const [notes, setNotes] = useState('');

  /** "Create a new subject with this id": the new-subject form, continued in its external id field. */
  function createFromLookup() {
    flushSync(() => {
      setExternalId(existingSubject.lookup.trim());
      setMode('new');
    });
    newExternalIdRef.current?.focus();
  }

  const values: SubjectValues = { externalId, sex, dateOfBirth, terms, notes };
  const setters: Record<keyof SubjectValues, (value: string) => void> = {
    externalId: setExternalId,
    sex: setSex,
    dateOfBirth: setDateOfBirth,
    terms: setTerms,
    notes: setNotes,
  };

  return {
    mode,
    setMode,
    // Existing subject
    ...existingSubject,
    createFromLookup,
    // New subject
    newExternalIdRef,
    externalId,
    setExternalId,
    sex,
    setSex,
    dateOfBirth,
    setDateOfBirth,
    terms,
    setTerms,
    notes,
    setNotes,
    /** The new subject's fields, for SubjectFields. */
    values,
    setValue: (field: keyof SubjectValues, value: string) => setters[field](value),
  };
}

export type SubjectChoice = ReturnType<typeof useSubjectChoice>;
