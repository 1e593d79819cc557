import { useId, useState } from 'react';
import type { Role } from '../../api/types';
import { ActionsHeader, Alert, Button, DataTable, FilterSelect, FilterToolbar, LoadingState, RelativeTime, RetryAlert, RowActions, SearchField, SortToggle, useDebouncedValue } from '../../components';
import { ExplainAccessDialog } from '../access/ExplainAccessDialog';
import { useMe } from '../auth/authApi';
import { usePermissions } from '../organizations/permissions';
import { useRoles } from '../roles/api';
import { RoleOptions, sortRoles } from '../roles/RoleOptions';
import { cannotChangeMemberReason, isSupervisorRole } from '../roles/rules';
import { useActor } from '../roles/useActor';
import { useWorkspaces } from '../workspaces/api';
import { useMemberTable, type MemberFilters } from './api';
import { ChangeRoleDialog, EditMemberDialog, RemoveMemberDialog } from './MemberDialogs';
import { MemberWorkspacesDialog } from './MemberWorkspacesDialog';
import type { Member, MemberSortKey } from './types';
import { byName, summarizeWorkspaces, type WorkspaceSummary } from './workspaceSummary';

type Open =
  | { kind: 'role'; member: Member; role: Role }
  | { kind: 'edit'; member: Member }
  | { kind: 'remove'; member: Member; leaving: boolean }
  | { kind: 'workspaces'; member: Member }
  | { kind: 'explain'; member: Member }
  | null;

const SORTS: { key: MemberSortKey; label: string }[] = [
  { key: 'Name', label: 'Name' },
  { key: 'LastLogin', label: 'Last login' },
];

/** A Group Supervisor enters every workspace, whatever their grants: there is nothing to edit. */
export const SUPERVISOR_WORKSPACES_REASON = 'A Group Supervisor can enter every workspace.';

/**
 * The members table: search, role filter, sort, "Load more"; role change, position, removal (users.manage); the
 * workspaces each member can enter, editable with workspaces.access.manage; why a member can or cannot see a workspace
 * or a sample (the access explainer).
 */
export function MembersSection({ orgId }: { orgId: string }) {
  const { data: me } = useMe();
  const { can } = usePermissions(orgId);
  const canManageAccess = can('workspaces.access.manage');
  // With workspaces.access.manage every workspace (to name them all and tick any); else those I can enter.
  const workspaces = useWorkspaces(orgId, { all: canManageAccess });
  const workspaceList = workspaces.data ? [...workspaces.data].sort(byName) : undefined;
  const roles = useRoles(orgId);
  const roleList = roles.data ? sortRoles(roles.data) : undefined;
  const actor = useActor(orgId);
  const [search, setSearch] = useState('');
  const [roleId, setRoleId] = useState('');
  const [sort, setSort] = useState<MemberSortKey>('Name');
  const debouncedSearch = useDebouncedValue(search.trim(), 300);
  const filters: MemberFilters = { search: debouncedSearch, roleId, sort };
  const table = useMemberTable(orgId, filters);
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  const ids = useId();

  const supervisorRole = roleList?.find(isSupervisorRole);
  const supervisorCount = supervisorRole?.memberCount;
  const members = table.data?.pages.flatMap((p) => p.items) ?? [];
  const total = table.data?.pages[0]?.total;
  const filtered = debouncedSearch !== '' || roleId !== '';

  return (
    <section className="card card--flush people" aria-labelledby={`${ids}-heading`}>
      <div className="people__header">
        <h2 id={`${ids}-heading`} className="card__title">
          Members
        </h2>
        {total !== undefined ? (
          <p className="muted" aria-live="polite">
            {filtered ? `${total} matching` : `${total} ${total === 1 ? 'member' : 'members'}`}
          </p>
        ) : null}
      </div>

      <FilterToolbar label="Find members">
        <SearchField placeholder="Name or e-mail" value={search} onChange={setSearch} />
        <FilterSelect
          label="Role"
          name="roleId"
          value={roleId}
          onChange={setRoleId}
          anyLabel="All roles"
          options={(roleList ?? []).map((r) => ({ value: r.id, label: r.name }))}
        />
        <SortToggle options={SORTS} value={sort} onChange={setSort} />
      </FilterToolbar>

      {table.isPending ? <LoadingState label="Loading members…" /> : null}
      {table.isError && members.length === 0 ? (
        <div className="people__message">
          <RetryAlert title="Members could not be loaded" message={table.error.message} onRetry={() => void table.refetch()} />
        </div>
      ) : null}
      {workspaces.isError ? (
        <div className="people__message">
          <Alert title="Workspaces could not be loaded">
            {canManageAccess ? 'Workspace access cannot be changed until the list of workspaces loads. ' : null}
            {workspaces.error.message}
          </Alert>
        </div>
      ) : null}
      {roles.isError ? (
        <div className="people__message">
          <Alert title="Roles could not be loaded">Roles cannot be changed until the list of roles loads. {roles.error.message}</Alert>
        </div>
      ) : null}
      {table.isSuccess && members.length === 0 ? (
        <p className="people__message muted">{filtered ? 'Nobody matches the search or the role filter.' : 'This organization has no members yet.'}</p>
      ) : null}

      {members.length > 0 ? (
        <DataTable
          caption="Members"
          busy={table.isFetching && !table.isFetchingNextPage}
          columns={
            <>
              <th scope="col">Name</th>
              <th scope="col">Position</th>
              <th scope="col">Role</th>
              <th scope="col">Workspaces</th>
              <th scope="col">Last login</th>
              <ActionsHeader />
            </>
          }
        >
          {members.map((m) => {
            const self = m.userId === me?.id;
            const memberRole = roleList?.find((r) => r.id === m.role.id);
            const roleLocked = cannotChangeMemberReason(memberRole, supervisorCount, actor, 'role');
            const removeLocked = cannotChangeMemberReason(memberRole, supervisorCount, actor, self ? 'leave' : 'remove');
            const lockId = `${ids}-lock-${m.userId}`;
            const supervisor = supervisorRole !== undefined && m.role.id === supervisorRole.id;
            return (
              <tr key={m.userId}>
                <th scope="row" className="table__primary">
                  <span className="table__name">{m.displayName}</span>
                  {self ? <span className="tag">You</span> : null}
                  <span className="table__secondary">{m.email}</span>
                </th>
                <td>{m.position ?? <span className="muted">—</span>}</td>
                <td>
                  {roleList ? (
                    <>
                      <select
                        className="field__input field__input--select field__input--compact"
                        aria-label={`Role of ${m.displayName}`}
                        aria-describedby={roleLocked ? lockId : undefined}
                        title={roleLocked ?? undefined}
                        value={m.role.id}
                        disabled={roleLocked !== null}
                        onChange={(e) => {
                          const role = roleList.find((r) => r.id === e.target.value);
                          if (role && role.id !== m.role.id) setOpen({ kind: 'role', member: m, role });
                        }}
                      >
                        {memberRole ? null : <option value={m.role.id}>{m.role.name}</option>}
                        <RoleOptions roles={roleList} actor={actor} keep={m.role.id} />
                      </select>
                      {roleLocked ? (
                        <span id={lockId} className="visually-hidden">
                          {roleLocked}
                        </span>
                      ) : null}
                    </>
                  ) : (
                    <span className="badge badge--role">{m.role.name}</span>
                  )}
                </td>
                <td>
                  {workspaceList ? (
                    <WorkspacesCell summary={summarizeWorkspaces(m.workspaceIds, workspaceList, { complete: canManageAccess, supervisor })} />
                  ) : workspaces.isError ? (
                    <span className="muted">Unavailable</span>
                  ) : (
                    <span className="muted">Loading…</span>
                  )}
                </td>
                <td>{m.lastLoginAt ? <RelativeTime value={m.lastLoginAt} /> : <span className="muted">Never</span>}</td>
                <RowActions>
                  <Button variant="ghost" aria-label={`Edit ${m.displayName}`} onClick={() => setOpen({ kind: 'edit', member: m })}>
                    Edit
                  </Button>
                  {canManageAccess ? (
                    <Button
                      variant="ghost"
                      aria-label={`Edit workspaces of ${m.displayName}`}
                      title={supervisor ? SUPERVISOR_WORKSPACES_REASON : undefined}
                      // Until the roles load, a Group Supervisor cannot be told apart.
                      disabled={supervisor || !workspaceList || roles.isPending}
                      onClick={() => setOpen({ kind: 'workspaces', member: m })}
                    >
                      Workspaces
                    </Button>
                  ) : null}
                  {/* The members table is shown to holders of users.manage only, who may ask the access explainer. */}
                  <Button variant="ghost" onClick={() => setOpen({ kind: 'explain', member: m })}>
                    Why can they see…? <span className="visually-hidden">({m.displayName})</span>
                  </Button>
                  <Button
                    variant="ghost-danger"
                    aria-label={self ? 'Leave organization' : `Remove ${m.displayName}`}
                    title={removeLocked ?? undefined}
                    disabled={removeLocked !== null}
                    onClick={() => setOpen({ kind: 'remove', member: m, leaving: self })}
                  >
                    {self ? 'Leave' : 'Remove'}
                  </Button>
                </RowActions>
              </tr>
            );
          })}
        </DataTable>
      ) : null}

      {members.length > 0 ? (
        <div className="list-footer people__footer">
          {table.isFetchNextPageError ? <Alert>{table.error?.message}</Alert> : null}
          {table.hasNextPage ? (
            <Button variant="secondary" busy={table.isFetchingNextPage} busyLabel="Loading…" onClick={() => void table.fetchNextPage()}>
              Load more
            </Button>
          ) : (
            <p className="muted">
              {`Showing all ${members.length}${filtered ? ' matching' : ''} ${members.length === 1 ? 'member' : 'members'}.`}
            </p>
          )}
        </div>
      ) : null}

      {open?.kind === 'role' ? <ChangeRoleDialog orgId={orgId} member={open.member} role={open.role} onClose={close} /> : null}
      {open?.kind === 'edit' ? <EditMemberDialog orgId={orgId} member={open.member} onClose={close} /> : null}
      {open?.kind === 'workspaces' && workspaceList ? (
        <MemberWorkspacesDialog orgId={orgId} member={open.member} workspaces={workspaceList} onClose={close} />
      ) : null}
      {open?.kind === 'explain' ? <ExplainAccessDialog orgId={orgId} member={open.member} onClose={close} /> : null}
      {open?.kind === 'remove' ? (
        <RemoveMemberDialog orgId={orgId} member={open.member} leaving={open.leaving} onClose={close} />
      ) : null}
    </section>
  );
}

/** The compact list of a member's workspaces; assistive technology reads every name instead. */
function WorkspacesCell({ summary }: { summary: WorkspaceSummary }) {
  if (summary.short === summary.full) return <span>{summary.short}</span>;
  return (
    <>
      <span aria-hidden="true" title={summary.full}>
        {summary.short}
      </span>
      <span className="visually-hidden">{summary.full}</span>
    </>
  );
}
