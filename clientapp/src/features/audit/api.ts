import { keepPreviousData, useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { AuditListQuery, AuditRecord } from '../../api/types';
import { orgKeys } from '../organizations/keys';
import type { AuditFilters, FieldChange } from './types';

export const AUDIT_PAGE_SIZE = 50;

/** Local midnight of a yyyy-mm-dd date, `days` later, as an ISO instant (what the server compares with). */
function startOfDay(date: string, days = 0): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const [, y, m, d] = match;
  const local = new Date(Number(y), Number(m) - 1, Number(d) + days);
  return Number.isNaN(local.getTime()) ? null : local.toISOString();
}

/**
 * The filter part of GET …/audit and …/audit/export: only what is set is sent. The dates are whole local days: `from`
 * is the start of the first day and `to` the start of the day after the last (the server keeps rows before `to`).
 */
export function auditFilterQuery(filters: AuditFilters): Omit<AuditListQuery, 'limit' | 'cursor'> {
  const from = startOfDay(filters.from);
  const to = startOfDay(filters.to, 1);
  const entityType = filters.entityType.trim();
  return {
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(filters.actorUserId ? { actorUserId: filters.actorUserId } : {}),
    ...(entityType ? { entityType } : {}),
    ...(filters.action ? { action: filters.action } : {}),
  };
}

/**
 * The CSV export of the filtered trail, for a plain link: the browser downloads it with the session cookie (the server
 * answers with an attachment), so no request goes through the API client.
 */
export function auditExportUrl(orgId: string, filters: AuditFilters): string {
  const query = new URLSearchParams({ format: 'csv', ...auditFilterQuery(filters) });
  return `/api/organizations/${encodeURIComponent(orgId)}/audit/export?${query.toString()}`;
}

/** The audit trail, newest first, a page at a time over the cursor (keyset paging). */
export function useAuditTrail(orgId: string, filters: AuditFilters, { enabled = true }: { enabled?: boolean } = {}) {
  return useInfiniteQuery({
    queryKey: orgKeys.audit(orgId, filters),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/organizations/{orgId}/audit', {
          params: {
            path: { orgId },
            query: { ...auditFilterQuery(filters), limit: AUDIT_PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // While filters change, the previous rows stay on screen (marked busy).
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Recomputes the chain on request ("Verify the chain"); a GET, run each time it is asked for, never cached. */
export function useVerifyAudit(orgId: string) {
  return useMutation({
    mutationFn: () => unwrap(api.GET('/api/organizations/{orgId}/audit/verify', { params: { path: { orgId } } })),
  });
}

/** A record's changed fields in field order; anything that is not field → [old, new] is ignored. */
export function fieldChanges(record: Pick<AuditRecord, 'changes'>): FieldChange[] {
  const changes = record.changes;
  if (!changes || typeof changes !== 'object' || Array.isArray(changes)) return [];
  return Object.entries(changes as Record<string, unknown>)
    .filter((entry): entry is [string, unknown[]] => Array.isArray(entry[1]))
    .map(([field, [old = null, value = null]]) => ({ field, old, new: value }));
}
