import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { asApiError, mutationStatus } from '../../api/problem';
import {
  Alert,
  Button,
  ConfirmDialog,
  formatDateTime,
  LoadFailure,
  LoadingState,
  ProblemAlert,
  RetryAlert,
  usePageTitle,
  useStatusMessage,
} from '../../components';
import { usePermissions } from '../organizations/permissions';
import { reportPagePath, useReports } from '../reports/api';
import { ReportStatusBadge } from '../reports/ReportParts';
import { useAssignableMembers } from '../samples/api';
import type { Sample } from '../samples/types';
import { orderStatusLabel, ordersPagePath, statusActions, useOrder, useUpdateOrder, type Order, type StatusAction } from './api';
import { EditOrderDialog } from './OrderDialogs';
import { formatDueDate, OrderStatusBadge, OverdueBadge, PriorityBadge, sampleName, subjectName, useSampleLookup } from './OrderParts';
import { subjectPath } from '../subjects/paths';

type Open = 'edit' | 'cancel' | null;

/**
 * /orgs/:orgId/workspaces/:workspaceId/orders/:orderId — one order: its details, samples and reports; with
 * orders.manage, the status moves allowed from its status (cancelling is confirmed), its details and its assignees.
 */
export default function OrderPage() {
  const { orgId = '', workspaceId = '', orderId = '' } = useParams();
  const { can } = usePermissions(orgId);
  const order = useOrder(orgId, workspaceId, orderId);
  const move = useUpdateOrder(orgId, workspaceId, orderId);
  const announce = useStatusMessage();
  const [open, setOpen] = useState<Open>(null);
  const [moving, setMoving] = useState<string | null>(null);
  // The button of a status move goes away with the old status: the focus moves to the heading, not to <body>.
  const heading = useRef<HTMLHeadingElement>(null);
  const [moves, setMoves] = useState(0);
  useEffect(() => {
    if (moves > 0) heading.current?.focus();
  }, [moves]);
  const { byId } = useSampleLookup(orgId, workspaceId);
  usePageTitle(order.data?.test ?? 'Order');
  const canManage = can('orders.manage', workspaceId);
  const ordersPath = ordersPagePath(orgId, workspaceId);

  if (order.isPending) return <LoadingState label="Loading order…" />;
  if (order.isError)
    return (
      <LoadFailure noun="order" error={order.error} onRetry={() => void order.refetch()}>
        <Link to={ordersPath}>Back to the orders</Link>
      </LoadFailure>
    );
  const o = order.data;
  const actions = canManage ? statusActions(o.status) : [];
  const close = () => setOpen(null);

  function changeStatus(action: StatusAction, onDone?: () => void) {
    setMoving(action.status);
    move.mutate(
      { status: action.status },
      {
        onSuccess: (saved) => {
          announce(`Order “${saved.test}” is now ${orderStatusLabel(saved.status).toLowerCase()}.`);
          move.reset();
          onDone?.();
          setMoves((n) => n + 1);
        },
        onSettled: () => setMoving(null),
      },
    );
  }

  return (
    <div className="page">
      <header className="page__header page__header--split">
        <div>
          <p className="page__eyebrow">
            <Link to={ordersPath}>Orders</Link>
          </p>
          <h1 ref={heading} tabIndex={-1} className="page__title wrap-anywhere">
            {o.test}
          </h1>
          <p className="page__subtitle order-badges">
            <OrderStatusBadge status={o.status} />
            <PriorityBadge priority={o.priority} />
            {o.overdue ? <OverdueBadge /> : null}
          </p>
        </div>
        {canManage ? (
          <div className="actions" role="group" aria-label="Order actions">
            {actions.map((a) => (
              <Button
                key={a.status}
                variant={a.confirm ? 'ghost-danger' : 'secondary'}
                busy={moving === a.status && move.isPending}
                busyLabel="Saving…"
                disabled={move.isPending}
                onClick={() => {
                  move.reset();
                  if (a.confirm) setOpen('cancel');
                  else changeStatus(a);
                }}
              >
                {a.label}
              </Button>
            ))}
            <Button variant="secondary" onClick={() => setOpen('edit')}>
              Edit details
            </Button>
          </div>
        ) : null}
      </header>

      {move.error && open !== 'cancel' ? <Alert title="The status was not changed">{asApiError(move.error).message}</Alert> : null}

      <section className="card" aria-labelledby="order-details">
        <h2 id="order-details" className="card__title">
          Details
        </h2>
        <OrderDetails orgId={orgId} workspaceId={workspaceId} order={o} byId={byId} />
      </section>

      <section className="card" aria-labelledby="order-samples">
        <h2 id="order-samples" className="card__title">
          Samples
        </h2>
        <ul className="order-list">
          {o.sampleIds.map((id) => (
            <li key={id}>
              <Link to={`/orgs/${orgId}/workspaces/${workspaceId}/samples/${id}`}>{sampleName(id, byId)}</Link>
            </li>
          ))}
        </ul>
      </section>

      <OrderReports orgId={orgId} workspaceId={workspaceId} orderId={o.id} />

      <AssigneesSection key={o.updatedAt} orgId={orgId} workspaceId={workspaceId} order={o} canManage={canManage} />

      {open === 'edit' ? <EditOrderDialog orgId={orgId} workspaceId={workspaceId} order={o} onClose={close} /> : null}
      {open === 'cancel' ? (
        <ConfirmDialog
          title="Cancel this order?"
          tone="danger"
          actionLabel="Cancel order"
          cancelLabel="Keep the order"
          busyLabel="Cancelling…"
          {...mutationStatus(move)}
          onCancel={() => {
            move.reset();
            close();
          }}
          onConfirm={() => changeStatus({ status: 'cancelled', label: 'Cancel order' }, close)}
        >
          <p>
            The order for <strong>{o.test}</strong> will be cancelled: its status can no longer change. It stays in the list of
            orders.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

function Text({ value }: { value: string | null }) {
  return value ? <span className="wrap-anywhere">{value}</span> : <span className="muted">None</span>;
}

function OrderDetails({ orgId, workspaceId, order, byId }: { orgId: string; workspaceId: string; order: Order; byId: ReadonlyMap<string, Sample> }) {
  const subject = subjectName(order, byId);
  return (
    <dl className="details">
      <div>
        <dt>Status</dt>
        <dd>{orderStatusLabel(order.status)}</dd>
      </div>
      <div>
        <dt>Due date</dt>
        <dd>
          {order.dueDate ? <time dateTime={order.dueDate}>{formatDueDate(order.dueDate)}</time> : <span className="muted">None</span>}
          {order.overdue ? ' (overdue)' : null}
        </dd>
      </div>
      <div>
        <dt>Subject</dt>
        <dd>
          {order.subjectId ? <Link to={subjectPath(orgId, workspaceId, order.subjectId)}>{subject ?? 'Subject'}</Link> : <span className="muted">None</span>}
        </dd>
      </div>
      <div>
        <dt>Ordering clinician</dt>
        <dd>{order.orderingClinician}</dd>
      </div>
      <div>
        <dt>Ordering institution</dt>
        <dd>
          <Text value={order.orderingInstitution} />
        </dd>
      </div>
      <div>
        <dt>Indication</dt>
        <dd>
          <Text value={order.indication} />
        </dd>
      </div>
      <div>
        <dt>Phenotype (HPO)</dt>
        <dd>
          {order.phenotypeTerms.length === 0 ? (
            <span className="muted">None</span>
          ) : (
            <ul className="order-terms">
              {order.phenotypeTerms.map((t) => (
                <li key={t}>
                  <code>{t}</code>
                </li>
              ))}
            </ul>
          )}
        </dd>
      </div>
      <div>
        <dt>External id</dt>
        <dd>
          <Text value={order.externalId} />
        </dd>
      </div>
      <div>
        <dt>Recorded</dt>
        <dd>
          {formatDateTime(order.createdAt)} by {order.createdBy.displayName}
        </dd>
      </div>
    </dl>
  );
}

/** The workspace's reports made for this order. */
function OrderReports({ orgId, workspaceId, orderId }: { orgId: string; workspaceId: string; orderId: string }) {
  const reports = useReports(orgId, workspaceId);
  const mine = (reports.data ?? []).filter((r) => r.orderId === orderId);
  return (
    <section className="card" aria-labelledby="order-reports">
      <h2 id="order-reports" className="card__title">
        Reports
      </h2>
      {reports.isPending ? <LoadingState label="Loading reports…" /> : null}
      {reports.isError ? <RetryAlert title="The reports could not be loaded" message={reports.error.message} onRetry={() => void reports.refetch()} /> : null}
      {reports.data && mine.length === 0 ? <p className="muted">No report for this order yet.</p> : null}
      {mine.length > 0 ? (
        <ul className="order-list">
          {mine.map((r) => (
            <li key={r.id} className="order-badges">
              <Link className="wrap-anywhere" to={reportPagePath(orgId, workspaceId, r.id)}>
                {r.title}
              </Link>
              <span>Version {r.version}</span>
              <ReportStatusBadge status={r.status} />
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

interface AssigneesSectionProps {
  orgId: string;
  workspaceId: string;
  order: Order;
  canManage: boolean;
}

/** Who works on the order; with orders.manage, ticked among the members who can enter the workspace, then saved. */
function AssigneesSection({ orgId, workspaceId, order, canManage }: AssigneesSectionProps) {
  const members = useAssignableMembers(orgId, workspaceId, { enabled: canManage });
  const update = useUpdateOrder(orgId, workspaceId, order.id);
  const announce = useStatusMessage();
  const [chosen, setChosen] = useState<string[]>(order.assignees.map((a) => a.userId));
  const id = useId();
  // Someone assigned who is no longer offered can still be removed.
  const people = new Map<string, string>();
  for (const m of members.data ?? []) people.set(m.userId, m.displayName);
  for (const a of order.assignees) if (!people.has(a.userId)) people.set(a.userId, a.displayName);
  const sorted = [...people.entries()].sort((a, b) => a[1].localeCompare(b[1], 'en', { sensitivity: 'base' }));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    update.mutate({ assigneeIds: chosen }, { onSuccess: (saved) => announce(`Assignees of “${saved.test}” saved.`) });
  }

  function toggle(userId: string, checked: boolean) {
    setChosen((current) => (checked ? [...current, userId] : current.filter((x) => x !== userId)));
  }

  return (
    <section className="card" aria-labelledby={`${id}-assignees`}>
      <h2 id={`${id}-assignees`} className="card__title">
        Assignees
      </h2>
      {!canManage ? (
        order.assignees.length === 0 ? (
          <p className="muted">Unassigned</p>
        ) : (
          <ul className="order-list">
            {order.assignees.map((a) => (
              <li key={a.userId}>{a.displayName}</li>
            ))}
          </ul>
        )
      ) : (
        <form className="form" noValidate onSubmit={onSubmit} aria-label="Assignees">
          <ProblemAlert title="The assignees were not saved" summary={update.error ? asApiError(update.error).message : null} />
          {members.isPending ? <LoadingState label="Loading members…" /> : null}
          {members.isError ? (
            <RetryAlert title="The members could not be loaded" message={members.error.message} onRetry={() => void members.refetch()} />
          ) : null}
          <fieldset className="checklist">
            <legend className="field__label">People working on this order</legend>
            {sorted.map(([userId, displayName]) => (
              <label key={userId} className="checklist__item">
                <input type="checkbox" name="assigneeIds" value={userId} checked={chosen.includes(userId)} onChange={(e) => toggle(userId, e.target.checked)} />
                {displayName}
              </label>
            ))}
          </fieldset>
          <div className="actions">
            <Button type="submit" busy={update.isPending} busyLabel="Saving…">
              Save assignees
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
