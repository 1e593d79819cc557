import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import type { BodyOf, JsonOf } from '../../api/types';
import { orgKeys } from '../organizations/keys';

type OrdersPath = paths['/api/organizations/{orgId}/workspaces/{workspaceId}/orders'];
type OrderPath = paths['/api/organizations/{orgId}/workspaces/{workspaceId}/orders/{orderId}'];

/** A test ordered for samples of one subject: who ordered it, why, how urgent, its status and who works on it. */
export type Order = JsonOf<OrderPath['get']['responses'][200]>;
export type CreateOrderRequest = BodyOf<OrdersPath['post']>;
export type UpdateOrderRequest = BodyOf<OrderPath['patch']>;

/** The list's filters, as the URL keeps them ("" for any). */
export interface OrderFilters {
  status: string;
  priority: string;
  overdue: boolean;
}

export const NO_ORDER_FILTERS: OrderFilters = { status: '', priority: '', overdue: false };

export const ORDER_STATUSES = [
  { value: 'received', label: 'Received' },
  { value: 'in-progress', label: 'In progress' },
  { value: 'reported', label: 'Reported' },
  { value: 'closed', label: 'Closed' },
  { value: 'cancelled', label: 'Cancelled' },
] as const;

export const ORDER_PRIORITIES = [
  { value: 'routine', label: 'Routine' },
  { value: 'urgent', label: 'Urgent' },
  { value: 'asap', label: 'ASAP' },
  { value: 'stat', label: 'STAT' },
] as const;

export function orderStatusLabel(status: string): string {
  return ORDER_STATUSES.find((s) => s.value === status)?.label ?? status;
}

export function priorityLabel(priority: string): string {
  return ORDER_PRIORITIES.find((p) => p.value === priority)?.label ?? priority;
}

/** Urgent, ASAP and STAT: more pressing than routine (highlighted in the lists). */
export function isPressing(priority: string): boolean {
  return priority !== 'routine' && ORDER_PRIORITIES.some((p) => p.value === priority);
}

/** A status change an order may make, as a button names it. */
export interface StatusAction {
  status: string;
  label: string;
  /** Cancelling ends the order for good: it is confirmed first. */
  confirm?: boolean;
}

const CANCEL: StatusAction = { status: 'cancelled', label: 'Cancel order', confirm: true };

/** received → in-progress → reported → closed; reported back to in-progress; cancelled while received or in progress. */
const TRANSITIONS: Record<string, readonly StatusAction[]> = {
  received: [{ status: 'in-progress', label: 'Start work' }, CANCEL],
  'in-progress': [{ status: 'reported', label: 'Mark reported' }, CANCEL],
  reported: [{ status: 'closed', label: 'Close' }, { status: 'in-progress', label: 'Reopen' }],
};

/** The status changes allowed from `status` (none once closed or cancelled). */
export function statusActions(status: string): readonly StatusAction[] {
  return TRANSITIONS[status] ?? [];
}

/** The HPO term shape: "HP:" and seven digits. */
export const HPO_TERM = /^HP:\d{7}$/i;

/** "HP:0001250, HP:0000252 hp:0004322" → the terms (upper-cased), and the pieces that are not HPO terms. */
export function parsePhenotypeTerms(text: string): { terms: string[]; invalid: string[] } {
  const pieces = text.split(/[\s,;]+/).filter(Boolean);
  const terms: string[] = [];
  const invalid: string[] = [];
  for (const piece of pieces) {
    if (!HPO_TERM.test(piece)) invalid.push(piece);
    else if (!terms.includes(piece.toUpperCase())) terms.push(piece.toUpperCase());
  }
  return { terms, invalid };
}

/** Query keys: under the workspace's data (an order is of its samples). */
export const orderKeys = {
  all: (orgId: string, workspaceId: string) => [...orgKeys.workspaceData(orgId, workspaceId), 'orders'] as const,
  lists: (orgId: string, workspaceId: string) => [...orgKeys.workspaceData(orgId, workspaceId), 'orders', 'list'] as const,
  list: (orgId: string, workspaceId: string, filters: OrderFilters) =>
    [...orgKeys.workspaceData(orgId, workspaceId), 'orders', 'list', filters] as const,
  one: (orgId: string, workspaceId: string, orderId: string) => [...orgKeys.workspaceData(orgId, workspaceId), 'orders', 'one', orderId] as const,
};

export function ordersPagePath(orgId: string, workspaceId: string): string {
  return `/orgs/${orgId}/workspaces/${workspaceId}/orders`;
}

export function orderPagePath(orgId: string, workspaceId: string, orderId: string): string {
  return `${ordersPagePath(orgId, workspaceId)}/${orderId}`;
}

/** The query string of GET …/orders: only what is set is sent (overdue=true, never overdue=false). */
export function orderListQuery(filters: OrderFilters) {
  return {
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.priority ? { priority: filters.priority } : {}),
    ...(filters.overdue ? { overdue: true } : {}),
  };
}

/** The orders I see (every sample visible, or assigned to me): overdue first, then by due date and priority. */
export function useOrders(orgId: string, workspaceId: string, filters: OrderFilters = NO_ORDER_FILTERS) {
  return useQuery({
    queryKey: orderKeys.list(orgId, workspaceId, filters),
    queryFn: () =>
      unwrap(
        api.GET('/api/organizations/{orgId}/workspaces/{workspaceId}/orders', {
          params: { path: { orgId, workspaceId }, query: orderListQuery(filters) },
        }),
      ),
  });
}

const orderPath = (orgId: string, workspaceId: string, orderId: string) => ({ params: { path: { orgId, workspaceId, orderId } } });

/** One order (patient data the server audits: not read again on window focus). */
export function useOrder(orgId: string, workspaceId: string, orderId: string) {
  return useQuery({
    queryKey: orderKeys.one(orgId, workspaceId, orderId),
    queryFn: () => unwrap(api.GET('/api/organizations/{orgId}/workspaces/{workspaceId}/orders/{orderId}', orderPath(orgId, workspaceId, orderId))),
    refetchOnWindowFocus: false,
  });
}

/** A mutation answered with the whole order: it replaces the cached one; the lists are read again. */
function useOrderChanged(orgId: string, workspaceId: string) {
  const queryClient = useQueryClient();
  return (order: Order) => {
    queryClient.setQueryData(orderKeys.one(orgId, workspaceId, order.id), order);
    return queryClient.invalidateQueries({ queryKey: orderKeys.lists(orgId, workspaceId) });
  };
}

/** POST …/orders (orders.manage): 201 with the order; a 400 names the fields (or says which HPO term is wrong). */
export function useCreateOrder(orgId: string, workspaceId: string) {
  const changed = useOrderChanged(orgId, workspaceId);
  return useMutation({
    mutationFn: (body: CreateOrderRequest) =>
      unwrap(api.POST('/api/organizations/{orgId}/workspaces/{workspaceId}/orders', { params: { path: { orgId, workspaceId } }, body })),
    onSuccess: changed,
  });
}

/** PATCH …/orders/{id} (orders.manage): the fields given, a status move, or the assignees; a refused move is a 400. */
export function useUpdateOrder(orgId: string, workspaceId: string, orderId: string) {
  const changed = useOrderChanged(orgId, workspaceId);
  return useMutation({
    mutationFn: (body: UpdateOrderRequest) =>
      unwrap(api.PATCH('/api/organizations/{orgId}/workspaces/{workspaceId}/orders/{orderId}', { ...orderPath(orgId, workspaceId, orderId), body })),
    onSuccess: changed,
  });
}
