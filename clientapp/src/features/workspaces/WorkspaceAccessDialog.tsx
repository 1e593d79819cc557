import { useState } from 'react';
import { asApiError } from '../../api/problem';
import type { Workspace } from '../../api/types';
import { Alert, Button, Dialog, LoadingState } from '../../components';
import { useMembers } from '../members/useMembers';
import { useRoles } from '../roles/api';
import { isSupervisorRole } from '../roles/rules';
import { useSetWorkspaceAccess } from './api';

/** Who may enter a workspace: one checkbox per member (workspaces.access.manage). */
export function WorkspaceAccessDialog({ orgId, workspace, onClose }: { orgId: string; workspace: Workspace; onClose: () => void }) {
  return (
    <Dialog
      title={`Access to “${workspace.name}”`}
      description="Members can enter the workspaces ticked here. Changes are saved immediately."
      onClose={onClose}
    >
      <WorkspaceAccessPanel orgId={orgId} workspace={workspace} />
      <div className="dialog__actions">
        <Button variant="secondary" onClick={onClose}>
          Done
        </Button>
      </div>
    </Dialog>
  );
}

export function WorkspaceAccessPanel({ orgId, workspace }: { orgId: string; workspace: Workspace }) {
  const members = useMembers(orgId);
  // A member's role comes as { id, name }: the Supervisor role is recognised by its built-in key in the role list.
  const roles = useRoles(orgId);
  const supervisorRoleId = roles.data?.find(isSupervisorRole)?.id;
  const setAccess = useSetWorkspaceAccess(orgId, workspace.id);
  // Ticks shown while a change is saved (until the workspace list is reloaded).
  const [pending, setPending] = useState<Record<string, boolean>>({});
  const [error, setError] = useState<string | null>(null);

  // Without the role list (an error), nobody is shown as the Supervisor; the server still lets them in everywhere.
  if (members.isPending || roles.isPending) return <LoadingState label="Loading members…" />;
  if (members.isError) {
    return (
      <Alert title="Member list unavailable">
        <p>The list of members could not be loaded, so access cannot be changed here right now.</p>
        <p className="muted">{members.error.message}</p>
        <Button variant="secondary" onClick={() => void members.refetch()}>
          Try again
        </Button>
      </Alert>
    );
  }

  const granted = new Set(workspace.memberUserIds);
  const sorted = [...members.data.members].sort((a, b) => a.displayName.localeCompare(b.displayName));

  function toggle(userId: string, grant: boolean) {
    setError(null);
    setPending((p) => ({ ...p, [userId]: grant }));
    setAccess.mutate(
      { userId, granted: grant },
      {
        onError: (e) => setError(asApiError(e).message),
        onSettled: () =>
          setPending((p) => {
            const next = { ...p };
            delete next[userId];
            return next;
          }),
      },
    );
  }

  return (
    <div className="access">
      {error ? <Alert>{error}</Alert> : null}
      {members.data.truncated ? (
        <Alert tone="info">Only the first {sorted.length} members are listed.</Alert>
      ) : null}
      {sorted.length === 0 ? (
        <p className="muted">This organization has no members yet.</p>
      ) : (
        <fieldset className="access__list">
          <legend className="visually-hidden">Members with access to {workspace.name}</legend>
          {sorted.map((member) => {
            const supervisor = member.role.id === supervisorRoleId;
            const checked = supervisor || (pending[member.userId] ?? granted.has(member.userId));
            const hintId = `access-hint-${member.userId}`;
            const nameId = `access-name-${member.userId}`;
            return (
              <label key={member.userId} className="access__member">
                <input
                  type="checkbox"
                  checked={checked}
                  disabled={supervisor || member.userId in pending}
                  aria-labelledby={nameId}
                  aria-describedby={hintId}
                  onChange={(e) => toggle(member.userId, e.target.checked)}
                />
                <span className="access__who">
                  <span id={nameId} className="access__name">{member.displayName}</span>
                  <span id={hintId} className="access__meta">
                    {member.email} · {member.role.name}
                    {supervisor ? ' · always has access' : ''}
                  </span>
                </span>
              </label>
            );
          })}
        </fieldset>
      )}
    </div>
  );
}
