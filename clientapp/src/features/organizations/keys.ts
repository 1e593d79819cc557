/** Query keys: everything about one organization lives under ['orgs', orgId], so switching reloads it. */
export const orgKeys = {
  list: () => ['orgs', 'list'] as const,
  org: (orgId: string) => ['orgs', orgId] as const,
  dashboard: (orgId: string) => ['orgs', orgId, 'dashboard'] as const,
  access: (orgId: string) => ['orgs', orgId, 'me'] as const,
  accessControl: (orgId: string) => ['orgs', orgId, 'access-control'] as const,
  activity: (orgId: string) => ['orgs', orgId, 'activity'] as const,
  /** The activity page: one cache entry per filter set (prefix: activity). */
  activityList: (orgId: string, filters: object) => ['orgs', orgId, 'activity', filters] as const,
  /** The audit trail: one cache entry per filter set. */
  audit: (orgId: string, filters: object) => ['orgs', orgId, 'audit', filters] as const,
  workspaces: (orgId: string, all: boolean) => ['orgs', orgId, 'workspaces', { all }] as const,
  members: (orgId: string) => ['orgs', orgId, 'members'] as const,
  /** The User Management table: one cache entry per search / role filter / sort (prefix: members). */
  memberTable: (orgId: string, filters: { search: string; roleId: string; sort: string }) =>
    ['orgs', orgId, 'members', 'table', filters] as const,
  roles: (orgId: string) => ['orgs', orgId, 'roles'] as const,
  invitations: (orgId: string) => ['orgs', orgId, 'invitations'] as const,
  invitationPreferences: (orgId: string) => ['orgs', orgId, 'invitation-preferences'] as const,
  storagePreferences: (orgId: string) => ['orgs', orgId, 'storage-preferences'] as const,
  securityPolicy: (orgId: string) => ['orgs', orgId, 'security-policy'] as const,
  singleSignOn: (orgId: string) => ['orgs', orgId, 'single-sign-on'] as const,
  permissionCatalogue: () => ['permissions'] as const,
  assays: (orgId: string) => ['orgs', orgId, 'assays'] as const,
  /** Everything of one workspace's samples and subjects (prefix for invalidation). */
  workspaceData: (orgId: string, workspaceId: string) => ['orgs', orgId, 'ws', workspaceId] as const,
  /** The analyses table: one cache entry per filter set (prefix: samples). */
  sampleTable: (orgId: string, workspaceId: string, filters: object) => ['orgs', orgId, 'ws', workspaceId, 'samples', 'table', filters] as const,
  samples: (orgId: string, workspaceId: string) => ['orgs', orgId, 'ws', workspaceId, 'samples'] as const,
  sample: (orgId: string, workspaceId: string, sampleId: string) => ['orgs', orgId, 'ws', workspaceId, 'samples', 'one', sampleId] as const,
  sampleAssignees: (orgId: string, workspaceId: string, sampleId: string) =>
    ['orgs', orgId, 'ws', workspaceId, 'samples', 'one', sampleId, 'assignees'] as const,
  subjects: (orgId: string, workspaceId: string, search: string) => ['orgs', orgId, 'ws', workspaceId, 'subjects', { search }] as const,
};
