import { useState } from 'react';
import { Link } from 'react-router';
import { mutationStatus } from '../../api/problem';
import type { Workspace } from '../../api/types';
import {
  ActionsHeader,
  Button,
  DataTable,
  formatDate,
  LoadingState,
  RetryAlert,
  RowActions,
  TypedConfirmDialog,
  usePageTitle,
  useStatusMessage,
} from '../../components';
import { useCurrentOrgId, usePermissions } from '../organizations/permissions';
import { useDeleteWorkspace, useWorkspaces } from './api';
import { WorkspaceAccessDialog } from './WorkspaceAccessDialog';
import { CreateWorkspaceDialog, EditWorkspaceDialog } from './WorkspaceFormDialog';

type Open = { kind: 'create' } | { kind: 'edit' | 'access' | 'delete'; workspace: Workspace } | null;

/** /orgs/:orgId/workspaces: list, create, rename, delete, and who may enter each workspace. */
export default function WorkspacesPage() {
  usePageTitle('Workspaces');
  const orgId = useCurrentOrgId()!;
  const { can, canEnter } = usePermissions(orgId);
  const canCreate = can('workspaces.create');
  const canDelete = can('workspaces.delete');
  const canManageAccess = can('workspaces.access.manage');
  const workspaces = useWorkspaces(orgId, { all: canManageAccess });
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  // Dialogs keep working on the latest copy of the workspace (e.g. access lists after a change).
  const current = open && open.kind !== 'create' ? (workspaces.data?.find((w) => w.id === open.workspace.id) ?? open.workspace) : null;

  return (
    <div className="page">
      <header className="page__header page__header--split">
        <div>
          <h1 className="page__title">Workspaces</h1>
          <p className="page__subtitle">
            {canManageAccess
              ? 'Every workspace in the organization, and who can enter it.'
              : 'The workspaces you can enter.'}
          </p>
        </div>
        {canCreate ? <Button onClick={() => setOpen({ kind: 'create' })}>New workspace</Button> : null}
      </header>

      {workspaces.isPending ? <LoadingState label="Loading workspaces…" /> : null}
      {workspaces.isError ? (
        <RetryAlert title="Workspaces could not be loaded" message={workspaces.error.message} onRetry={() => void workspaces.refetch()} />
      ) : null}
      {workspaces.data && workspaces.data.length === 0 ? (
        <section className="card empty">
          <h2 className="empty__title">No workspaces</h2>
          <p className="empty__text">
            {canCreate
              ? 'Create a workspace for a project, study or test type.'
              : 'You have not been given access to any workspace yet. Ask an administrator of your organization.'}
          </p>
        </section>
      ) : null}
      {workspaces.data && workspaces.data.length > 0 ? (
        <DataTable
          caption="Workspaces"
          className="card card--flush"
          columns={
            <>
              <th scope="col">Workspace</th>
              <th scope="col">Created</th>
              <th scope="col" className="num">
                People with access
              </th>
              {canCreate || canDelete || canManageAccess ? (
                <ActionsHeader />
              ) : null}
            </>
          }
        >
          {workspaces.data.map((w) => (
            <tr key={w.id}>
              <th scope="row" className="table__primary">
                {canEnter(w.id) ? (
                  <Link className="table__name wrap-anywhere" to={`/orgs/${orgId}/workspaces/${w.id}/samples`}>
                    {w.name}
                  </Link>
                ) : (
                  <span className="table__name wrap-anywhere">{w.name}</span>
                )}
                {canManageAccess && !canEnter(w.id) ? (
                  <span className="tag" title="You manage access to this workspace but cannot enter it">
                    Not entered by you
                  </span>
                ) : null}
                {w.description ? <span className="table__secondary wrap-anywhere">{w.description}</span> : null}
              </th>
              <td className="nowrap">{formatDate(w.createdAt)}</td>
              <td className="num">{w.memberUserIds.length}</td>
              {canCreate || canDelete || canManageAccess ? (
                <RowActions>
                  {canCreate ? (
                    <Button variant="ghost" aria-label={`Edit ${w.name}`} onClick={() => setOpen({ kind: 'edit', workspace: w })}>
                      Edit
                    </Button>
                  ) : null}
                  {canManageAccess ? (
                    <Button
                      variant="ghost"
                      aria-label={`Manage access to ${w.name}`}
                      onClick={() => setOpen({ kind: 'access', workspace: w })}
                    >
                      Access
                    </Button>
                  ) : null}
                  {canDelete ? (
                    <Button
                      variant="ghost-danger"
                      aria-label={`Delete ${w.name}`}
                      onClick={() => setOpen({ kind: 'delete', workspace: w })}
                    >
                      Delete
                    </Button>
                  ) : null}
                </RowActions>
              ) : null}
            </tr>
          ))}
        </DataTable>
      ) : null}

      {open?.kind === 'create' ? <CreateWorkspaceDialog orgId={orgId} onClose={close} /> : null}
      {open?.kind === 'edit' && current ? <EditWorkspaceDialog orgId={orgId} workspace={current} onClose={close} /> : null}
      {open?.kind === 'access' && current ? <WorkspaceAccessDialog orgId={orgId} workspace={current} onClose={close} /> : null}
      {open?.kind === 'delete' && current ? <DeleteWorkspaceDialog orgId={orgId} workspace={current} onClose={close} /> : null}
    </div>
  );
}

function DeleteWorkspaceDialog({ orgId, workspace, onClose }: { orgId: string; workspace: Workspace; onClose: () => void }) {
  const remove = useDeleteWorkspace(orgId);
  const announce = useStatusMessage();
  return (
    <TypedConfirmDialog
      title="Delete workspace"
      confirmText={workspace.name}
      actionLabel="Delete workspace"
      busyLabel="Deleting…"
      {...mutationStatus(remove)}
      onCancel={onClose}
      onConfirm={() =>
        remove.mutate(workspace.id, {
          onSuccess: () => {
            announce(`Workspace “${workspace.name}” deleted.`);
            onClose();
          },
        })
      }
    >
      <p>
        <strong>{workspace.name}</strong> will be deleted with all its subjects, samples, files, analyses and reports.
      </p>
    </TypedConfirmDialog>
  );
}
