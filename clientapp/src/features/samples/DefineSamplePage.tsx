import { Link, useParams } from 'react-router';
import { Button, LoadingState, ProblemAlert, SelectField, TextField, usePageTitle } from '../../components';
import { useMe } from '../auth/authApi';
import { usePermissions } from '../organizations/permissions';
import { useAssays } from './api';
import { AssigneeStep } from './AssigneeStep';
import { useMyWorkspaces } from './samplesWorkspace';
import { SubjectStep } from './SubjectStep';
import { useAssigneeCandidates } from './useAssigneeCandidates';
import { useDefineSample } from './useDefineSample';

export { invalidTerms, parseTerms } from './subjectTerms';

/**
 * /orgs/:orgId/workspaces/:workspaceId/samples/new — define a sample (samples.define).
 *
 * An existing subject is found by its exact external id (GET …/subjects/lookup, any case), which everyone who defines
 * samples may do; browsing and searching the subject list is offered only with samples.view.all, since the list shows
 * subjects' details. A subject that is not found can be created instead, as with "New subject".
 */
export default function DefineSamplePage() {
  const { orgId = '', workspaceId = '' } = useParams();
  const workspaceName = useMyWorkspaces(orgId).find((w) => w.id === workspaceId)?.name;
  const heading = workspaceName ? `Define a sample in ${workspaceName}` : 'Define a sample';
  usePageTitle(heading);
  const { data: me } = useMe();
  const permissions = usePermissions(orgId);
  const canDefine = permissions.can('samples.define', workspaceId);
  const canAssign = permissions.can('samples.assign', workspaceId);
  const canBrowseSubjects = permissions.can('samples.view.all', workspaceId);
  const assays = useAssays(orgId);
  // The creator is always among the people shown (ticked and locked: the server assigns them).
  const candidates = useAssigneeCandidates(orgId, workspaceId, me ? [{ userId: me.id, displayName: me.displayName }] : []);
  const { base, name, setName, assay, setAssay, assigneeIds, setAssigneeIds, subject, sampleForm, subjectForm, busy, submit } = useDefineSample(
    orgId,
    workspaceId,
    { canAssign, canBrowseSubjects },
  );
  const { fieldErrors: sampleErrors, field: sampleField, fieldRef: sampleFieldRef, summary: sampleSummary, alertRef: sampleAlertRef } = sampleForm;
  const { field: subjectField, summary: subjectSummary, alertRef: subjectAlertRef } = subjectForm;

  if (permissions.isLoading) return <LoadingState />;
  if (!canDefine) {
    return (
      <div className="page page--narrow">
        <h1 className="page__title">{heading}</h1>
        <p>Your role cannot define samples in this workspace.</p>
        <Link to={base}>Back to the Analyses table</Link>
      </div>
    );
  }

  const summary = sampleSummary ?? subjectSummary;

  return (
    <div className="page page--medium">
      <header className="page__header">
        <p className="page__eyebrow">
          <Link to={base}>Analyses</Link>
        </p>
        <h1 className="page__title">{heading}</h1>
      </header>
      <form className="form card" noValidate onSubmit={(e) => void submit(e)} aria-label="Define sample">
        <ProblemAlert ref={sampleSummary ? sampleAlertRef : subjectAlertRef} title="The sample could not be defined" summary={summary} />
        <TextField
          {...sampleField('name')}
          label="Sample name"
          required
          autoComplete="off"
          value={name}
          onChange={(e) => setName(e.target.value)}
          hint="Your laboratory's identifier; unique in the workspace."
        />
        <SelectField
          {...sampleField('assay')}
          label="Assay"
          required
          value={assay}
          onChange={(e) => setAssay(e.target.value)}
          hint={assays.isError ? `The assays could not be loaded: ${assays.error.message}` : undefined}
        >
          <option value="">{assays.isPending ? 'Loading…' : 'Choose an assay'}</option>
          {(assays.data ?? []).map((a) => (
            <option key={a.name} value={a.name}>
              {a.name}
            </option>
          ))}
        </SelectField>

        <SubjectStep
          choice={subject}
          canBrowseSubjects={canBrowseSubjects}
          subjectIdErrors={sampleErrors.subjectId}
          subjectIdRef={sampleFieldRef('subjectId')}
          subjectField={subjectField}
        />

        <AssigneeStep
          canAssign={canAssign}
          candidates={candidates}
          selected={assigneeIds}
          onChange={setAssigneeIds}
          errors={sampleErrors.assigneeIds}
          disabled={busy}
          creatorId={me?.id}
        />

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
