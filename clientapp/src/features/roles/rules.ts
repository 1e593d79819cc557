import type { PermissionKey } from '../../api/permissionKeys';
import type { Role } from '../../api/types';

/**
 * The client-side reading of the rules no role edit can break (docs/architecture.md, "Rules no role edit can
 * break"), used to disable what the server would refuse and to say why. The server enforces the same rules; these
 * only spare people a refused request.
 */

/** The built-in roles' keys (`builtInKey` of a role and of GET …/me's role; null for a custom role). */
export type BuiltInRoleKey = 'Supervisor' | 'GroupAdmin' | 'Analyst' | 'ClinicalCurator' | 'ReportWriter';

/** The Group Supervisor is recognised by this key, never by its name (an organization may rename it). */
export const SUPERVISOR_KEY: BuiltInRoleKey = 'Supervisor';

export interface Actor {
  isSupervisor: boolean;
  permissions: ReadonlySet<string>;
}

export function isSupervisorRole(role: Pick<Role, 'builtInKey'> | null | undefined): boolean {
  return role?.builtInKey === SUPERVISOR_KEY;
}

/** Why I may not give `role` to someone (by changing their role or by inviting them), or null when I may. */
export function cannotAssignReason(role: Pick<Role, 'builtInKey' | 'permissions'>, actor: Actor): string | null {
  if (actor.isSupervisor) return null;
  if (isSupervisorRole(role)) return 'Only a Group Supervisor can give the Group Supervisor role.';
  const lacking = role.permissions.filter((p) => !actor.permissions.has(p));
  if (lacking.length > 0) {
    return `It includes ${lacking.length === 1 ? 'a permission' : `${lacking.length} permissions`} you do not hold yourself.`;
  }
  return null;
}

/** Why I may not tick or untick `permission` in `role`'s column, or null when I may. */
export function cannotTogglePermissionReason(
  role: Pick<Role, 'builtInKey'>,
  permission: PermissionKey,
  actor: Actor & { canManageRoles: boolean },
): string | null {
  if (isSupervisorRole(role)) return SUPERVISOR_LOCKED;
  if (!actor.canManageRoles) return 'Your role does not include managing roles and permissions.';
  if (!actor.isSupervisor && !actor.permissions.has(permission)) {
    return 'You cannot change a permission you do not hold yourself.';
  }
  return null;
}

export const SUPERVISOR_LOCKED = 'The Group Supervisor always holds every permission';

/** For a key the server sent that this build of the app does not know (a deployment happened since it loaded). */
export const UNKNOWN_PERMISSION = 'This permission is newer than this page: reload the page to change it.';

/**
 * Why I may not change this member's role or remove them, or null. Only a Supervisor changes or removes a
 * Supervisor, and the last Supervisor can be neither demoted nor removed (nor leave).
 */
export function cannotChangeMemberReason(
  memberRole: Pick<Role, 'builtInKey'> | undefined,
  supervisorCount: number | undefined,
  actor: Actor,
  action: 'role' | 'remove' | 'leave',
): string | null {
  if (!isSupervisorRole(memberRole)) return null;
  if (!actor.isSupervisor && action !== 'leave') {
    return action === 'role'
      ? 'Only a Group Supervisor can change a Group Supervisor’s role.'
      : 'Only a Group Supervisor can remove a Group Supervisor.';
  }
  if (supervisorCount !== undefined && supervisorCount <= 1) {
    return action === 'role'
      ? 'The organization’s only Group Supervisor keeps the role until another Supervisor is appointed.'
      : action === 'leave'
        ? 'You are the organization’s only Group Supervisor: appoint another Supervisor before leaving.'
        : 'The organization’s only Group Supervisor cannot be removed.';
  }
  return null;
}
