import { PERMISSION_KEYS, type PermissionKey } from '../api/permissionKeys';
import type { Activity, MyAccess, OrganizationDashboard, OrganizationSummary, Role, Workspace } from '../api/types';
import type { Member } from '../features/members/types';
import { json, type Handler } from './fetchMock';

export const ORG_ID = '0190f0aa-0000-7000-8000-000000000001';
export const OTHER_ORG_ID = '0190f0aa-0000-7000-8000-000000000002';
export const WS_GENERAL = '0190f0aa-0000-7000-8000-0000000000a1';
export const WS_EXOME = '0190f0aa-0000-7000-8000-0000000000a2';
export const ADA_ID = '3f2b8c1e-8d7a-4a53-9a55-0b7c3b0d2e11';
export const GRACE_ID = '3f2b8c1e-8d7a-4a53-9a55-0b7c3b0d2e22';

/** Every key of the catalogue (what the Group Supervisor holds). */
export const ALL_PERMISSIONS: PermissionKey[] = [...PERMISSION_KEYS];

export const ANALYST_PERMISSIONS: PermissionKey[] = ['samples.define', 'samples.view.assigned', 'analyses.launch.workflow', 'analyses.launch.sub'];

export const organizations: OrganizationSummary[] = [
  {
    id: ORG_ID,
    name: 'Northwind Genomics Lab',
    description: 'Clinical exome and panel testing',
    role: { id: 'role-1', name: 'Group Supervisor' },
    memberCount: 12,
    workspaceCount: 2,
    storageUsedBytes: 1.5 * 1024 ** 3,
    storageQuotaBytes: 1024 ** 4,
  },
  {
    id: OTHER_ORG_ID,
    name: 'Contoso Research Institute',
    description: null,
    role: { id: 'role-2', name: 'Analyst' },
    memberCount: 3,
    workspaceCount: 1,
    storageUsedBytes: 0,
    storageQuotaBytes: 1024 ** 4,
  },
];

export const workspaces: Workspace[] = [
  { id: WS_EXOME, name: 'Exome 2025', description: 'Trio exomes', createdAt: '2025-02-01T10:00:00Z', memberUserIds: [ADA_ID] },
  { id: WS_GENERAL, name: 'General', description: null, createdAt: '2025-01-01T10:00:00Z', memberUserIds: [ADA_ID, GRACE_ID] },
];

/** The built-in roles' default names → their keys; any other name is a custom role (no key). */
const BUILT_IN_KEYS: Record<string, string> = {
  'Group Supervisor': 'Supervisor',
  'Group Admin': 'GroupAdmin',
  Analyst: 'Analyst',
  'Clinical Curator': 'ClinicalCurator',
  'Report Writer': 'ReportWriter',
};

/**
 * GET …/me of a member whose role is called `roleName`: a built-in role's key is taken from its default name unless
 * given (a renamed built-in role, or a custom role that borrows a built-in name with `builtInKey: null`).
 */
export function access(
  roleName: string,
  permissions: readonly string[],
  workspaceIds = [WS_EXOME, WS_GENERAL],
  builtInKey: string | null = BUILT_IN_KEYS[roleName] ?? null,
): MyAccess {
  return {
    role: { id: `role-${roleName}`, name: roleName, builtInKey },
    permissions: [...permissions],
    workspaces: workspaceIds.map((id) => ({ id, name: workspaces.find((w) => w.id === id)?.name ?? id, permissions: [...permissions] })),
  };
}

export const activity: Activity[] = [
  {
    id: 'act-2',
    occurredAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    actorUserId: ADA_ID,
    actorDisplayName: 'Ada Lovelace',
    action: 'workspace.created',
    targetType: 'workspace',
    targetId: WS_EXOME,
    workspaceId: WS_EXOME,
    summary: 'Created the workspace "Exome 2025"',
  },
];

export function dashboard(permissions: readonly string[], overrides: Partial<OrganizationDashboard> = {}): OrganizationDashboard {
  return {
    id: ORG_ID,
    name: 'Northwind Genomics Lab',
    description: 'Clinical exome and panel testing',
    contactName: 'Dr. Jane Doe',
    contactEmail: 'lab@northwind.example',
    createdAt: '2025-01-01T10:00:00Z',
    roleBasedAccessEnabled: true,
    myRole: { id: 'role-1', name: 'Group Supervisor' },
    myPermissions: [...permissions],
    memberCount: 12,
    workspaceCount: 2,
    workspaces: workspaces.map(({ id, name, description, createdAt }) => ({ id, name, description, createdAt })),
    storageUsedBytes: 1.5 * 1024 ** 3,
    storageQuotaBytes: 1024 ** 4,
    pendingOwnerEmail: null,
    leaveRefusal: null,
    recentActivity: activity,
    ...overrides,
  };
}

export const members: Member[] = [
  {
    userId: ADA_ID,
    displayName: 'Ada Lovelace',
    email: 'ada@example.org',
    position: 'Lab director',
    role: { id: 'role-1', name: 'Group Supervisor' },
    lastLoginAt: null,
    workspaceIds: [WS_EXOME, WS_GENERAL],
  },
  {
    userId: GRACE_ID,
    displayName: 'Grace Hopper',
    email: 'grace@example.org',
    position: null,
    role: { id: 'role-3', name: 'Analyst' },
    lastLoginAt: null,
    workspaceIds: [WS_GENERAL],
  },
];

/** The roles of the members above (GET …/roles): the Supervisor is known by its built-in key, not its name. */
export const orgRoles: Role[] = [
  { id: 'role-1', name: 'Group Supervisor', builtIn: true, builtInKey: 'Supervisor', permissions: [...ALL_PERMISSIONS], memberCount: 1, version: 'v1' },
  { id: 'role-3', name: 'Analyst', builtIn: true, builtInKey: 'Analyst', permissions: [...ANALYST_PERMISSIONS], memberCount: 1, version: 'v1' },
];

/** Routes of a signed-in member of ORG_ID with the given role and permissions. */
export function orgRoutes(
  roleName: string,
  permissions: readonly string[],
  user: { id: string; lastOrganizationId: string | null; isPlatformAdmin?: boolean } = { id: ADA_ID, lastOrganizationId: ORG_ID },
): Record<string, Handler> {
  const me = { email: 'ada@example.org', displayName: 'Ada Lovelace', isPlatformAdmin: false, emailVerified: true, ...user };
  return {
    'GET /api/auth/me': () => json(200, me),
    'PUT /api/auth/me/last-organization': () => new Response(null, { status: 204 }),
    'GET /api/organizations': () => json(200, organizations),
    [`GET /api/organizations/${ORG_ID}/me`]: () => json(200, access(roleName, permissions)),
    [`GET /api/organizations/${ORG_ID}`]: () => json(200, dashboard(permissions, { myRole: { id: 'r', name: roleName } })),
    [`GET /api/organizations/${ORG_ID}/workspaces`]: () => json(200, workspaces),
    'GET /api/permissions': () => json(200, []),
    [`GET /api/organizations/${ORG_ID}/roles`]: () => json(200, orgRoles),
    [`GET /api/organizations/${ORG_ID}/settings/invitations`]: () => json(200, { allowedEmailDomains: [], defaultRoleId: null }),
    [`GET /api/organizations/${ORG_ID}/settings/storage`]: () => json(200, { deleteFastqDaysAfterAnalysis: null, deleteBamDaysAfterAnalysis: null }),
    // The header's bell: nothing unread unless a test says otherwise.
    [`GET /api/organizations/${ORG_ID}/notifications`]: () => json(200, { unreadCount: 0, items: [] }),
    // The star of the sample, run, variant and report pages: no bookmarks unless a test says otherwise.
    [`GET /api/organizations/${ORG_ID}/bookmarks`]: () => json(200, []),
    // The sample page lists the sample's runs: none unless a test says otherwise.
    [`GET /api/organizations/${ORG_ID}/workspaces/${WS_GENERAL}/analyses`]: () => json(200, []),
    [`GET /api/organizations/${ORG_ID}/workspaces/${WS_EXOME}/analyses`]: () => json(200, []),
  };
}
