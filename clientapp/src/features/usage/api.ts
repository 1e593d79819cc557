import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import type { BodyOf, JsonOf } from '../../api/types';
import { orgKeys } from '../organizations/keys';

type UsagePath = paths['/api/organizations/{orgId}/usage'];
type MyUsagePath = paths['/api/organizations/{orgId}/usage/me'];
type BillingPath = paths['/api/organizations/{orgId}/settings/billing'];
type StatementsPath = paths['/api/organizations/{orgId}/billing/statements'];

/**
 * The organization's usage over a range of months (organization.analytics.view): the storage quota and what is held
 * now, the processing quota (CPU hours a month; null: none) and this month's use, the figures per month and workspace
 * (only the months and workspaces with something), the storage held per day (the whole organization), the top users.
 */
export type Usage = JsonOf<UsagePath['get']['responses'][200]>;
/** One month of one workspace: storage billed (GB-months, GB = 10⁹ bytes) and held at the month's end, hours, counts. */
export type WorkspaceMonth = Usage['months'][number];
export type StorageDay = Usage['storageDaily'][number];
export type TopUser = Usage['topUsers'][number];
/** My own usage here, one row per month of the range (every member). */
export type MyUsage = JsonOf<MyUsagePath['get']['responses'][200]>;
export type MyMonth = MyUsage['months'][number];
/** The billing arrangement (the platform administrator's plan and prices), the processing quota and the use against both quotas. */
export type BillingSettings = JsonOf<BillingPath['get']['responses'][200]>;
export type SetBillingSettingsRequest = BodyOf<BillingPath['put']>;
/** One month in the list of statements (newest first): a closed month's total as stored, an open one's as it stands. */
export type StatementSummary = JsonOf<StatementsPath['get']['responses'][200]>[number];

/**
 * One line of a statement. The generated document does not describe the statement's JSON (the route also answers CSV):
 * these are the server's StatementLineDto and StatementDto (src/Application/Usage/Billing.cs).
 */
export interface StatementLine {
  description: string;
  quantity: number;
  /** "GB-month", "CPU hour", "sample" or "month". */
  unit: string;
  unitPrice: number;
  amount: number;
}

/** One month's statement: a closed one is stored and never changes (closedAt); an open one is computed as things stand. */
export interface Statement {
  month: string;
  closed: boolean;
  closedAt: string | null;
  planName: string;
  currency: string;
  lines: StatementLine[];
  total: number;
}

/** A range of whole months (yyyy-MM); a missing end is the server's default (the last twelve months, this one included). */
export interface MonthRange {
  from?: string | undefined;
  to?: string | undefined;
}

/** The most months one request may cover (the server's limit). */
export const MAX_MONTHS = 36;

/** Query keys: under the organization's (switching organizations reads the new one's). */
export const usageKeys = {
  all: (orgId: string) => [...orgKeys.org(orgId), 'usage'] as const,
  organization: (orgId: string, range: MonthRange) => [...orgKeys.org(orgId), 'usage', 'organization', rangeQuery(range)] as const,
  mine: (orgId: string, range: MonthRange) => [...orgKeys.org(orgId), 'usage', 'mine', rangeQuery(range)] as const,
  billing: (orgId: string) => [...orgKeys.org(orgId), 'billing', 'settings'] as const,
  statements: (orgId: string) => [...orgKeys.org(orgId), 'billing', 'statements'] as const,
  statement: (orgId: string, month: string) => [...orgKeys.org(orgId), 'billing', 'statements', month] as const,
};

/** The query string of a range: only the ends that are given. */
function rangeQuery({ from, to }: MonthRange): { from?: string; to?: string } {
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

/** /orgs/:orgId/usage: the organization's usage (organization.analytics.view). */
export function usagePagePath(orgId: string): string {
  return `/orgs/${orgId}/usage`;
}

/** /orgs/:orgId/usage/me: my own usage (every member). */
export function myUsagePagePath(orgId: string): string {
  return `/orgs/${orgId}/usage/me`;
}

/** /orgs/:orgId/settings/billing: plan, prices, the processing quota and the statements (organization.billing.manage). */
export function billingPagePath(orgId: string): string {
  return `/orgs/${orgId}/settings/billing`;
}

/** /orgs/:orgId/billing/statements/2026-10: one month's statement. */
export function statementPagePath(orgId: string, month: string): string {
  return `/orgs/${orgId}/billing/statements/${encodeURIComponent(month)}`;
}

/** The statement as a CSV file (a plain download: the browser sends the session cookie). */
export function statementCsvUrl(orgId: string, month: string): string {
  return `/api/organizations/${encodeURIComponent(orgId)}/billing/statements/${encodeURIComponent(month)}?format=csv`;
}

const path = (orgId: string) => ({ params: { path: { orgId } } });

/** GET …/usage?from=&to= (organization.analytics.view: others get a 403). */
export function useUsage(orgId: string, range: MonthRange, { enabled }: { enabled: boolean }) {
  return useQuery({
    queryKey: usageKeys.organization(orgId, range),
    queryFn: () => unwrap(api.GET('/api/organizations/{orgId}/usage', { params: { path: { orgId }, query: rangeQuery(range) } })),
    enabled,
  });
}

/** GET …/usage/me?from=&to=: my own figures, one row per month of the range. */
export function useMyUsage(orgId: string, range: MonthRange) {
  return useQuery({
    queryKey: usageKeys.mine(orgId, range),
    queryFn: () => unwrap(api.GET('/api/organizations/{orgId}/usage/me', { params: { path: { orgId }, query: rangeQuery(range) } })),
  });
}

/** GET …/settings/billing (organization.billing.manage). */
export function useBillingSettings(orgId: string, { enabled }: { enabled: boolean }) {
  return useQuery({
    queryKey: usageKeys.billing(orgId),
    queryFn: () => unwrap(api.GET('/api/organizations/{orgId}/settings/billing', path(orgId))),
    enabled,
  });
}

/**
 * PUT …/settings/billing: {processingHoursQuota} in CPU hours, null for no limit (a 400 on processingHoursQuota when it
 * is not above 0). The usage page shows the quota too: it is read again.
 */
export function useSetBillingSettings(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SetBillingSettingsRequest) =>
      unwrap(api.PUT('/api/organizations/{orgId}/settings/billing', { ...path(orgId), body })),
    onSuccess: (result) => {
      queryClient.setQueryData(usageKeys.billing(orgId), result);
      return queryClient.invalidateQueries({ queryKey: usageKeys.all(orgId) });
    },
  });
}

/** GET …/billing/statements: newest first (organization.billing.manage). */
export function useStatements(orgId: string, { enabled }: { enabled: boolean }) {
  return useQuery({
    queryKey: usageKeys.statements(orgId),
    queryFn: () => unwrap(api.GET('/api/organizations/{orgId}/billing/statements', path(orgId))),
    enabled,
  });
}

/** GET …/billing/statements/{month}: the month's lines and total (organization.billing.manage). */
export function useStatement(orgId: string, month: string, { enabled }: { enabled: boolean }) {
  return useQuery({
    queryKey: usageKeys.statement(orgId, month),
    queryFn: async (): Promise<Statement> =>
      (await unwrap(
        api.GET('/api/organizations/{orgId}/billing/statements/{month}', { params: { path: { orgId, month } } }),
      )) as unknown as Statement,
    enabled,
  });
}
