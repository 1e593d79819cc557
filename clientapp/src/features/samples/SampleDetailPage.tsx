import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { mutationStatus } from '../../api/problem';
import { Alert, Button, ConfirmDialog, formatDateTime, LoadFailure, LoadingState, RelativeTime, usePageTitle, useStatusMessage } from '../../components';
import { SampleAccessSection } from '../access/SampleAccessSection';
import { useMe } from '../auth/authApi';
import { SampleRunsSection } from '../analyses/SampleRunsSection';
import { BookmarkToggle } from '../bookmarks/BookmarkToggle';
import { SampleFilesSection } from '../files/SampleFilesSection';
import { usePermissions } from '../organizations/permissions';
import { subjectPath } from '../subjects/paths';
import { joinNames, TRASH_RETENTION_DAYS } from '../trash/names';
import { useDeleteSample, useSample, useSampleAssignees } from './api';
import { EditAssigneesDialog } from './AssignDialogs';
import { initials } from './UserPicker';

/**
 * /orgs/:orgId/workspaces/:workspaceId/samples/:sampleId — one sample, its assignees, files and runs, deletion; with
 * users.manage, who can see it and why (loaded on request).
 */
export default function SampleDetailPage() {
  const { orgId = '', workspaceId = '', sampleId = '' } = useParams();
  const navigate = useNavigate();
  const { can } = usePermissions(orgId);
  const canAssign = can('samples.assign', workspaceId);
  // Deleting moves the sample to the workspace's trash (samples.delete, which also restores it).
  const canDelete = can('samples.delete', workspaceId);
  // Who else can see it, and why (the access explainer needs users.manage).
  const canExplainAccess = can('users.manage');
  const { data: me } = useMe();
  const announce = useStatusMessage();
  const sample = useSample(orgId, workspaceId, sampleId);
  const assignees = useSampleAssignees(orgId, workspaceId, sampleId, { enabled: sample.isSuccess });
  const remove = useDeleteSample(orgId, workspaceId);
  const [open, setOpen] = useState<'assign' | 'delete' | null>(null);
  usePageTitle(sample.data?.name ?? 'Sample');
  const base = `/orgs/${orgId}/workspaces/${workspaceId}/samples`;

  if (sample.isPending) return <LoadingState label="Loading sample…" />;
  if (sample.isError)
    return (
      <LoadFailure noun="sample" error={sample.error} onRetry={() => void sample.refetch()}>
        <Link to={base}>Back to the Analyses table</Link>
      </LoadFailure>
    );
  const s = sample.data;

  return (
    <div className="page page--medium">
      <header className="page__header page__header--split">
        <div>
          <p className="page__eyebrow">
            <Link to={base}>Analyses</Link>
          </p>
          <h1 className="page__title">{s.name}</h1>
        </div>
        <div className="actions">
          <BookmarkToggle orgId={orgId} kind="sample" workspaceId={workspaceId} targetId={s.id} />
          {canDelete ? (
            <Button variant="ghost-danger" onClick={() => setOpen('delete')}>
              Delete sample
            </Button>
          ) : null}
        </div>
      </header>

      <section className="card" aria-labelledby="sample-details">
        <h2 id="sample-details" className="card__title">
          Details
        </h2>
        <dl className="details">
          <div>
            <dt>Subject</dt>
            <dd>
              {s.subject ? <Link to={subjectPath(orgId, workspaceId, s.subject.id)}>{s.subject.externalId}</Link> : <span className="muted">None</span>}
            </dd>
          </div>
          <div>
            <dt>Assay</dt>
            <dd>{s.assay}</dd>
          </div>
          <div>
            <dt>Status</dt>
            <dd>{s.status}</dd>
          </div>
          <div>
            <dt>Created</dt>
            <dd>
              {formatDateTime(s.createdAt)} by {s.createdBy.displayName}
            </dd>
          </div>
        </dl>
      </section>

      <section className="card" aria-labelledby="sample-assignees">
        <div className="card__header">
          <h2 id="sample-assignees" className="card__title">
            Assigned to
          </h2>
          {canAssign ? (
            <Button variant="secondary" onClick={() => setOpen('assign')}>
              Edit assignees
            </Button>
          ) : null}
        </div>
        {assignees.isPending ? <LoadingState label="Loading assignees…" /> : null}
        {assignees.isError ? <Alert>{assignees.error.message}</Alert> : null}
        {assignees.data && assignees.data.length === 0 ? <p className="muted">Nobody is assigned to this sample.</p> : null}
        {assignees.data && assignees.data.length > 0 ? (
          <ul className="list" aria-labelledby="sample-assignees">
            {assignees.data.map((a) => (
              <li key={a.userId} className="list__item list__item--person">
                <span className="avatar" aria-hidden="true">
                  {initials(a.displayName)}
                </span>
                <span className="list__primary">{a.displayName}</span>
                <span className="list__secondary">
                  assigned <RelativeTime value={a.assignedAt} />
                </span>
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      <SampleFilesSection orgId={orgId} workspaceId={workspaceId} sampleId={s.id} sampleName={s.name} canDefine={can('samples.define', workspaceId)} />

      <SampleRunsSection orgId={orgId} workspaceId={workspaceId} sample={{ id: s.id, name: s.name }} />

      {canExplainAccess ? <SampleAccessSection key={s.id} orgId={orgId} sample={{ id: s.id, name: s.name }} /> : null}

      {open === 'assign' ? (
        <EditAssigneesDialog
          orgId={orgId}
          workspaceId={workspaceId}
          sample={{ id: s.id, name: s.name, assignees: (assignees.data ?? s.assignees).map(({ userId, displayName }) => ({ userId, displayName })) }}
          known={[s.createdBy]}
          onClose={() => setOpen(null)}
        />
      ) : null}
      {open === 'delete' ? (
        <ConfirmDialog
          title="Move sample to the trash"
          tone="danger"
          actionLabel="Move to trash"
          busyLabel="Moving…"
          {...mutationStatus(remove)}
          onCancel={() => {
            remove.reset();
            setOpen(null);
          }}
          onConfirm={() =>
            remove.mutate(s.id, {
              onSuccess: () => {
                announce(`Sample “${s.name}” moved to the trash.`);
                navigate(base, { replace: true });
              },
            })
          }
        >
          <p>
            Delete <strong>{s.name}</strong>? It goes to the workspace's trash with its assignments: it leaves the
            Analyses table and can be restored from the trash for {TRASH_RETENTION_DAYS} days, then it is deleted for good.
          </p>
          <DeleteWarning others={(assignees.data ?? s.assignees).filter((a) => a.userId !== me?.id).map((a) => a.displayName)} />
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

/** Names the people assigned to the sample (other than me) who lose it from their lists. */
function DeleteWarning({ others }: { others: string[] }) {
  if (others.length === 0) return null;
  return (
    <p>
      {others.length === 1
        ? `${others[0]} works on this sample; they will lose it from their list.`
        : `${joinNames(others)} work on this sample; they will lose it from their lists.`}
    </p>
  );
}
