import { useEffect, useId, useRef, useState } from 'react';
import { FormDialog, useStatusMessage } from '../../components';
import { useSetMemberWorkspaces, type WorkspaceAccessChange, type WorkspaceAccessOutcome } from './api';
import type { Member } from './types';
import type { WorkspaceName } from './workspaceSummary';

/** The line of the error summary for one refused change. */
export function failureText(failure: WorkspaceAccessOutcome['failed'][number]): string {
  const what = failure.grant ? `give access to “${failure.workspaceName}”` : `remove access to “${failure.workspaceName}”`;
  return `Could not ${what}: ${failure.message}`;
}

/**
 * Which workspaces one member can enter (workspaces.access.manage): one checkbox per workspace of the organization.
 * "Save changes" sends one request per ticked or unticked workspace; those the server refuses are listed with its
 * reason, and the dialog stays open so that they can be tried again (the others are saved already).
 */
export function MemberWorkspacesDialog({
  orgId,
  member,
  workspaces,
  onClose,
}: {
  orgId: string;
  member: Member;
  /** Every workspace of the organization, by name. */
  workspaces: readonly WorkspaceName[];
  onClose: () => void;
}) {
  const ids = useId();
  const announce = useStatusMessage();
  const save = useSetMemberWorkspaces(orgId);
  const initial = () => new Set(member.workspaceIds.filter((id) => workspaces.some((w) => w.id === id)));
  // What the server holds (as far as this dialog knows: the grants it opened with, plus the changes it saved).
  const [saved, setSaved] = useState(initial);
  const [chosen, setChosen] = useState(initial);
  const [failed, setFailed] = useState<WorkspaceAccessOutcome['failed']>([]);
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (failed.length > 0) alertRef.current?.focus();
  }, [failed]);

  function toggle(workspaceId: string, on: boolean) {
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(workspaceId);
      else next.delete(workspaceId);
      return next;
    });
  }

  function onSubmit() {
    const changes: WorkspaceAccessChange[] = workspaces
      .filter((w) => chosen.has(w.id) !== saved.has(w.id))
      .map((w) => ({ workspaceId: w.id, workspaceName: w.name, grant: chosen.has(w.id) }));
    if (changes.length === 0) {
      onClose();
      return;
    }
    save.mutate(
      { userId: member.userId, changes },
      {
        onSuccess: (outcome) => {
          setSaved((current) => {
            const next = new Set(current);
            for (const change of outcome.applied) {
              if (change.grant) next.add(change.workspaceId);
              else next.delete(change.workspaceId);
            }
            return next;
          });
          if (outcome.failed.length === 0) {
            announce(`Workspaces of ${member.displayName} saved.`);
            onClose();
          } else {
            setFailed(outcome.failed);
          }
        },
      },
    );
  }

  const summary =
    failed.length > 0 ? (
      <>
        <ul>
          {failed.map((f) => (
            <li key={f.workspaceId}>{failureText(f)}</li>
          ))}
        </ul>
        <p>The other changes were saved. Try again, or change the ticks.</p>
      </>
    ) : null;

  return (
    <FormDialog
      title="Edit workspaces"
      description={`${member.displayName} (${member.email}) can enter the workspaces ticked here.`}
      onClose={onClose}
      onSubmit={onSubmit}
      busy={save.isPending}
      submitLabel="Save changes"
      busyLabel="Saving…"
      errorTitle={failed.length === 1 ? 'One change was not saved' : `${failed.length} changes were not saved`}
      summary={summary}
      alertRef={alertRef}
    >
      {workspaces.length === 0 ? (
        <p className="muted">This organization has no workspaces yet.</p>
      ) : (
        <fieldset className="field checklist" aria-describedby={`${ids}-hint`}>
          <legend className="field__label">Workspaces</legend>
          <p className="field__hint" id={`${ids}-hint`}>
            Each ticked workspace is granted, each unticked one revoked, when you save.
          </p>
          {workspaces.map((w) => (
            <label key={w.id} className="checklist__item">
              <input type="checkbox" checked={chosen.has(w.id)} disabled={save.isPending} onChange={(e) => toggle(w.id, e.target.checked)} />
              <span>{w.name}</span>
            </label>
          ))}
        </fieldset>
      )}
    </FormDialog>
  );
}
