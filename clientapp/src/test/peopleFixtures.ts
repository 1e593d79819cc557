import type { PermissionKey } from '../api/permissionKeys';
import type { Invitation, PermissionInfo, Role } from '../api/types';
import type { Member, MembersPage } from '../features/members/types';
import { json, type Handler } from './fetchMock';
import { ADA_ID, ALL_PERMISSIONS, ANALYST_PERMISSIONS, GRACE_ID, ORG_ID, WS_EXOME, WS_GENERAL } from './orgFixtures';

export const KATHERINE_ID = '3f2b8c1e-8d7a-4a53-9a55-0b7c3b0d2e33';

export const ROLE_SUPERVISOR = '0190f0aa-0000-7000-8000-0000000000r1';
export const ROLE_ADMIN = '0190f0aa-0000-7000-8000-0000000000r2';
export const ROLE_ANALYST = '0190f0aa-0000-7000-8000-0000000000r3';
export const ROLE_CURATOR = '0190f0aa-0000-7000-8000-0000000000r4';
export const ROLE_WRITER = '0190f0aa-0000-7000-8000-0000000000r5';
export const ROLE_STEWARD = '0190f0aa-0000-7000-8000-0000000000r6';
export const ROLE_SEQUENCING = '0190f0aa-0000-7000-8000-0000000000r7';

/** Group Admin's default permissions (no billing, no workspace deletion, no role management). */
export const ADMIN_PERMISSIONS: PermissionKey[] = ALL_PERMISSIONS.filter(
  (p) => !['organization.billing.manage', 'workspaces.delete', 'roles.manage'].includes(p),
);

/** GET /api/permissions: the server's catalogue (src/Domain/Authorization/Permissions.cs), in its order. */
export const catalogue: PermissionInfo[] = [
  { key: 'organization.settings.manage', group: 'organization', description: 'General, security and integration settings', isData: false },
  { key: 'organization.analytics.view', group: 'organization', description: 'Organization-wide analytics and usage', isData: false },
  { key: 'organization.billing.manage', group: 'organization', description: 'Billing, plan and storage quota', isData: false },
  { key: 'users.invite', group: 'people', description: 'Invite people to the organization', isData: false },
  { key: 'users.manage', group: 'people', description: 'Assign roles, edit and remove members', isData: false },
  { key: 'roles.manage', group: 'people', description: 'Create, edit and delete roles', isData: false },
  { key: 'workspaces.create', group: 'organization', description: 'Create workspaces', isData: false },
  { key: 'workspaces.delete', group: 'organization', description: 'Delete workspaces', isData: false },
  { key: 'workspaces.access.manage', group: 'people', description: "Grant and revoke members' access to workspaces", isData: false },
  { key: 'organization.audit.view', group: 'organization', description: "Read and export the organization's audit trail", isData: false },
  { key: 'samples.define', group: 'samples', description: 'Upload files (FASTQ, BAM, VCF, …) and define samples and subjects', isData: true },
  { key: 'samples.assign', group: 'samples', description: 'Assign and reassign samples and sub-analyses to users', isData: true },
  { key: 'samples.view.all', group: 'samples', description: 'See every sample in the workspaces one can enter', isData: true },
  { key: 'samples.view.assigned', group: 'samples', description: 'See only samples and sub-analyses assigned to oneself', isData: true },
  { key: 'analyses.launch.workflow', group: 'analyses', description: 'Launch analyses with a workflow', isData: true },
  { key: 'analyses.launch.direct', group: 'analyses', description: 'Launch analyses without a workflow', isData: true },
  { key: 'analyses.launch.sub', group: 'analyses', description: 'Launch sub-analyses', isData: true },
  { key: 'workflows.manage', group: 'analyses', description: 'Create, edit and delete workflows (saved pipeline presets)', isData: false },
  { key: 'references.manage', group: 'analyses', description: 'Upload and retire reference bundles (genome, gene models, annotation sources)', isData: false },
  { key: 'variants.classify', group: 'variants', description: 'Classify and tag variants; edit shared filter sets and gene lists', isData: false },
  { key: 'orders.manage', group: 'reports', description: 'Create and edit orders', isData: false },
  { key: 'reports.write', group: 'reports', description: 'Draft and edit reports', isData: false },
  { key: 'reports.sign', group: 'reports', description: 'Sign reports as final, amend or correct them', isData: false },
];

export function makeRoles(): Role[] {
  return [
    { id: ROLE_SUPERVISOR, name: 'Group Supervisor', builtIn: true, builtInKey: 'Supervisor', permissions: [...ALL_PERMISSIONS].sort(), memberCount: 1, version: 'v1' },
    { id: ROLE_ADMIN, name: 'Group Admin', builtIn: true, builtInKey: 'GroupAdmin', permissions: [...ADMIN_PERMISSIONS].sort(), memberCount: 1, version: 'v1' },
    { id: ROLE_ANALYST, name: 'Analyst', builtIn: true, builtInKey: 'Analyst', permissions: [...ANALYST_PERMISSIONS].sort(), memberCount: 1, version: 'v1' },
    {
      id: ROLE_CURATOR,
      name: 'Clinical Curator',
      builtIn: true,
      builtInKey: 'ClinicalCurator',
      permissions: ['samples.view.all', 'samples.view.assigned'],
      memberCount: 0,
      version: 'v1',
    },
    { id: ROLE_WRITER, name: 'Report Writer', builtIn: true, builtInKey: 'ReportWriter', permissions: ['samples.view.assigned'], memberCount: 0, version: 'v1' },
    // Custom roles: one holding a permission a Group Admin lacks, one within a Group Admin's permissions.
    { id: ROLE_STEWARD, name: 'Data Steward', builtIn: false, builtInKey: null, permissions: ['samples.view.all', 'workspaces.delete'], memberCount: 3, version: 'v1' },
    { id: ROLE_SEQUENCING, name: 'Sequencing Analyst', builtIn: false, builtInKey: null, permissions: ['samples.define'], memberCount: 0, version: 'v1' },
  ];
}

export function makeMembers(myRole: { id: string; name: string }): Member[] {
  return [
    {
      userId: ADA_ID,
      displayName: 'Ada Lovelace',
      email: 'ada@example.org',
      position: 'Lab manager',
      role: myRole,
      lastLoginAt: new Date(Date.now() - 5 * 60_000).toISOString(),
      workspaceIds: [WS_EXOME, WS_GENERAL],
    },
    {
      userId: GRACE_ID,
      displayName: 'Grace Hopper',
      email: 'grace@example.org',
      position: null,
      role: { id: ROLE_ANALYST, name: 'Analyst' },
      lastLoginAt: null,
      workspaceIds: [WS_GENERAL],
    },
    {
      userId: KATHERINE_ID,
      displayName: 'Katherine Johnson',
      email: 'katherine@example.org',
      position: 'Director',
      role: { id: ROLE_SUPERVISOR, name: 'Group Supervisor' },
      lastLoginAt: '2025-01-02T12:00:00Z',
      workspaceIds: [],
    },
  ];
}

export const pendingInvitation: Invitation = {
  id: '0190f0aa-0000-7000-8000-0000000000i1',
  email: 'rosalind@example.org',
  role: { id: ROLE_ANALYST, name: 'Analyst' },
  workspaceIds: [WS_GENERAL],
  status: 'Pending',
  createdAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
  expiresAt: new Date(Date.now() + 5 * 86_400_000).toISOString(),
  expired: false,
  invitedBy: ADA_ID,
  lastSentAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
  sendCount: 1,
};

/**
 * A stateful server for the People and Roles pages: members (search, role filter), roles, invitations, preferences.
 * PATCH of a member's role is applied, so a refetch shows it.
 */
export function peopleServer(myRole: { id: string; name: string }) {
  const base = `/api/organizations/${ORG_ID}`;
  const state = {
    roles: makeRoles(),
    members: makeMembers(myRole),
    invitations: [pendingInvitation],
    preferences: { allowedEmailDomains: [] as string[], defaultRoleId: null as string | null },
  };
  const routes: Record<string, Handler> = {
    'GET /api/permissions': () => json(200, catalogue),
    [`GET ${base}/roles`]: () => json(200, state.roles),
    [`GET ${base}/members`]: (request) => {
      const url = new URL(request.url);
      const search = url.searchParams.get('search')?.toLowerCase() ?? '';
      const roleId = url.searchParams.get('roleId');
      const items = state.members.filter(
        (m) =>
          (!search || m.displayName.toLowerCase().includes(search) || m.email.toLowerCase().includes(search)) &&
          (!roleId || m.role.id === roleId),
      );
      const page: MembersPage = { items, nextCursor: null, total: items.length };
      return json(200, page);
    },
    [`PATCH ${base}/members/${GRACE_ID}`]: (_request, body) => {
      const { roleId } = JSON.parse(body) as { roleId?: string };
      const role = state.roles.find((r) => r.id === roleId);
      state.members = state.members.map((m) => (m.userId === GRACE_ID && role ? { ...m, role: { id: role.id, name: role.name } } : m));
      return new Response(null, { status: 204 });
    },
    [`GET ${base}/invitations`]: () => json(200, state.invitations),
    [`GET ${base}/settings/invitations`]: () => json(200, state.preferences),
  };
  return { state, routes, base };
}
