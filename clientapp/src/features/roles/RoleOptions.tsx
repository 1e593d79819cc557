import type { Role } from '../../api/types';
import { cannotAssignReason, isSupervisorRole, type Actor } from './rules';

/** A short reason shown inside the option (the full sentence is its tooltip). */
function shortReason(role: Role): string {
  return isSupervisorRole(role) ? 'only a Supervisor can give it' : 'has permissions you do not hold';
}

/**
 * One <option> per role (built-in first, then custom). Roles I may not give are disabled and say why; `keep` stays
 * selectable even so (it is the current value).
 */
export function RoleOptions({ roles, actor, keep }: { roles: readonly Role[]; actor: Actor; keep?: string }) {
  return (
    <>
      {roles.map((role) => {
        const reason = role.id === keep ? null : cannotAssignReason(role, actor);
        return (
          <option key={role.id} value={role.id} disabled={reason !== null} title={reason ?? undefined}>
            {reason ? `${role.name} — ${shortReason(role)}` : role.name}
          </option>
        );
      })}
    </>
  );
}

/** Built-in roles first (in their fixed order), then custom roles by name — as the server lists them. */
export function sortRoles(roles: readonly Role[]): Role[] {
  return [...roles].sort((a, b) => (a.builtIn === b.builtIn ? 0 : a.builtIn ? -1 : 1));
}
