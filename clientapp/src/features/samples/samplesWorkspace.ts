import { useMyAccess } from '../organizations/api';

const lastWorkspaceKey = (orgId: string) => `variantminer.samplesWorkspace.${orgId}`;

/** Remembers the workspace whose samples were opened last (per organization, in this browser). */
export function rememberSamplesWorkspace(orgId: string, workspaceId: string): void {
  try {
    localStorage.setItem(lastWorkspaceKey(orgId), workspaceId);
  } catch {
    // Storage may be unavailable (private mode); the first workspace is used then.
  }
}

export function rememberedWorkspace(orgId: string): string | null {
  try {
    return localStorage.getItem(lastWorkspaceKey(orgId));
  } catch {
    return null;
  }
}

/** The workspaces I can enter (from my access), by name. */
export function useMyWorkspaces(orgId: string): { id: string; name: string }[] {
  const access = useMyAccess(orgId);
  return [...(access.data?.workspaces ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'en'));
}
