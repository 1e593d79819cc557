import { useMemo } from 'react';
import { Link } from 'react-router';
import { ApiError, asApiError } from '../../api/problem';
import { useSampleTable } from '../samples/api';
import { NO_FILTERS, type Sample } from '../samples/types';
import { subjectPath } from '../subjects/paths';
import { isPressing, orderStatusLabel, priorityLabel, type Order } from './api';
import './orders.css';

// Small pieces an order is shown with, in the list and on its page.

/** The priority in words; urgent, ASAP and STAT are marked with "!" and a heavier border besides their colour. */
export function PriorityBadge({ priority }: { priority: string }) {
  const pressing = isPressing(priority);
  return (
    <span className={pressing ? 'order-badge order-badge--pressing' : 'order-badge'}>
      {pressing ? <span aria-hidden="true">!</span> : null}
      {priorityLabel(priority)}
    </span>
  );
}

export function OrderStatusBadge({ status }: { status: string }) {
  const tone = status === 'cancelled' ? ' order-badge--cancelled' : status === 'reported' || status === 'closed' ? ' order-badge--done' : '';
  return <span className={`order-badge${tone}`}>{orderStatusLabel(status)}</span>;
}

export function OverdueBadge() {
  return <span className="order-badge order-badge--overdue">Overdue</span>;
}

const dueDateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

/** "2025-03-10" → "10 Mar 2025": a calendar day, the same wherever the reader is. */
export function formatDueDate(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : dueDateFormat.format(date);
}

/** The due date (or "No due date") and, when it has passed on an open order, "Overdue" in words. */
export function DueDate({ order }: { order: Order }) {
  return (
    <span className="order-badges">
      {order.dueDate ? <time dateTime={order.dueDate}>{formatDueDate(order.dueDate)}</time> : <span className="muted">No due date</span>}
      {order.overdue ? <OverdueBadge /> : null}
    </span>
  );
}

/**
 * The workspace's samples as the Analyses table reads them (its first pages), by id: what names an order's samples
 * and its subject. A sample not among them is named by the start of its id.
 */
export function useSampleLookup(orgId: string, workspaceId: string) {
  const table = useSampleTable(orgId, workspaceId, NO_FILTERS);
  const samples = useMemo(() => table.data?.pages.flatMap((p) => p.items) ?? [], [table.data]);
  const byId = useMemo(() => new Map(samples.map((s) => [s.id, s])), [samples]);
  return { table, samples, byId };
}

export function sampleName(id: string, byId: ReadonlyMap<string, Sample>): string {
  return byId.get(id)?.name ?? `Sample ${id.slice(0, 8)}`;
}

/** The external id of the order's subject, when one of its samples names it. */
export function subjectName(order: Order, byId: ReadonlyMap<string, Sample>): string | null {
  if (!order.subjectId) return null;
  for (const id of order.sampleIds) {
    const subject = byId.get(id)?.subject;
    if (subject?.id === order.subjectId) return subject.externalId;
  }
  return null;
}

/** The subject (a link) and the samples' names. */
export function SubjectAndSamples({ orgId, workspaceId, order, byId }: { orgId: string; workspaceId: string; order: Order; byId: ReadonlyMap<string, Sample> }) {
  const subject = subjectName(order, byId);
  return (
    <>
      {order.subjectId ? (
        <Link to={subjectPath(orgId, workspaceId, order.subjectId)}>{subject ?? 'Subject'}</Link>
      ) : (
        <span className="muted">No subject</span>
      )}
      <div className="muted">{order.sampleIds.map((id) => sampleName(id, byId)).join(', ')}</div>
    </>
  );
}

/** The people working on an order ("Unassigned" when nobody is). */
export function Assignees({ order }: { order: Order }) {
  if (order.assignees.length === 0) return <span className="muted">Unassigned</span>;
  return <>{order.assignees.map((a) => a.displayName).join(', ')}</>;
}

/**
 * A 400 whose detail says an HPO term is wrong, without naming a field: put it on the phenotype terms field, where it
 * is corrected.
 */
export function hpoProblemOnField(error: unknown): unknown {
  if (!error) return error;
  const apiError = asApiError(error);
  if (apiError.status !== 400 || Object.keys(apiError.fieldErrors).length > 0 || !/\bHPO\b|\bHP:|phenotype/i.test(apiError.message)) return error;
  return new ApiError(400, { ...apiError.problem, errors: { phenotypeTerms: [apiError.message] } }, apiError.message);
}
