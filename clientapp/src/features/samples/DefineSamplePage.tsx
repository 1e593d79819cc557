import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, asApiError, conflictOnField } from '../../api/problem';
import { Alert, Button, LoadingState, SelectField, TextAreaField, TextField, useDebouncedValue, usePageTitle } from '../../components';
import { useFormErrors } from '../auth/useFormErrors';
import { usePermissions } from '../organizations/permissions';
import { useAssays, useCreateSample, useCreateSubject, useFindSubject, useSubjects } from './api';
import type { Subject, SubjectReference } from './types';
import { useAssigneeCandidates } from './useAssigneeCandidates';
import { UserPicker } from './UserPicker';

const sampleFields = ['name', 'assay', 'subjectId', 'assigneeIds'] as const;
const subjectFields = ['externalId', 'sex', 'dateOfBirth', 'phenotypeTerms', 'notes'] as const;
const SEXES = ['Unknown', 'Female', 'Male', 'Other'] as const;
const HPO = /^HP:\d{7}$/;

type SubjectMode = 'none' | 'existing' | 'new';

/** "HP:0001250, HP:0000252" (commas, semicolons or spaces) → the terms. */
export function parseTerms(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((t) => t.trim())
    .filter(Boolean);
}

/** Client-side check of HPO ids (the server is the authority and checks again). */
export function invalidTerms(terms: readonly string[]): string[] {
  return terms.filter((t) => !HPO.test(t)).map((t) => `"${t}" is not an HPO id; use the form HP:0001250.`);
}

/** `phenotypeTerms[2]` errors from the server belong to the phenotype terms field. */
function subjectProblem(error: unknown): unknown {
  if (!error) return error;
  const apiError = asApiError(conflictOnField(error, 'externalId'));
  const errors: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(apiError.fieldErrors)) {
    const k = key.replace(/\[\d+\]$/, '');
    errors[k] = [...(errors[k] ?? []), ...messages];
  }
  return new ApiError(apiError.status, { ...apiError.problem, errors }, apiError.message);
}

/**
 * /orgs/:orgId/workspaces/:workspaceId/samples/new — define a sample (samples.define).
 *
 * An existing subject is found by its exact external id (GET …/subjects/lookup, any case), which everyone who defines
 * samples may do; browsing and searching the subject list is offered only with samples.view.all, since the list shows
 * subjects' details. A subject that is not found can be created instead, as with "New subject".
 */
export default function DefineSamplePage() {
  usePageTitle('Define sample');
  const { orgId = '', workspaceId = '' } = useParams();
  const navigate = useNavigate();
  const ids = useId();
  const permissions = usePermissions(orgId);
  const canDefine = permissions.can('samples.define', workspaceId);
  const canAssign = permissions.can('samples.assign', workspaceId);
  const canBrowseSubjects = permissions.can('samples.view.all', workspaceId);
  const assays = useAssays(orgId);
  const createSubject = useCreateSubject(orgId, workspaceId);
  const createSample = useCreateSample(orgId, workspaceId);
  const candidates = useAssigneeCandidates(orgId, workspaceId);

  const [name, setName] = useState('');
  const [assay, setAssay] = useState('');
  const [subjectMode, setSubjectMode] = useState<SubjectMode>('none');
  const [subjectSearch, setSubjectSearch] = useState('');
  const debouncedSubjectSearch = useDebouncedValue(subjectSearch.trim(), 300);
  const subjects = useSubjects(orgId, workspaceId, debouncedSubjectSearch, {
    enabled: subjectMode === 'existing' && canBrowseSubjects,
  });
  const [existing, setExisting] = useState<SubjectReference | null>(null);
  const findSubject = useFindSubject(orgId, workspaceId);
  const [lookup, setLookup] = useState('');
  const [lookupErrors, setLookupErrors] = useState<string[]>([]);
  const lookupInput = useRef<HTMLInputElement | null>(null);
  const newExternalIdInput = useRef<HTMLInputElement | null>(null);
  const [focusNewSubject, setFocusNewSubject] = useState(false);
  const [externalId, setExternalId] = useState('');
  const [sex, setSex] = useState<string>('Unknown');
  const [dateOfBirth, setDateOfBirth] = useState('');
  const [terms, setTerms] = useState('');
  const [notes, setNotes] = useState('');
  const [assigneeIds, setAssigneeIds] = useState<string[]>([]);
  // A subject created by an earlier attempt whose sample then failed: reused, not created twice.
  const [createdSubject, setCreatedSubject] = useState<Subject | null>(null);

  const sampleForm = useFormErrors(sampleFields, conflictOnField(createSample.error, 'name'));
  const subjectForm = useFormErrors(subjectFields, subjectProblem(createSubject.error));
  const busy = createSubject.isPending || createSample.isPending;
  const base = `/orgs/${orgId}/workspaces/${workspaceId}/samples`;

  // "Create a new subject with this id" switches to the new-subject form: continue in its external id field.
  useEffect(() => {
    if (!focusNewSubject || subjectMode !== 'new') return;
    newExternalIdInput.current?.focus();
    setFocusNewSubject(false);
  }, [focusNewSubject, subjectMode]);

  const lookupError = findSubject.error ? asApiError(findSubject.error) : null;
  const notFound = lookupError?.status === 404;
  const lookupFieldErrors = [
    // "Find the subject…" from the last submit no longer applies once one is chosen.
    ...(existing ? [] : (sampleForm.fieldErrors.subjectId ?? [])),
    ...lookupErrors,
    ...(lookupError?.fieldErrors.externalId ?? []),
  ];
  const lookupFailure = lookupError && !notFound && !lookupError.fieldErrors.externalId ? lookupError.message : null;

  if (permissions.isLoading) return <LoadingState />;
  if (!canDefine) {
    return (
      <div className="page page--narrow">
        <h1 className="page__title">Define sample</h1>
        <p>Your role cannot define samples in this workspace.</p>
        <Link to={base}>Back to the samples</Link>
      </div>
    );
  }

  function find() {
    const value = lookup.trim();
    setExisting(null);
    if (!value) {
      findSubject.reset();
      setLookupErrors(["Enter the subject's external id."]);
      lookupInput.current?.focus();
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

  function createFromLookup() {
    if (!createdSubject) setExternalId(lookup.trim());
    setSubjectMode('new');
    setFocusNewSubject(true);
  }

  function chooseFromList(subject: Subject) {
    setExisting(subject);
    if (!findSubject.isIdle) findSubject.reset();
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    createSample.reset();
    const sampleOk = sampleForm.validate({
      name: name.trim() ? [] : ['Enter a name for the sample.'],
      assay: assay ? [] : ['Choose an assay.'],
      subjectId:
        subjectMode === 'existing' && !existing
          ? [
              canBrowseSubjects
                ? 'Find the subject by its external id or choose it from the list, or pick “No subject”.'
                : 'Find the subject by its external id, or pick “No subject”.',
            ]
          : [],
    });
    const newSubject = subjectMode === 'new' && !createdSubject;
    const termList = parseTerms(terms);
    const subjectOk = newSubject
      ? subjectForm.validate({
          externalId: externalId.trim() ? [] : ["Enter the subject's external id."],
          phenotypeTerms: invalidTerms(termList),
        })
      : subjectForm.validate({});
    if (!sampleOk || !subjectOk) return;

    let subjectId: string | null = null;
    try {
      if (subjectMode === 'existing') subjectId = existing!.id;
      if (subjectMode === 'new') {
        let subject = createdSubject;
        if (!subject) {
          subject = await createSubject.mutateAsync({
            externalId: externalId.trim(),
            sex,
            dateOfBirth: dateOfBirth || null,
            phenotypeTerms: termList,
            notes: notes.trim() || null,
          });
          setCreatedSubject(subject);
        }
        subjectId = subject.id;
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

  const summary = sampleForm.summary ?? subjectForm.summary;

  return (
    <div className="page page--medium">
      <header className="page__header">
        <p className="page__eyebrow">
          <Link to={base}>Samples</Link>
        </p>
        <h1 className="page__title">Define sample</h1>
      </header>
      <form className="form card" noValidate onSubmit={(e) => void submit(e)} aria-label="Define sample">
        {summary ? (
          <Alert ref={sampleForm.summary ? sampleForm.alertRef : subjectForm.alertRef} title="The sample could not be defined">
            {summary}
          </Alert>
        ) : null}
        <TextField
          ref={sampleForm.fieldRef('name')}
          label="Sample name"
          name="name"
          required
          autoComplete="off"
          value={name}
          onChange={(e) => setName(e.target.value)}
          hint="Your laboratory's identifier; unique in the workspace."
          errors={sampleForm.fieldErrors.name}
        />
        <SelectField
          ref={sampleForm.fieldRef('assay')}
          label="Assay"
          name="assay"
          required
          value={assay}
          onChange={(e) => setAssay(e.target.value)}
          errors={sampleForm.fieldErrors.assay}
          hint={assays.isError ? `The assays could not be loaded: ${assays.error.message}` : undefined}
        >
          <option value="">{assays.isPending ? 'Loading…' : 'Choose an assay'}</option>
          {(assays.data ?? []).map((a) => (
            <option key={a.name} value={a.name}>
              {a.name}
            </option>
          ))}
        </SelectField>

        <fieldset className="checklist form__group">
          <legend className="field__label">Subject</legend>
          <div className="segmented" role="radiogroup" aria-label="Subject">
            {(
              [
                ['none', 'No subject'],
                ['existing', 'Existing subject'],
                ['new', 'New subject'],
              ] as const
            ).map(([mode, label]) => (
              <label key={mode} className="segmented__option segmented__radio">
                <input
                  type="radio"
                  className="visually-hidden"
                  name={`${ids}-subject-mode`}
                  checked={subjectMode === mode}
                  onChange={() => setSubjectMode(mode)}
                />
                {label}
              </label>
            ))}
          </div>

          {subjectMode === 'existing' ? (
            <div className="subform">
              <div className="lookup">
                <TextField
                  ref={(el) => {
                    sampleForm.fieldRef('subjectId')(el);
                    lookupInput.current = el;
                  }}
                  label="External id of the subject"
                  name="subjectLookup"
                  autoComplete="off"
                  spellCheck={false}
                  value={lookup}
                  onChange={(e) => changeLookup(e.target.value)}
                  onKeyDown={lookupKeyDown}
                  errors={lookupFieldErrors.length > 0 ? lookupFieldErrors : undefined}
                />
                <Button variant="secondary" className="lookup__button" busy={findSubject.isPending} busyLabel="Finding…" onClick={find}>
                  Find
                </Button>
              </div>
              <p className="muted lookup__hint">Type the subject's exact external id (upper or lower case does not matter).</p>
              <p className="lookup__status" role="status">
                {findSubject.isSuccess ? `Found subject ${findSubject.data.externalId}.` : null}
                {notFound ? 'No subject with this external id.' : null}
              </p>
              {notFound ? (
                <div>
                  <Button variant="secondary" onClick={createFromLookup}>
                    Create a new subject with this id
                  </Button>
                </div>
              ) : null}
              {lookupFailure ? <Alert title="The subject could not be looked up">{lookupFailure}</Alert> : null}

              {canBrowseSubjects ? (
                <>
                  <TextField
                    label="Or search the subjects"
                    name="subjectSearch"
                    type="search"
                    autoComplete="off"
                    placeholder="External id"
                    value={subjectSearch}
                    onChange={(e) => setSubjectSearch(e.target.value)}
                  />
                  {subjects.isPending ? <LoadingState label="Searching subjects…" /> : null}
                  {subjects.isError ? <Alert>{subjects.error.message}</Alert> : null}
                  {subjects.data && subjects.data.length === 0 ? (
                    <p className="muted">{debouncedSubjectSearch ? 'No subject matches.' : 'This workspace has no subjects yet.'}</p>
                  ) : null}
                  {subjects.data && subjects.data.length > 0 ? (
                    <ul className="picker__list" aria-label="Subjects">
                      {subjects.data.map((s) => (
                        <li key={s.id}>
                          <label className="checklist__item">
                            <input
                              type="radio"
                              name={`${ids}-subject`}
                              checked={existing?.id === s.id}
                              onChange={() => chooseFromList(s)}
                            />
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
          ) : null}

          {subjectMode === 'new' ? (
            <div className="subform">
              {createdSubject ? (
                <Alert tone="info">
                  The subject {createdSubject.externalId} was created; the sample will be linked to it.
                </Alert>
              ) : (
                <>
                  <TextField
                    ref={(el) => {
                      subjectForm.fieldRef('externalId')(el);
                      newExternalIdInput.current = el;
                    }}
                    label="External id"
                    name="externalId"
                    autoComplete="off"
                    value={externalId}
                    onChange={(e) => setExternalId(e.target.value)}
                    hint="The subject's identifier in your laboratory; unique in the workspace."
                    errors={subjectForm.fieldErrors.externalId}
                  />
                  <div className="form__row">
                    <SelectField
                      ref={subjectForm.fieldRef('sex')}
                      label="Sex"
                      name="sex"
                      value={sex}
                      onChange={(e) => setSex(e.target.value)}
                      errors={subjectForm.fieldErrors.sex}
                    >
                      {SEXES.map((s) => (
                        <option key={s} value={s}>
                          {s}
                        </option>
                      ))}
                    </SelectField>
                    <TextField
                      ref={subjectForm.fieldRef('dateOfBirth')}
                      label="Date of birth (optional)"
                      name="dateOfBirth"
                      type="date"
                      value={dateOfBirth}
                      onChange={(e) => setDateOfBirth(e.target.value)}
                      errors={subjectForm.fieldErrors.dateOfBirth}
                    />
                  </div>
                  <TextField
                    ref={subjectForm.fieldRef('phenotypeTerms')}
                    label="Phenotype terms (optional)"
                    name="phenotypeTerms"
                    autoComplete="off"
                    spellCheck={false}
                    placeholder="HP:0001250, HP:0000252"
                    value={terms}
                    onChange={(e) => setTerms(e.target.value)}
                    hint="HPO ids such as HP:0001250, separated by commas or spaces."
                    errors={subjectForm.fieldErrors.phenotypeTerms}
                  />
                  <TextAreaField
                    ref={subjectForm.fieldRef('notes')}
                    label="Notes (optional)"
                    name="notes"
                    value={notes}
                    onChange={(e) => setNotes(e.target.value)}
                    errors={subjectForm.fieldErrors.notes}
                  />
                </>
              )}
            </div>
          ) : null}
        </fieldset>

        {canAssign ? (
          <UserPicker
            label="Assign to"
            hint="Choose who works on this sample. You are assigned automatically as its creator."
            candidates={candidates}
            selected={assigneeIds}
            onChange={setAssigneeIds}
            errors={sampleForm.fieldErrors.assigneeIds}
            disabled={busy}
          />
        ) : (
          <p className="note">You are assigned to this sample automatically as its creator.</p>
        )}

        <div className="form__actions">
          <Link to={base} className="btn btn--secondary">
            <span>Cancel</span>
          </Link>
          <Button type="submit" busy={busy} busyLabel="Defining…">
            Define sample
          </Button>
        </div>
      </form>
    </div>
  );
}
