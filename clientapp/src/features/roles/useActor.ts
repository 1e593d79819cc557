import type { Role } from '../../api/types';
import { usePermissions } from '../organizations/permissions';
import { isSupervisorRole, type Actor } from './rules';

/** Me as the rules see me: my permissions, and whether my role is the Group Supervisor role. */
export function useActor(orgId: string, roles: readonly Role[] | undefined): Actor & { roleId: string | null; canManageRoles: boolean } {
  const { permissions, role, isSupervisor } = usePermissions(orgId);
  const myRole = role ? roles?.find((r) => r.id === role.id) : undefined;
  return {
    roleId: role?.id ?? null,
    permissions,
    isSupervisor: myRole ? isSupervisorRole(myRole) : isSupervisor,
    canManageRoles: permissions.has('roles.manage'),
  };
}
