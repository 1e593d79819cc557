import type { PermissionKey } from '../../api/permissionKeys';
import { analysesRoutes, RUN_2, S1, sample, ws } from '../../test/analysisFixtures';
import { json, type Handler } from '../../test/fetchMock';
import { ADA_ID, GRACE_ID, ORG_ID, WS_GENERAL } from '../../test/orgFixtures';
import type { ReportSummary } from '../reports/api';
import type { Sample } from '../samples/types';
import type { Order } from './api';

// Orders of WS_GENERAL for the samples S1 (NA12878, no subject) and S2 (NA12891, subject FAM-001), and a server holding them.

export const ORDER_1 = '0190f0aa-0000-7000-8000-000000000201';
export const ORDER_2 = '0190f0aa-0000-7000-8000-000000000202';
export const S2 = '0190f0aa-0000-7000-8000-0000000005a2';
export const SUBJECT_1 = '0190f0aa-0000-7000-8000-0000000006a1';
export const ordersApi = `${ws}/orders`;
export const ordersPath = `/orgs/${ORG_ID}/workspaces/${WS_GENERAL}/orders`;
export const orderPath = (id: string) => `${ordersPath}/${id}`;

export const ada = { userId: ADA_ID, displayName: 'Ada Lovelace' };
export const grace = { userId: GRACE_ID, displayName: 'Grace Hopper' };

export const sample2: Sample = {
  ...sample,
  id: S2,
  name: 'NA12891',
  subject: { id: SUBJECT_1, externalId: 'FAM-001' },
};

export function order(overrides: Partial<Order> = {}): Order {
  return {
    id: ORDER_1,
    workspaceId: WS_GENERAL,
    subjectId: SUBJECT_1,
    sampleIds: [S2],
    test: 'Epilepsy gene panel',
    orderingClinician: 'Dr. Marie Curie',
    orderingInstitution: 'City Hospital',
    indication: 'Seizures since infancy.',
    phenotypeTerms: ['HP:0001250'],
    priority: 'urgent',
    dueDate: '2025-03-10',
    externalId: 'LIS-42',
    status: 'received',
    overdue: true,
    assignees: [ada],
    createdBy: ada,
    createdAt: '2025-03-01T10:00:00Z',
    updatedAt: '2025-03-01T10:00:00Z',
    ...overrides,
  };
}

/** Urgent, received, overdue; assigned to Ada. */
export const urgentOrder = order();
/** Routine, in progress, due later, nobody assigned. */
export const routineOrder = order({
  id: ORDER_2,
  subjectId: null,
  sampleIds: [S1],
  test: 'Exome trio',
  priority: 'routine',
  dueDate: '2025-04-01',
  status: 'in-progress',
  overdue: false,
  assignees: [],
  phenotypeTerms: [],
  orderingInstitution: null,
  indication: null,
  externalId: null,
});

export function reportSummary(id: string, title: string, orderId: string | null): ReportSummary {
  return {
    id,
    analysisId: RUN_2,
    orderId,
    title,
    version: 1,
    status: 'preliminary',
    updatedAt: '2025-03-05T10:00:00Z',
    createdBy: ada,
  };
}

/**
 * A server for the order pages: the Analyses routes with `permissions`, the samples S1 and S2, the orders (each by id;
 * the list as given, whatever the query: tests look at the query sent), the reports, and the assignable members
 * (Ada, Grace). `extra` overrides any route.
 */
export function orderRoutes(
  permissions: readonly PermissionKey[],
  { orders = [urgentOrder, routineOrder], reports = [] }: { orders?: Order[]; reports?: ReportSummary[] } = {},
  extra: Record<string, Handler> = {},
): Record<string, Handler> {
  const handlers: Record<string, Handler> = {
    [`GET ${ws}/samples`]: () => json(200, { items: [sample, sample2], nextCursor: null, total: 2, totalCapped: false }),
    [`GET ${ordersApi}`]: () => json(200, orders),
    [`GET ${ws}/reports`]: () => json(200, reports),
  };
  for (const o of orders) handlers[`GET ${ordersApi}/${o.id}`] = () => json(200, o);
  return analysesRoutes(permissions, {}, { ...handlers, ...extra });
}
