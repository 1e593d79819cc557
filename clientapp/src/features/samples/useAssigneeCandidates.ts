import { useMe } from '../auth/authApi';
import { useMembers } from '../members/useMembers';
import { SUPERVISOR_ROLE, usePermissions } from '../organizations/permissions';
import type { Person } from './types';

export interface Candidate {
  userId: string;
  displayName: string;
  /** E-mail address, when the member list could be read. */
  email?: string;
}

export interface Candidates {
  people: Candidate[];
  isLoading: boolean;
  error: Error | null;
  /**
   * True when my role cannot read the organization's member list (it needs users.manage or
   * workspaces.access.manage): only people already seen on samples, and myself, can be offered.
   */
  limited: boolean;
}

function byName(a: Candidate, b: Candidate) {
  return a.displayName.localeCompare(b.displayName, 'en', { sensitivity: 'base' });
}

/**
 * The people who can be assigned samples of a workspace: members who can enter it (Supervisors enter every
 * workspace). `known` (e.g. current assignees and creators of the rows on screen) is always included, so that
 * someone already assigned can be removed even when the list is limited.
 */
export function useAssigneeCandidates(orgId: string, workspaceId: string, known: readonly Person[] = []): Candidates {
  const { can, isLoading: permissionsLoading } = usePermissions(orgId);
  const { data: me } = useMe();
  const canList = can('users.manage') || can('workspaces.access.manage');
  const members = useMembers(orgId, { enabled: canList });

  const people = new Map<string, Candidate>();
  if (canList && members.data) {
    for (const m of members.data.members) {
      if (m.role.name === SUPERVISOR_ROLE || m.workspaceIds.includes(workspaceId)) {
        people.set(m.userId, { userId: m.userId, displayName: m.displayName, email: m.email });
      }
    }
  }
  if (!canList && me) people.set(me.id, { userId: me.id, displayName: me.displayName, email: me.email });
  for (const p of known) if (!people.has(p.userId)) people.set(p.userId, { userId: p.userId, displayName: p.displayName });

  return {
    people: [...people.values()].sort(byName),
    isLoading: permissionsLoading || (canList && members.isPending),
    error: canList ? members.error : null,
    limited: !permissionsLoading && !canList,
  };
}
