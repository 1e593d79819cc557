// Generated from the permission catalogue (src/Domain/Authorization/Permissions.cs) by ./build.sh openapi. Do not edit.
export const PERMISSION_KEYS = [
  'organization.settings.manage',
  'organization.analytics.view',
  'organization.billing.manage',
  'users.invite',
  'users.manage',
  'roles.manage',
  'workspaces.create',
  'workspaces.delete',
  'workspaces.access.manage',
  'organization.audit.view',
  'samples.define',
  'samples.assign',
  'samples.delete',
  'samples.view.all',
  'samples.view.assigned',
  'analyses.launch.workflow',
  'analyses.launch.direct',
  'analyses.launch.sub',
  'workflows.manage',
  'references.manage',
  'variants.classify',
  'orders.manage',
  'reports.write',
  'reports.sign',
] as const;

export type PermissionKey = (typeof PERMISSION_KEYS)[number];
