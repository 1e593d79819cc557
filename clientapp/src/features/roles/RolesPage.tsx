import { useEffect, useState } from 'react';
import { asApiError } from '../../api/problem';
import type { Role } from '../../api/types';
import { Alert, Button, LoadingState, RetryAlert, usePageTitle } from '../../components';
import { usePermissionCatalogue } from '../organizations/api';
import { isPermissionKey, useCurrentOrgId, type PermissionKey } from '../organizations/permissions';
import { useRoles, useUpdateRole } from './api';
import { groupPermissions, groupTitle } from './permissionGroups';
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

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((x) => set.has(x));
}

/**
 * /orgs/:orgId/roles — one row per permission, one column per role. Everyone may look; roles.manage may change
 * what they hold themselves (the Supervisor column never changes). Edits stay as drafts until saved per role.
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
  const [saved, setSaved] = useState<string | null>(null);
  const [open, setOpen] = useState<Open>(null);

  // Drafts of roles that no longer exist (deleted here or elsewhere) are dropped.
  const dirty = (roleList ?? []).filter((r) => drafts[r.id] && !sameSet(drafts[r.id]!, r.permissions));

  // Unsaved edits survive in-app navigation only as long as the page is open; warn before the tab is closed or reloaded.
  const hasDirty = dirty.length > 0;
  useEffect(() => {
    if (!hasDirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [hasDirty]);

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
    setSaved(null);
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
    setSaved(null);
    try {
      // The full list: what the column shows is what the role will hold.
      await update.mutateAsync({ roleId: role.id, permissions: [...permissions].sort(), version: role.version });
      setDrafts(({ [role.id]: _dropped, ...rest }) => rest);
      setSaved(role.name);
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
          Your role does not include managing roles and permissions. Ask a Group Supervisor.
        </Alert>
      ) : !actor.isSupervisor ? (
        <Alert tone="info">You can change only the permissions you hold yourself; the others are locked for you.</Alert>
      ) : null}
      {dirty.length > 0 ? (
        <Alert tone="info" title="Unsaved changes">
          Changes to {dirty.map((r) => r.name).join(', ')} are not saved yet. Save or discard them below each role.
        </Alert>
      ) : null}
      {saved ? <Alert tone="info">Changes to {saved} saved.</Alert> : null}
      {list
        .filter((r) => errors[r.id])
        .map((r) => (
          <Alert key={r.id} title={`Changes to ${r.name} could not be saved`}>
            {errors[r.id]}
          </Alert>
        ))}

      {hasDataPermissions ? (
        <p className="note">
          <DataBadge inLegend /> marks a data permission: while role-based access is off (a switch in the organization&rsquo;s
          settings), every member holds it, whatever their role. The ticks below apply once it is on.
        </p>
      ) : null}

      <div className="table-wrap card card--flush">
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
                    {r.memberCount} {r.memberCount === 1 ? 'member' : 'members'}
                    {r.builtIn ? '' : ' · custom'}
                  </span>
                  {dirty.includes(r) ? <span className="matrix__unsaved">Unsaved</span> : null}
                  {actor.canManageRoles && !r.builtIn ? (
                    <span className="matrix__actions">
                      <Button variant="ghost" aria-label={`Rename ${r.name}`} onClick={() => setOpen({ kind: 'rename', role: r })}>
                        Rename
                      </Button>
                      <Button variant="ghost-danger" aria-label={`Delete ${r.name}`} onClick={() => setOpen({ kind: 'delete', role: r })}>
                        Delete
                      </Button>
                    </span>
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
                    ) : dirty.includes(r) ? (
                      <span className="matrix__save">
                        <Button
                          aria-label={`Save changes to ${r.name}`}
                          busy={saving[r.id] === true}
                          busyLabel="Saving…"
                          onClick={() => void save(r)}
                        >
                          Save changes
                        </Button>
                        <Button variant="secondary" aria-label={`Discard changes to ${r.name}`} disabled={saving[r.id] === true} onClick={() => discard(r)}>
                          Discard
                        </Button>
                      </span>
                    ) : null}
                  </td>
                ))}
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>
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
