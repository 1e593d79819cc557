import type { PermissionKey } from '../../api/permissionKeys';
import { RUN_2, ws } from '../../test/analysisFixtures';
import { json, type Handler } from '../../test/fetchMock';
import { ADA_ID, GRACE_ID, ORG_ID, WS_GENERAL } from '../../test/orgFixtures';
import { variantRoutes } from '../../test/variantFixtures';
import type { Report, ReportDelivery, ReportSummary, ReportVersion } from './api';

// Reports of the COMPLETE run RUN_2 (whose variants are brca1 = 1 and tp53 = 2), and a server holding them.

export const REPORT_1 = '0190f0aa-0000-7000-8000-000000000101';
export const REPORT_2 = '0190f0aa-0000-7000-8000-000000000102';
export const reportsApi = `${ws}/reports`;
export const reportsPath = `/orgs/${ORG_ID}/workspaces/${WS_GENERAL}/reports`;
export const reportPath = (id: string) => `${reportsPath}/${id}`;
export const SHA_V1 = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

export const ada = { userId: ADA_ID, displayName: 'Ada Lovelace' };
export const grace = { userId: GRACE_ID, displayName: 'Grace Hopper' };

export function version(number: number, overrides: Partial<ReportVersion> = {}): ReportVersion {
  return {
    number,
    status: 'preliminary',
    kind: null,
    reason: null,
    variantIds: [1, 2],
    interpretation: 'A pathogenic BRCA1 variant was found.',
    conclusion: null,
    limitations: null,
    filtersUsed: 'Rare (AF < 1%)',
    createdBy: ada,
    createdAt: '2025-03-05T10:00:00Z',
    updatedAt: '2025-03-05T10:00:00Z',
    signature: null,
    firstSignature: null,
    ...overrides,
  };
}

/** Version 1 signed by Grace Hopper (approved). */
export const signedV1 = version(1, {
  status: 'final',
  updatedAt: '2025-03-06T09:30:00Z',
  signature: { signer: grace, signedAt: '2025-03-06T09:30:15Z', meaning: 'approved', pdfSha256: SHA_V1 },
});

export function report(versions: ReportVersion[], overrides: Partial<Report> = {}): Report {
  return {
    id: REPORT_1,
    workspaceId: WS_GENERAL,
    analysisId: RUN_2,
    orderId: null,
    title: 'Hereditary breast cancer panel',
    createdAt: '2025-03-05T10:00:00Z',
    versions,
    deliveries: [],
    ...overrides,
  };
}

export const FHIR_ENDPOINT = 'https://fhir.northwind.example/fhir';

/** A delivery of version 1 to FHIR_ENDPOINT, pending (not tried yet) unless `overrides` say otherwise. */
export function delivery(overrides: Partial<ReportDelivery> = {}): ReportDelivery {
  return {
    id: '0190f0aa-0000-7000-8000-000000000201',
    version: 1,
    endpoint: FHIR_ENDPOINT,
    status: 'pending',
    rounds: 0,
    lastStatusCode: null,
    lastError: null,
    createdAt: '2025-03-06T09:30:15Z',
    nextAttemptAt: '2025-03-06T09:30:15Z',
    deliveredAt: null,
    remoteLocation: null,
    ...overrides,
  };
}

/** A draft (version 1, preliminary) choosing both variants. */
export const draftReport = report([version(1)]);
/** Version 1 signed. */
export const signedReport = report([signedV1]);

export function summaryOf(r: Report): ReportSummary {
  const current = r.versions[0]!;
  return {
    id: r.id,
    analysisId: r.analysisId,
    orderId: r.orderId,
    title: r.title,
    version: current.number,
    status: current.status,
    updatedAt: current.updatedAt,
    createdBy: current.createdBy,
  };
}

/**
 * A server for the report pages: the variant routes (RUN_2 COMPLETE with brca1 and tp53) with `permissions`, the
 * reports (listed newest first, filtered by analysisId) and each report. `extra` overrides any route.
 */
export function reportRoutes(
  permissions: readonly PermissionKey[],
  reports: Report[] = [draftReport],
  extra: Record<string, Handler> = {},
): Record<string, Handler> {
  const handlers: Record<string, Handler> = {
    [`GET ${reportsApi}`]: (request) => {
      const analysisId = new URL(request.url).searchParams.get('analysisId');
      return json(200, reports.filter((r) => !analysisId || r.analysisId === analysisId).map(summaryOf));
    },
  };
  for (const r of reports) handlers[`GET ${reportsApi}/${r.id}`] = () => json(200, r);
  return variantRoutes(permissions, { extra: { ...handlers, ...extra } });
}
