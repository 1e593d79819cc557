import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { asApiError } from '../../api/problem';
import {
  ActionsHeader,
  Alert,
  Button,
  DataTable,
  formatDate,
  formatDateTime,
  LoadingState,
  RelativeTime,
  RetryAlert,
  RowActions,
  usePageTitle,
  useStatusMessage,
} from '../../components';
import { usePermissions } from '../organizations/permissions';
import { useMyWorkspaces } from '../samples/samplesWorkspace';
import { useRestore, useTrash, type TrashItem } from './api';
import { joinNames } from './names';

const KIND: Record<string, string> = { sample: 'Sample', subject: 'Subject' };

function kindLabel(kind: string): string {
  return KIND[kind.toLowerCase()] ?? kind;
}

/**
 * /orgs/:orgId/workspaces/:workspaceId/trash (samples.delete) — the workspace's deleted samples and subjects until the
 * purge job removes them for good: who deleted each and when, when it goes, who was assigned to it; Restore puts it
 * back (409 when its name was taken meanwhile: the detail says so).
 */
export default function TrashPage() {
  const { orgId = '', workspaceId = '' } = useParams();
  const permissions = usePermissions(orgId);
  const canRestore = permissions.can('samples.delete', workspaceId);
  const workspaceName = useMyWorkspaces(orgId).find((w) => w.id === workspaceId)?.name;
  usePageTitle(workspaceName ? `Trash · ${workspaceName}` : 'Trash');
  const trash = useTrash(orgId, workspaceId, { enabled: canRestore });
  const restore = useRestore(orgId, workspaceId);
  const announce = useStatusMessage();
  const [failed, setFailed] = useState<{ item: TrashItem; message: string } | null>(null);
  const analyses = `/orgs/${orgId}/workspaces/${workspaceId}/samples`;

  if (permissions.isLoading) return <LoadingState />;
  if (!permissions.canEnter(workspaceId) || !canRestore) {
    return (
      <div className="page page--narrow">
        <h1 className="page__title">Trash</h1>
        <p>
          {permissions.canEnter(workspaceId)
            ? 'Your role cannot delete or restore samples in this workspace, so its trash is not shown to you.'
            : 'This workspace does not exist, or you have not been given access to it.'}
        </p>
        <Link to={permissions.canEnter(workspaceId) ? analyses : `/orgs/${orgId}/workspaces`}>
          {permissions.canEnter(workspaceId) ? 'Back to the Analyses table' : 'Go to the workspaces'}
        </Link>
      </div>
    );
  }

  function onRestore(item: TrashItem) {
    setFailed(null);
    restore.mutate(item, {
      onSuccess: () => announce(`${kindLabel(item.kind)} “${item.name}” restored.`),
      onError: (error) => setFailed({ item, message: asApiError(error).message }),
    });
  }

  const items = trash.data ?? [];
  return (
    <div className="page">
      <header className="page__header">
        <p className="page__eyebrow">
          <Link to={analyses}>{workspaceName ? `Analyses · ${workspaceName}` : 'Analyses'}</Link>
        </p>
        <h1 className="page__title">Trash</h1>
        <p className="page__subtitle">
          Deleted samples and subjects of this workspace. Each can be restored until its purge date; after that it is
          gone for good.
        </p>
      </header>

      {failed ? (
        <Alert title={`${kindLabel(failed.item.kind)} “${failed.item.name}” could not be restored`}>{failed.message}</Alert>
      ) : null}
      {trash.isPending ? <LoadingState label="Loading the trash…" /> : null}
      {trash.isError ? <RetryAlert title="The trash could not be loaded" message={trash.error.message} onRetry={() => void trash.refetch()} /> : null}
      {trash.isSuccess && items.length === 0 ? (
        <section className="card empty">
          <h2 className="empty__title">The trash is empty</h2>
          <p className="empty__text">Deleted samples and subjects appear here until they are purged.</p>
        </section>
      ) : null}
      {items.length > 0 ? (
        <section className="card card--flush" aria-label="Deleted items">
          <DataTable
            caption="Deleted samples and subjects"
            busy={trash.isFetching}
            columns={
              <>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Deleted by</th>
                <th scope="col">Deleted</th>
                <th scope="col">Purged on</th>
                <th scope="col">Assigned to</th>
                <ActionsHeader />
              </>
            }
          >
            {items.map((item) => (
              <tr key={`${item.kind}-${item.id}`}>
                <th scope="row" className="table__primary nowrap">
                  <span className="table__name">{item.name}</span>
                </th>
                <td>{kindLabel(item.kind)}</td>
                <td>{item.deletedBy.displayName}</td>
                <td className="nowrap">
                  <RelativeTime value={item.deletedAt} />
                </td>
                <td className="nowrap">
                  <time dateTime={item.purgeAfter} title={formatDateTime(item.purgeAfter)}>
                    {formatDate(item.purgeAfter)}
                  </time>
                </td>
                <td>
                  {item.assignees.length > 0 ? (
                    joinNames(item.assignees.map((a) => a.displayName))
                  ) : (
                    <span className="muted">{item.kind.toLowerCase() === 'sample' ? 'Nobody' : '—'}</span>
                  )}
                </td>
                <RowActions>
                  <Button
                    variant="secondary"
                    aria-label={`Restore ${kindLabel(item.kind).toLowerCase()} ${item.name}`}
                    busy={restore.isPending && restore.variables?.id === item.id}
                    busyLabel="Restoring…"
                    disabled={restore.isPending}
                    onClick={() => onRestore(item)}
                  >
                    Restore
                  </Button>
                </RowActions>
              </tr>
            ))}
          </DataTable>
        </section>
      ) : null}
    </div>
  );
}
