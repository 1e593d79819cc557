import type { PermissionKey } from '../../api/permissionKeys';
import { json, type Handler } from '../../test/fetchMock';
import { ADA_ID, GRACE_ID, ORG_ID, orgRoutes, WS_EXOME, WS_GENERAL } from '../../test/orgFixtures';
import type { BillingSettings, MyUsage, Statement, StatementSummary, Usage } from './api';

export const orgApi = `/api/organizations/${ORG_ID}`;
export const usagePage = `/orgs/${ORG_ID}/usage`;
export const myUsagePage = `/orgs/${ORG_ID}/usage/me`;
export const billingPage = `/orgs/${ORG_ID}/settings/billing`;
export const statementPage = (month: string) => `/orgs/${ORG_ID}/billing/statements/${month}`;

export const GET_USAGE = `GET ${orgApi}/usage`;
export const GET_MY_USAGE = `GET ${orgApi}/usage/me`;
export const GET_BILLING = `GET ${orgApi}/settings/billing`;
export const PUT_BILLING = `PUT ${orgApi}/settings/billing`;
export const GET_STATEMENTS = `GET ${orgApi}/billing/statements`;
export const GET_STATEMENT = (month: string) => `GET ${orgApi}/billing/statements/${month}`;

/**
 * The organization's usage, December 2025 to November 2026: 12.3 GB held of 100 GB, 41.5 of 100 CPU hours this month;
 * October in both workspaces, November in General only; three days of storage; Ada and Grace as top users.
 */
export function usageReport(overrides: Partial<Usage> = {}): Usage {
  return {
    from: '2025-12',
    to: '2026-11',
    storageQuotaBytes: 100e9,
    storageUsedBytes: 12.3e9,
    processingHoursQuota: 100,
    processingHoursThisMonth: 41.5,
    months: [
      {
        month: '2026-11',
        workspaceId: WS_GENERAL,
        workspaceName: 'General',
        storageGbMonths: 8.125,
        storageBytes: 8.1e9,
        processingHours: 41.5,
        wallHours: 10,
        samples: 3,
        analyses: 5,
        reports: 0,
      },
      {
        month: '2026-10',
        workspaceId: WS_GENERAL,
        workspaceName: 'General',
        storageGbMonths: 7.5,
        storageBytes: 8.1e9,
        processingHours: 20.25,
        wallHours: 5.25,
        samples: 9,
        analyses: 11,
        reports: 1,
      },
      {
        month: '2026-10',
        workspaceId: WS_EXOME,
        workspaceName: 'Exome 2025',
        storageGbMonths: 3.25,
        storageBytes: 4.2e9,
        processingHours: 12.75,
        wallHours: 3.5,
        samples: 4,
        analyses: 6,
        reports: 2,
      },
    ],
    storageDaily: [
      { day: '2026-11-01', bytes: 11.8e9 },
      { day: '2026-11-02', bytes: 12.05e9 },
      { day: '2026-11-03', bytes: 12.3e9 },
    ],
    topUsers: [
      { userId: ADA_ID, displayName: 'Ada Lovelace', processingHours: 50.5, analyses: 15, samples: 10 },
      { userId: GRACE_ID, displayName: 'Grace Hopper', processingHours: 24, analyses: 7, samples: 6 },
    ],
    ...overrides,
  };
}

/** My usage, one row per month of the range (September to November 2026 unless the request names another). */
export function myUsage(from = '2026-09', to = '2026-11'): MyUsage {
  const rows = [
    { month: '2026-09', processingHours: 0, wallHours: 0, analyses: 0, samples: 0, uploadedBytes: 0 },
    { month: '2026-10', processingHours: 7.25, wallHours: 2.5, analyses: 3, samples: 2, uploadedBytes: 4.5e9 },
    { month: '2026-11', processingHours: 12.5, wallHours: 4, analyses: 4, samples: 1, uploadedBytes: 1.25e9 },
  ];
  return { from, to, months: rows.filter((r) => r.month >= from && r.month <= to) };
}

export function billingSettings(overrides: Partial<BillingSettings> = {}): BillingSettings {
  return {
    planName: 'Standard',
    currency: 'EUR',
    pricePerGbMonth: 0.023,
    pricePerCpuHour: 0.12,
    pricePerSample: 2.5,
    monthlyFee: 49,
    processingHoursQuota: 100,
    processingHoursThisMonth: 41.5,
    storageQuotaBytes: 100e9,
    storageUsedBytes: 12.3e9,
    ...overrides,
  };
}

/** Newest first: November (open) and October (closed). */
export const statements: StatementSummary[] = [
  { month: '2026-11', closed: false, currency: 'EUR', total: 61.48 },
  { month: '2026-10', closed: true, currency: 'EUR', total: 74 },
];

export const closedStatement: Statement = {
  month: '2026-10',
  closed: true,
  closedAt: '2026-11-01T00:05:00Z',
  planName: 'Standard',
  currency: 'EUR',
  lines: [
    { description: 'Storage — Exome 2025', quantity: 3.25, unit: 'GB-month', unitPrice: 0.023, amount: 0.07 },
    { description: 'Processing — General', quantity: 20.25, unit: 'CPU hour', unitPrice: 0.12, amount: 2.43 },
    { description: 'Samples — General', quantity: 9, unit: 'sample', unitPrice: 2.5, amount: 22.5 },
    { description: 'Standard plan', quantity: 1, unit: 'month', unitPrice: 49, amount: 49 },
  ],
  total: 74,
};

export const openStatement: Statement = {
  month: '2026-11',
  closed: false,
  closedAt: null,
  planName: 'Standard',
  currency: 'EUR',
  lines: [
    { description: 'Processing — General', quantity: 41.5, unit: 'CPU hour', unitPrice: 0.12, amount: 4.98 },
    { description: 'Samples — General', quantity: 3, unit: 'sample', unitPrice: 2.5, amount: 7.5 },
    { description: 'Standard plan', quantity: 1, unit: 'month', unitPrice: 49, amount: 49 },
  ],
  total: 61.48,
};

/**
 * A server for the usage and billing pages: the organization routes of a member (role `roleName`) with `permissions`;
 * the usage answers the months asked for (or the default); billing, the statements and the two statements above.
 */
export function usageRoutes(
  roleName: string,
  permissions: readonly PermissionKey[],
  extra: Record<string, Handler> = {},
): Record<string, Handler> {
  return {
    ...orgRoutes(roleName, permissions),
    [GET_USAGE]: (request) => {
      const query = new URL(request.url).searchParams;
      return json(200, usageReport({ from: query.get('from') ?? '2025-12', to: query.get('to') ?? '2026-11' }));
    },
    [GET_MY_USAGE]: (request) => {
      const query = new URL(request.url).searchParams;
      return json(200, myUsage(query.get('from') ?? '2026-09', query.get('to') ?? '2026-11'));
    },
    [GET_BILLING]: () => json(200, billingSettings()),
    [GET_STATEMENTS]: () => json(200, statements),
    [GET_STATEMENT('2026-10')]: () => json(200, closedStatement),
    [GET_STATEMENT('2026-11')]: () => json(200, openStatement),
    ...extra,
  };
}
