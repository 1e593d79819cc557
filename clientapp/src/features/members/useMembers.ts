import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { orgKeys } from '../organizations/keys';
import type { Member, MembersPage } from './types';

/** Pages followed at most; an organization with more members shows the first ones and says so. */
export const MAX_MEMBER_PAGES = 20;
const PAGE_SIZE = 200;

export async function fetchAllMembers(orgId: string): Promise<{ members: Member[]; truncated: boolean }> {
  const members: Member[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_MEMBER_PAGES; page++) {
    const result: MembersPage = await unwrap(
      api.GET('/api/organizations/{orgId}/members', {
        params: { path: { orgId }, query: { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) } },
      }),
    );
    members.push(...result.items);
    cursor = result.nextCursor;
    if (!cursor) return { members, truncated: false };
  }
  return { members, truncated: true };
}

/** Everyone in the organization (for access panels and pickers). */
export function useMembers(orgId: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: orgKeys.members(orgId),
    queryFn: () => fetchAllMembers(orgId),
    enabled,
    staleTime: 30_000,
  });
}
