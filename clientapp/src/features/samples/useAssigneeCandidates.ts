import { useMe } from '../auth/authApi';
import { usePermissions } from '../organizations/permissions';
import { useAssignableMembers } from './api';
import type { Person } from './types';

export interface Candidate {
  userId: string;
  displayName: string;
  email?: string;
}

export interface Candidates {
  people: Candidate[];
  isLoading: boolean;
  error: Error | null;
  /** True when my role cannot assign (no samples.assign): only myself and people already on screen are offered. */
  limited: boolean;
}

function byName(a: Candidate, b: Candidate) {
  return a.displayName.localeCompare(b.displayName, 'en', { sensitivity: 'base' });
}

/**
 * The people who can be assigned samples of a workspace: members who can enter it, from
 * GET …/workspaces/{id}/assignable-members (open to samples.assign holders). `known` (e.g. current assignees
 * and creators of the rows on screen) is always included, so someone already assigned can be removed.
 */
export function useAssigneeCandidates(orgId: string, workspaceId: string, known: readonly Person[] = []): Candidates {
  const { can, isLoading: permissionsLoading } = usePermissions(orgId);
  const { data: me } = useMe();
  const canAssign = can('samples.assign');
  const assignable = useAssignableMembers(orgId, workspaceId, { enabled: canAssign });

  const people = new Map<string, Candidate>();
  if (canAssign && assignable.data) {
    for (const m of assignable.data) people.set(m.userId, { userId: m.userId, displayName: m.displayName, email: m.email });
  }
  if (!canAssign && me) people.set(me.id, { userId: me.id, displayName: me.displayName, email: me.email });
  for (const p of known) if (!people.has(p.userId)) people.set(p.userId, { userId: p.userId, displayName: p.displayName });

  return {
    people: [...people.values()].sort(byName),
    isLoading: permissionsLoading || (canAssign && assignable.isPending),
    error: canAssign ? assignable.error : null,
    limited: !permissionsLoading && !canAssign,
  };
}
