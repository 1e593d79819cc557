import { useState } from 'react';
import { asApiError } from '../../api/problem';
import type { PermissionInfo, Role } from '../../api/types';
import { Alert, Button, LoadingState, RetryAlert, useLeaveGuard, usePageTitle } from '../../components';
import { usePermissionCatalogue } from '../organizations/api';
import { isPermissionKey, useCurrentOrgId, type PermissionKey } from '../organizations/permissions';
import { useRoles, useUpdateRole } from './api';
import { groupPermissions, groupTitle } from './permissionGroups';
import { PermissionList } from './PermissionList';
import { CreateRoleDialog, DeleteRoleDialog, RenameRoleDialog } from './RoleDialogs';
import { sortRoles } from './RoleOptions';
import { cannotTogglePermissionReason, isSupervisorRole, SUPERVISOR_LOCKED, UNKNOWN_PERMISSION, type Actor } from './rules';
import { useActor } from './useActor';

type Open = { kind: 'create' } | { kind: 'rename' | 'delete'; role: Role } | null;

/** Why `role`'s box for `key` is locked, or null; a key unknown to this build is never changed from here. */
function lockReason(role: Role, key: string, actor: Actor & { canManageRoles: boolean }): string | null {
  if (isSupervisorRole(role)) return SUPERVISOR_LOCKED;
  return isPermissionKey(key) ? cannotTogglePermissionReason(role, key, actor) : UNKNOWN_PERMISSION;
}

function members(count: number): string {
  return `${count} ${count === 1 ? 'member' : 'members'}`;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((x) => set.has(x));
}

/**
 * /orgs/:orgId/roles — with roles.manage, a matrix: one row per permission, one column per role (its header row stays in
 * view while the matrix scrolls); one changes what one holds oneself (the Supervisor column never changes), and edits
 * stay as drafts until saved per role, with a warning before leaving the page with unsaved ones. Everyone else reads
 * each role's permissions as a list.
 */
export default function RolesPage() {
  usePageTitle('Roles & permissions');
  const orgId = useCurrentOrgId()!;
  const roles = useRoles(orgId);
  const catalogue = usePermissionCatalogue();
  const roleList = roles.data ? sortRoles(roles.data) : undefined;
  const actor = useActor(orgId);
  const update = useUpdateRole(orgId);
  const [drafts, setDrafts] = useState<Record<string, string[]>>({});
  const [saving, setSaving] = useState<Record<string, boolean>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  // Roles whose last save succeeded (shown next to their Save button until their next change).
  const [saved, setSaved] = useState<Record<string, true>>({});
  const [open, setOpen] = useState<Open>(null);

  // Drafts of roles that no longer exist (deleted here or elsewhere) are dropped.
  const dirty = (roleList ?? []).filter((r) => drafts[r.id] && !sameSet(drafts[r.id]!, r.permissions));

  // Drafts live only as long as the page: ask before closing the tab, following a link or switching organization.
  const leaveDialog = useLeaveGuard(dirty.length > 0, {
    message: <p>Your changes to {dirty.map((r) => `“${r.name}”`).join(', ')} are not saved and will be lost.</p>,
  });

  if (roles.isPending || catalogue.isPending) return <LoadingState label="Loading roles…" />;
  if (roles.isError || catalogue.isError) {
    const error = roles.error ?? catalogue.error;
    return (
      <div className="page">
        <h1 className="page__title">Roles & permissions</h1>
        <RetryAlert
          title="Roles could not be loaded"
          message={error?.message}
          onRetry={() => void (roles.isError ? roles.refetch() : catalogue.refetch())}
        />
      </div>
    );
  }

  const list = roleList!;
  const groups = groupPermissions(catalogue.data);
  const hasDataPermissions = catalogue.data.some((p) => p.isData === true);
  const held = (role: Role) => drafts[role.id] ?? role.permissions;

  function toggle(role: Role, permission: PermissionKey, checked: boolean) {
    setSaved(({ [role.id]: _dropped, ...rest }) => rest);
    setDrafts((current) => {
      const base = current[role.id] ?? role.permissions;
      const next = checked ? [...new Set([...base, permission])] : base.filter((p) => p !== permission);
      const copy = { ...current };
      if (sameSet(next, role.permissions)) delete copy[role.id];
      else copy[role.id] = next;
      return copy;
    });
  }

  function discard(role: Role) {
    setDrafts(({ [role.id]: _dropped, ...rest }) => rest);
    setErrors(({ [role.id]: _dropped, ...rest }) => rest);
  }

  async function save(role: Role) {
    const permissions = drafts[role.id];
    if (!permissions) return;
    setSaving((s) => ({ ...s, [role.id]: true }));
    setErrors(({ [role.id]: _dropped, ...rest }) => rest);
    setSaved(({ [role.id]: _dropped, ...rest }) => rest);
    try {
      // The full list: what the column shows is what the role will hold.
      await update.mutateAsync({ roleId: role.id, permissions: [...permissions].sort(), version: role.version });
      setDrafts(({ [role.id]: _dropped, ...rest }) => rest);
      setSaved((s) => ({ ...s, [role.id]: true }));
    } catch (error) {
      setErrors((e) => ({ ...e, [role.id]: asApiError(error).message }));
    } finally {
      setSaving(({ [role.id]: _dropped, ...rest }) => rest);
    }
  }

  const reasonIds: Record<string, string> = {
    [SUPERVISOR_LOCKED]: 'roles-reason-supervisor',
  };
  const reasonId = (reason: string) => {
    if (!reasonIds[reason]) reasonIds[reason] = `roles-reason-${Object.keys(reasonIds).length}`;
    return reasonIds[reason];
  };

  return (
    <div className="page">
      <header className="page__header page__header--split">
        <div>
          <h1 className="page__title">Roles & permissions</h1>
          <p className="page__subtitle">
            Every member has one role; a role is a set of permissions. Changes apply to everyone holding the role on their
            next action.
          </p>
        </div>
        {actor.canManageRoles ? <Button onClick={() => setOpen({ kind: 'create' })}>New role</Button> : null}
      </header>

      {!actor.canManageRoles ? (
        <Alert tone="info" title="You can view roles but not change them">
          Each role’s permissions are listed below. Your role does not include managing roles and permissions; ask a Group
          Supervisor.
        </Alert>
      ) : !actor.isSupervisor ? (
        <Alert tone="info">You can change only the permissions you hold yourself; the others are locked for you.</Alert>
      ) : null}
      {dirty.length > 0 ? (
        <Alert tone="info" title="Unsaved changes">
          Changes to {dirty.map((r) => r.name).join(', ')} are not saved yet. Save or discard them below each role.
        </Alert>
      ) : null}

      {hasDataPermissions ? (
        <p className="note">
          <DataBadge inLegend /> marks a data permission: while role-based access is off (a switch in the organization&rsquo;s
          settings), every member holds it, whatever their role. Roles decide who holds it once the switch is on.
        </p>
      ) : null}

      {!actor.canManageRoles ? <RoleSummaries roles={list} catalogue={catalogue.data} /> : null}

      {/* The wrapper scrolls both ways, so the header row (role names) can stay at its top (position: sticky). */}
      {actor.canManageRoles ? (
        <div className="table-wrap card card--flush matrix-wrap" data-testid="matrix-scroll">
          <table className="table matrix">
            <caption className="visually-hidden">Permissions of each role</caption>
            <thead>
              <tr>
                <th scope="col" className="matrix__permission-col">
                  Permission
                </th>
                {list.map((r) => (
                  <th key={r.id} scope="col" className="matrix__role-col">
                    <span className="matrix__role">{r.name}</span>
                    <span className="matrix__meta">
                      {members(r.memberCount)}
                      {r.builtIn ? '' : ' · custom'}
                    </span>
                    {dirty.includes(r) ? <span className="matrix__unsaved">Unsaved</span> : null}
                    {actor.canManageRoles && !r.builtIn ? (
                      <>
                        <span className="matrix__actions">
                          <Button variant="ghost" aria-label={`Rename ${r.name}`} onClick={() => setOpen({ kind: 'rename', role: r })}>
                            Rename
                          </Button>
                          {/* A role still held cannot be deleted (the server refuses it): say why instead of offering it. */}
                          <Button
                            variant="ghost-danger"
                            aria-label={`Delete ${r.name}`}
                            aria-describedby={r.memberCount > 0 ? `role-held-${r.id}` : undefined}
                            disabled={r.memberCount > 0}
                            title={r.memberCount > 0 ? 'Give its members another role before deleting it.' : undefined}
                            onClick={() => setOpen({ kind: 'delete', role: r })}
                          >
                            Delete
                          </Button>
                        </span>
                        {r.memberCount > 0 ? (
                          <span id={`role-held-${r.id}`} className="matrix__held">
                            Held by {members(r.memberCount)}
                          </span>
                        ) : null}
                      </>
                    ) : null}
                  </th>
                ))}
              </tr>
            </thead>
            {groups.map(([group, permissions]) => (
              <tbody key={group}>
                <tr className="matrix__group">
                  <th scope="rowgroup" colSpan={list.length + 1}>
                    {groupTitle(group)}
                  </th>
                </tr>
                {permissions.map((p) => (
                  <tr key={p.key}>
                    <th scope="row" className="matrix__permission">
                      <span>{p.description}</span>
                      {p.isData ? <DataBadge /> : null}
                      <code className="matrix__key">{p.key}</code>
                    </th>
                    {list.map((r) => {
                      const supervisor = isSupervisorRole(r);
                      const reason = lockReason(r, p.key, actor);
                      const checked = supervisor || held(r).includes(p.key);
                      const changed = !supervisor && checked !== r.permissions.includes(p.key);
                      return (
                        <td key={r.id} className={changed ? 'matrix__cell matrix__cell--changed' : 'matrix__cell'}>
                          <label className="matrix__check" title={reason ?? undefined}>
                            <input
                              type="checkbox"
                              aria-label={`${r.name}: ${p.description}`}
                              aria-describedby={reason ? reasonId(reason) : undefined}
                              title={reason ?? undefined}
                              checked={checked}
                              disabled={reason !== null || saving[r.id] === true}
                              onChange={(e) => {
                                if (isPermissionKey(p.key)) toggle(r, p.key, e.target.checked);
                              }}
                            />
                          </label>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            ))}
            {actor.canManageRoles ? (
              <tfoot>
                <tr>
                  <th scope="row">
                    <span className="visually-hidden">Save or discard</span>
                  </th>
                  {list.map((r) => (
                    <td key={r.id} className="matrix__footer">
                      {isSupervisorRole(r) ? (
                        <span className="muted">Always every permission</span>
                      ) : (
                        <span className="matrix__save">
                          {dirty.includes(r) ? (
                            <>
                              <Button
                                aria-label={`Save changes to ${r.name}`}
                                busy={saving[r.id] === true}
                                busyLabel="Saving…"
                                onClick={() => void save(r)}
                              >
                                Save changes
                              </Button>
                              <Button
                                variant="secondary"
                                aria-label={`Discard changes to ${r.name}`}
                                disabled={saving[r.id] === true}
                                onClick={() => discard(r)}
                              >
                                Discard
                              </Button>
                            </>
                          ) : null}
                          {/* Always present, so that "Saved" is announced when it appears (a polite live region). */}
                          <span className="matrix__feedback" role="status">
                            {saved[r.id] ? (
                              <>
                                <span aria-hidden="true">✓ Saved</span>
                                <span className="visually-hidden">Changes to {r.name} saved.</span>
                              </>
                            ) : null}
                          </span>
                          {errors[r.id] ? (
                            <span className="matrix__error" role="alert">
                              Not saved: {errors[r.id]}
                            </span>
                          ) : null}
                        </span>
                      )}
                    </td>
                  ))}
                </tr>
              </tfoot>
            ) : null}
          </table>
        </div>
      ) : null}
      {Object.entries(reasonIds).map(([reason, id]) => (
        <span key={id} id={id} className="visually-hidden">
          {reason}
        </span>
      ))}

      {open?.kind === 'create' ? <CreateRoleDialog orgId={orgId} roles={list} actor={actor} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'rename' ? <RenameRoleDialog orgId={orgId} role={open.role} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'delete' ? (
        <DeleteRoleDialog
          orgId={orgId}
          role={open.role}
          onClose={() => setOpen(null)}
          onDeleted={() => discard(open.role)}
        />
      ) : null}
      {leaveDialog}
    </div>
  );
}

/**
 * The read-only view (without roles.manage): each role with its members count and its permissions by label, grouped
 * as in the catalogue — rather than a grid of boxes nobody can tick.
 */
function RoleSummaries({ roles, catalogue }: { roles: readonly Role[]; catalogue: readonly PermissionInfo[] }) {
  return (
    <div className="rolecards">
      {roles.map((r) => (
        <section key={r.id} className="card rolecard" aria-labelledby={`role-title-${r.id}`}>
          <div className="rolecard__head">
            <h2 id={`role-title-${r.id}`} className="rolecard__name">
              {r.name}
            </h2>
            <span className="muted">
              {members(r.memberCount)}
              {r.builtIn ? '' : ' · custom'}
            </span>
          </div>
          {isSupervisorRole(r) ? (
            <p>Always holds every permission.</p>
          ) : r.permissions.length === 0 ? (
            <p className="muted">No permissions.</p>
          ) : (
            <PermissionList keys={r.permissions} catalogue={catalogue} dataBadge={<DataBadge />} />
          )}
        </section>
      ))}
    </div>
  );
}

/** The small "Data" mark of a data permission (explained once, in the note above the matrix). */
function DataBadge({ inLegend = false }: { inLegend?: boolean }) {
  return (
    <span className="tag tag--data">
      Data{inLegend ? null : <span className="visually-hidden"> permission</span>}
    </span>
  );
}
