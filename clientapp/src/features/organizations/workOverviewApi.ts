import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { JsonOf } from '../../api/types';
import type { paths } from '../../api/schema';
import { orgKeys } from './keys';

/** GET /api/organizations/{orgId}/dashboard: what needs attention, of what I may see, and the quotas. */
export type WorkOverview = JsonOf<paths['/api/organizations/{orgId}/dashboard']['get']['responses'][200]>;
export type WorkRun = WorkOverview['running'][number];
export type WorkOrder = WorkOverview['ordersDue'][number];
export type WorkReport = WorkOverview['awaitingSignature'][number];

/** How often the open dashboard reads what needs attention again. */
export const WORK_OVERVIEW_REFRESH_MS = 60_000;

/**
 * Under the dashboard's key, so that what refreshes the dashboard (storage after an upload or a deletion) refreshes
 * this too.
 */
export const workOverviewKey = (orgId: string) => [...orgKeys.dashboard(orgId), 'work'] as const;

/** What needs attention in the organization; read again every minute while the dashboard is open. */
export function useWorkOverview(orgId: string) {
  return useQuery({
    queryKey: workOverviewKey(orgId),
    queryFn: () => unwrap(api.GET('/api/organizations/{orgId}/dashboard', { params: { path: { orgId } } })),
    refetchInterval: WORK_OVERVIEW_REFRESH_MS,
    // Fresh for a while: the parts of the dashboard that show it, mounted one after the other, read it once.
    staleTime: 30_000,
  });
}
