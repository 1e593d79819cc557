import { usePermissions } from '../organizations/permissions';
import type { Actor } from './rules';

/** Me as the rules see me: my permissions, and whether my role is the Group Supervisor role (by its built-in key). */
export function useActor(orgId: string): Actor & { roleId: string | null; canManageRoles: boolean } {
  const { permissions, role, isSupervisor, can } = usePermissions(orgId);
  return {
    roleId: role?.id ?? null,
    permissions,
    isSupervisor,
    canManageRoles: can('roles.manage'),
  };
}
