import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { mutationStatus } from '../../api/problem';
import { Button, ConfirmDialog, DataTable, formatDate, formatDateTime, LoadFailure, LoadingState, usePageTitle, useStatusMessage } from '../../components';
import { usePermissions } from '../organizations/permissions';
import { AssigneeList } from '../samples/AssigneeList';
import { TRASH_RETENTION_DAYS } from '../trash/names';
import { useDeleteSubject, useSubjectDetail } from './api';
import { EditSubjectDialog } from './EditSubjectDialog';
import { subjectPath, subjectsPath } from './paths';
import type { Relative, SubjectDetail } from './types';

/**
 * /orgs/:orgId/workspaces/:workspaceId/subjects/:subjectId — one subject: details, "Edit subject" (samples.define),
 * "Delete subject" into the trash (samples.delete; only once no sample refers to it), its family (affected status,
 * parents, children: those I may see) and the samples of it I may see (GET …/subjects/{id} sends them, newest first, at most 200, with their count).
 */
export default function SubjectPage() {
  const { orgId = '', workspaceId = '', subjectId = '' } = useParams();
  const { can } = usePermissions(orgId);
  const canEdit = can('samples.define', workspaceId);
  const canList = can('samples.view.all', workspaceId) || can('samples.view.assigned', workspaceId);
  const seesAll = can('samples.view.all', workspaceId);
  const canDelete = can('samples.delete', workspaceId);
  const detail = useSubjectDetail(orgId, workspaceId, subjectId);
  const remove = useDeleteSubject(orgId, workspaceId, subjectId);
  const navigate = useNavigate();
  const announce = useStatusMessage();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  usePageTitle(detail.data ? `Subject ${detail.data.subject.externalId}` : 'Subject');
  const analysesPath = `/orgs/${orgId}/workspaces/${workspaceId}/samples`;
  const back = canList ? (
    <Link to={subjectsPath(orgId, workspaceId)}>Back to the subjects</Link>
  ) : (
    <Link to={analysesPath}>Back to the Analyses table</Link>
  );

  if (detail.isPending) return <LoadingState label="Loading subject…" />;
  if (detail.isError)
    return (
      <LoadFailure noun="subject" error={detail.error} onRetry={() => void detail.refetch()}>
        {back}
      </LoadFailure>
    );
  const { subject } = detail.data;

  return (
    <div className="page page--medium">
      <header className="page__header page__header--split">
        <div>
          <p className="page__eyebrow">{canList ? <Link to={subjectsPath(orgId, workspaceId)}>Subjects</Link> : <Link to={analysesPath}>Analyses</Link>}</p>
          <h1 className="page__title">{subject.externalId}</h1>
        </div>
        <div className="actions">
          {canEdit ? (
            <Button variant="secondary" onClick={() => setEditing(true)}>
              Edit subject
            </Button>
          ) : null}
          {canDelete ? (
            <Button
              variant="ghost-danger"
              disabled={detail.data.visibleSampleCount > 0}
              aria-describedby={detail.data.visibleSampleCount > 0 ? 'subject-delete-reason' : undefined}
              onClick={() => setDeleting(true)}
            >
              Delete subject
            </Button>
          ) : null}
          {canDelete && detail.data.visibleSampleCount > 0 ? (
            <p id="subject-delete-reason" className="muted">
              Samples refer to this subject: delete them or link them to another subject first.
            </p>
          ) : null}
        </div>
      </header>

      <section className="card" aria-labelledby="subject-details">
        <h2 id="subject-details" className="card__title">
          Details
        </h2>
        <dl className="details">
          <div>
            <dt>External id</dt>
            <dd>{subject.externalId}</dd>
          </div>
          <div>
            <dt>Sex</dt>
            <dd>{subject.sex}</dd>
          </div>
          <div>
            <dt>Date of birth</dt>
            <dd>{subject.dateOfBirth ?? <span className="muted">Not recorded</span>}</dd>
          </div>
          <div>
            <dt>Phenotype terms</dt>
            <dd>{subject.phenotypeTerms.length > 0 ? subject.phenotypeTerms.join(', ') : <span className="muted">None</span>}</dd>
          </div>
          <div>
            <dt>Notes</dt>
            <dd>{subject.notes ?? <span className="muted">None</span>}</dd>
          </div>
          <div>
            <dt>Created</dt>
            <dd>{formatDateTime(subject.createdAt)}</dd>
          </div>
        </dl>
      </section>

      <SubjectFamily orgId={orgId} workspaceId={workspaceId} detail={detail.data} seesAll={seesAll} />

      <SubjectSamples orgId={orgId} workspaceId={workspaceId} detail={detail.data} seesAll={seesAll} />

      {editing ? (
        <EditSubjectDialog
          orgId={orgId}
          workspaceId={workspaceId}
          subject={subject}
          family={detail.data.family}
          canBrowseSubjects={seesAll}
          onClose={() => setEditing(false)}
        />
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title="Move subject to the trash"
          tone="danger"
          actionLabel="Move to trash"
          busyLabel="Moving…"
          {...mutationStatus(remove)}
          onCancel={() => {
            remove.reset();
            setDeleting(false);
          }}
          onConfirm={() =>
            remove.mutate(undefined, {
              onSuccess: () => {
                announce(`Subject “${subject.externalId}” moved to the trash.`);
                navigate(canList ? subjectsPath(orgId, workspaceId) : analysesPath, { replace: true });
              },
            })
          }
        >
          <p>
            Delete <strong>{subject.externalId}</strong>? It goes to the workspace's trash and can be restored from there
            for {TRASH_RETENTION_DAYS} days, then it is deleted for good.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

/**
 * The subject's affected status, parents and children. The server lists only the relatives I may see: a parent the
 * subject records (fatherId / motherId) that is not listed is one I may not see, and is said so.
 */
function SubjectFamily({ orgId, workspaceId, detail, seesAll }: { orgId: string; workspaceId: string; detail: SubjectDetail; seesAll: boolean }) {
  const { subject, family } = detail;
  const parent = (relative: Relative | null, recorded: boolean) =>
    relative ? (
      <RelativeLink orgId={orgId} workspaceId={workspaceId} relative={relative} />
    ) : (
      <span className="muted">{recorded ? 'Recorded, not visible to you' : 'Not recorded'}</span>
    );
  return (
    <section className="card" aria-labelledby="subject-family">
      <h2 id="subject-family" className="card__title">
        Family
      </h2>
      {seesAll ? null : <p className="muted">Only the relatives you can see are listed.</p>}
      <dl className="details">
        <div>
          <dt>Affected status</dt>
          <dd>{subject.affected}</dd>
        </div>
        <div>
          <dt>Father</dt>
          <dd>{parent(family.father, subject.fatherId !== null)}</dd>
        </div>
        <div>
          <dt>Mother</dt>
          <dd>{parent(family.mother, subject.motherId !== null)}</dd>
        </div>
        <div>
          <dt>Children</dt>
          <dd>
            {family.children.length > 0 ? (
              <ul className="list" aria-label={`Children of ${subject.externalId}`}>
                {family.children.map((child) => (
                  <li key={child.id}>
                    <RelativeLink orgId={orgId} workspaceId={workspaceId} relative={child} />
                  </li>
                ))}
              </ul>
            ) : (
              <span className="muted">None</span>
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}

/** A relative: a link to their subject page (named by the external id), then their sex and affected status. */
function RelativeLink({ orgId, workspaceId, relative }: { orgId: string; workspaceId: string; relative: Relative }) {
  return (
    <>
      <Link to={subjectPath(orgId, workspaceId, relative.id)}>{relative.externalId}</Link>{' '}
      <span className="muted">
        · {relative.sex} · {relative.affected}
      </span>
    </>
  );
}

/** The samples of the subject I may see, newest first (as many as the server sends, with the full count). */
function SubjectSamples({ orgId, workspaceId, detail, seesAll }: { orgId: string; workspaceId: string; detail: SubjectDetail; seesAll: boolean }) {
  const { samples, visibleSampleCount, subject } = detail;
  const count = `${visibleSampleCount.toLocaleString('en-US')} ${visibleSampleCount === 1 ? 'sample' : 'samples'}`;
  const notes = [
    ...(seesAll ? [] : ['Only the samples you can see are listed.']),
    ...(visibleSampleCount === 0 ? ['No sample you can see belongs to this subject.'] : []),
    ...(samples.length < visibleSampleCount
      ? [`The newest ${samples.length.toLocaleString('en-US')} of ${visibleSampleCount.toLocaleString('en-US')} samples are listed.`]
      : []),
  ];
  return (
    <section className="card card--flush people" aria-labelledby="subject-samples">
      <div className="people__header">
        <h2 id="subject-samples" className="card__title">
          Samples
        </h2>
        <p className="muted">{count}</p>
      </div>
      {notes.length > 0 ? (
        <div className="people__message">
          {notes.map((note) => (
            <p key={note} className="muted">
              {note}
            </p>
          ))}
        </div>
      ) : null}
      {samples.length > 0 ? (
        <DataTable
          caption={`Samples of ${subject.externalId}`}
          columns={
            <>
              <th scope="col">Sample</th>
              <th scope="col">Assay</th>
              <th scope="col">Status</th>
              <th scope="col">Created</th>
              <th scope="col">Assigned to</th>
            </>
          }
        >
          {samples.map((s) => (
            <tr key={s.id}>
              <th scope="row" className="table__primary nowrap">
                <Link className="table__name" to={`/orgs/${orgId}/workspaces/${workspaceId}/samples/${s.id}`}>
                  {s.name}
                </Link>
              </th>
              <td className="nowrap">{s.assay}</td>
              <td className="nowrap">
                <span className="tag tag--status">{s.status}</span>
              </td>
              <td>
                {formatDate(s.createdAt)}
                <span className="table__secondary">by {s.createdBy.displayName}</span>
              </td>
              <td>
                <AssigneeList people={s.assignees} />
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </section>
  );
}
