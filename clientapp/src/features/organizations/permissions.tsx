import type { ReactNode } from 'react';
import { useParams } from 'react-router';
import { PERMISSION_KEYS, type PermissionKey } from '../../api/permissionKeys';
import type { MyAccess } from '../../api/types';
import { isSupervisorRole } from '../roles/rules';
import { useMyAccess } from './api';

export type { PermissionKey };

const KNOWN: ReadonlySet<string> = new Set(PERMISSION_KEYS);

/**
 * Whether a key the server sent is one this build knows (src/api/permissionKeys.ts, generated from the server's
 * catalogue). A tab opened before a deployment that added a permission may see keys it does not know.
 */
export function isPermissionKey(key: string): key is PermissionKey {
  return KNOWN.has(key);
}

export interface Permissions {
  /** True until the first answer (or when there is no organization). */
  isLoading: boolean;
  error: Error | null;
  /** My role, with its built-in key (null for a custom role). */
  role: MyAccess['role'] | null;
  /** The keys I hold in the organization, as the server sent them. */
  permissions: ReadonlySet<string>;
  /** My role is the built-in Group Supervisor role (recognised by its key, whatever it is called). */
  isSupervisor: boolean;
  /** Whether I hold `permission` in the organization, or (with a workspace id) in that workspace. */
  can: (permission: PermissionKey, workspaceId?: string) => boolean;
  /** Whether I can enter the workspace. */
  canEnter: (workspaceId: string) => boolean;
}

const NONE: ReadonlySet<string> = new Set();

/**
 * My effective permissions in an organization (GET /api/organizations/{orgId}/me). Used to hide or disable
 * what I may not do; the server enforces the same rules. While loading, nothing is permitted.
 */
export function usePermissions(orgId: string | undefined): Permissions {
  const query = useMyAccess(orgId);
  const data = query.data;
  const permissions = data ? new Set(data.permissions) : NONE;
  const workspaces = new Map((data?.workspaces ?? []).map((w) => [w.id, new Set(w.permissions)]));
  return {
    isLoading: !!orgId && query.isPending,
    error: query.error,
    role: data?.role ?? null,
    permissions,
    isSupervisor: isSupervisorRole(data?.role),
    can: (permission, workspaceId) =>
      workspaceId === undefined ? permissions.has(permission) : (workspaces.get(workspaceId)?.has(permission) ?? false),
    canEnter: (workspaceId) => workspaces.has(workspaceId),
  };
}

/** The organization of the current route (/orgs/:orgId/...). */
export function useCurrentOrgId(): string | undefined {
  return useParams().orgId;
}

export interface CanProps {
  permission: PermissionKey;
  /** Defaults to the organization in the route. */
  orgId?: string;
  workspaceId?: string;
  children: ReactNode;
  /** Shown instead when the permission is missing (default: nothing). */
  fallback?: ReactNode;
}

/** Renders its children only when I hold the permission. */
export function Can({ permission, orgId, workspaceId, children, fallback = null }: CanProps) {
  const routeOrgId = useCurrentOrgId();
  const { can } = usePermissions(orgId ?? routeOrgId);
  return <>{can(permission, workspaceId) ? children : fallback}</>;
}
