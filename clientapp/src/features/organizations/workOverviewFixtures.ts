import { json, type Handler } from '../../test/fetchMock';
import { ORG_ID, orgRoutes, WS_EXOME, WS_GENERAL } from '../../test/orgFixtures';
import type { WorkOrder, WorkOverview, WorkReport, WorkRun } from './workOverviewApi';

// What needs attention in ORG_ID (GET …/dashboard), and a server answering it besides the organization's routes.

export const workOverviewApi = `/api/organizations/${ORG_ID}/dashboard`;

const id = (kind: string, n: number) => `0190f0aa-0000-7000-8000-${kind}${String(n).padStart(12 - kind.length, '0')}`;
export const runId = (n: number) => id('e', n);
export const orderId = (n: number) => id('f', n);
export const reportId = (n: number) => id('d', n);

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

export function workRun(n: number, overrides: Partial<WorkRun> = {}): WorkRun {
  return {
    id: runId(n),
    workspaceId: WS_GENERAL,
    workspaceName: 'General',
    name: `germline-fastq on NA128${String(n).padStart(2, '0')}`,
    status: 'RUNNING',
    at: minutesAgo(5 * n),
    ...overrides,
  };
}

export function workOrder(n: number, overrides: Partial<WorkOrder> = {}): WorkOrder {
  return {
    id: orderId(n),
    workspaceId: WS_GENERAL,
    workspaceName: 'General',
    test: `Panel ${n}`,
    priority: 'routine',
    dueDate: '2026-11-30',
    overdue: false,
    ...overrides,
  };
}

export function workReport(n: number, overrides: Partial<WorkReport> = {}): WorkReport {
  return {
    id: reportId(n),
    workspaceId: WS_EXOME,
    workspaceName: 'Exome 2025',
    title: `Report ${n}`,
    secondSignature: false,
    updatedAt: minutesAgo(30),
    ...overrides,
  };
}

/** Nothing needs attention; storage as the organization's dashboard fixture has it (1.5 GiB of 1 TiB). */
export function workOverview(overrides: Partial<WorkOverview> = {}): WorkOverview {
  return {
    runningCount: 0,
    running: [],
    failedCount: 0,
    failed: [],
    ordersDueCount: 0,
    ordersDue: [],
    awaitingSignatureCount: 0,
    awaitingSignature: [],
    storageUsedBytes: 1.5 * 1024 ** 3,
    storageQuotaBytes: 1024 ** 4,
    processingHoursThisMonth: 3.2,
    processingHoursQuota: 100,
    ...overrides,
  };
}

/** The organization's routes for a member with the role and permissions, answering …/dashboard with `overview`. */
export function workOverviewRoutes(
  roleName: string,
  permissions: readonly string[],
  overview: WorkOverview | Handler = workOverview(),
): Record<string, Handler> {
  return {
    ...orgRoutes(roleName, permissions),
    [`GET ${workOverviewApi}`]: typeof overview === 'function' ? overview : () => json(200, overview),
  };
}
