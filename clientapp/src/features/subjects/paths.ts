/** Where a workspace's subjects live in the app (/orgs/:orgId/workspaces/:workspaceId/subjects[/:subjectId]). */
export function subjectsPath(orgId: string, workspaceId: string): string {
  return `/orgs/${orgId}/workspaces/${workspaceId}/subjects`;
}

export function subjectPath(orgId: string, workspaceId: string, subjectId: string): string {
  return `${subjectsPath(orgId, workspaceId)}/${subjectId}`;
}
