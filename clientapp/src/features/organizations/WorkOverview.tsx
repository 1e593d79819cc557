import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { LoadingState, RelativeTime, RetryAlert, StorageBar, usagePercent } from '../../components';
import { formatDueDate, OverdueBadge, PriorityBadge } from '../orders/OrderParts';
import { usePermissions } from './permissions';
import { useWorkOverview, type WorkOrder, type WorkReport, type WorkRun } from './workOverviewApi';
import '../analyses/analyses.css';
import './workOverview.css';

// The dashboard's "Needs attention" area (GET …/dashboard, read again every minute) and its quota card.

/** A run's state in words, and the badge tone of the runs pages; an unknown state as the server sent it. */
const RUN_STATES: Record<string, { label: string; tone: 'waiting' | 'active' | 'failed' }> = {
  QUEUED: { label: 'Queued', tone: 'waiting' },
  INITIALIZING: { label: 'Starting', tone: 'active' },
  RUNNING: { label: 'Running', tone: 'active' },
  CANCELING: { label: 'Cancelling', tone: 'active' },
  EXECUTOR_ERROR: { label: 'Failed', tone: 'failed' },
  SYSTEM_ERROR: { label: 'Failed (system error)', tone: 'failed' },
};

function runStateLabel(status: string): string {
  return RUN_STATES[status]?.label ?? status;
}

function RunState({ status }: { status: string }) {
  return <span className={`run-status run-status--${RUN_STATES[status]?.tone ?? 'waiting'}`}>{runStateLabel(status)}</span>;
}

const count = (n: number) => n.toLocaleString('en-US');

/**
 * Runs in progress, runs failed in the last 14 days, orders due within 7 days or overdue and (for those who sign, or
 * when there are any) reports awaiting my signature, each linking to its page. Loads on its own: the rest of the
 * dashboard does not wait for it, nor fails with it.
 */
export function NeedsAttention({ orgId }: { orgId: string }) {
  const work = useWorkOverview(orgId);
  const { can } = usePermissions(orgId);
  const data = work.data;

  let body: ReactNode;
  if (data) {
    const base = `/orgs/${orgId}/workspaces`;
    const showReports = can('reports.sign') || data.awaitingSignatureCount > 0;
    body = (
      <>
        {work.isRefetchError ? (
          <p className="muted" role="status">
            Could not refresh this list: {work.error.message} It shows what was read last.
          </p>
        ) : null}
        <div className="attention__grid">
          <WorkCard
            id="work-running"
            title={`Runs in progress (${count(data.runningCount)})`}
            items={data.running}
            total={data.runningCount}
            empty="No runs in progress."
            rest="Each workspace’s Runs page lists them all."
            render={(run: WorkRun) => <RunItem run={run} to={`${base}/${run.workspaceId}/analyses/${run.id}`} />}
          />
          <WorkCard
            id="work-failed"
            title={`Failed runs, last 14 days (${count(data.failedCount)})`}
            items={data.failed}
            total={data.failedCount}
            empty="No runs failed in the last 14 days."
            rest="Each workspace’s Runs page lists them all."
            render={(run: WorkRun) => <RunItem run={run} to={`${base}/${run.workspaceId}/analyses/${run.id}`} />}
          />
          <WorkCard
            id="work-orders"
            title={`Orders due (${count(data.ordersDueCount)})`}
            items={data.ordersDue}
            total={data.ordersDueCount}
            empty="No open orders are overdue or due in the next 7 days."
            rest="Each workspace’s Orders page lists them all."
            render={(order: WorkOrder) => <OrderItem order={order} to={`${base}/${order.workspaceId}/orders/${order.id}`} />}
          />
          {showReports ? (
            <WorkCard
              id="work-reports"
              title={`Reports awaiting your signature (${count(data.awaitingSignatureCount)})`}
              items={data.awaitingSignature}
              total={data.awaitingSignatureCount}
              empty="No reports are awaiting your signature."
              rest="Each workspace’s Reports page lists them all."
              render={(report: WorkReport) => <ReportItem report={report} to={`${base}/${report.workspaceId}/reports/${report.id}`} />}
            />
          ) : null}
        </div>
      </>
    );
  } else if (work.isError) {
    body = <RetryAlert title="What needs attention could not be loaded" message={work.error.message} onRetry={() => void work.refetch()} />;
  } else {
    body = <LoadingState label="Loading what needs attention…" />;
  }

  return (
    <section className="attention" aria-labelledby="needs-attention">
      <h2 id="needs-attention" className="attention__title">
        Needs attention
      </h2>
      {body}
    </section>
  );
}

interface WorkCardProps<T extends { id: string }> {
  id: string;
  title: string;
  items: readonly T[];
  /** The full number (the list holds the first ten). */
  total: number;
  empty: string;
  /** Where the rest are, when not all are shown (no organization-wide list exists for these). */
  rest: string;
  render: (item: T) => ReactNode;
}

function WorkCard<T extends { id: string }>({ id, title, items, total, empty, rest, render }: WorkCardProps<T>) {
  return (
    <section className="card" aria-labelledby={id}>
      <h3 id={id} className="card__title">
        {title}
      </h3>
      {items.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="list" aria-labelledby={id}>
          {items.map((item) => (
            <li key={item.id} className="list__item">
              {render(item)}
            </li>
          ))}
        </ul>
      )}
      {total > items.length && items.length > 0 ? (
        <p className="muted work-more">
          Showing {count(items.length)} of {count(total)}. {rest}
        </p>
      ) : null}
    </section>
  );
}

function RunItem({ run, to }: { run: WorkRun; to: string }) {
  return (
    <>
      <Link className="list__primary wrap-anywhere" to={to}>
        {run.name}
      </Link>
      <span className="work-item__meta">
        <RunState status={run.status} />
        <span className="wrap-anywhere">{run.workspaceName}</span>
        <RelativeTime value={run.at} />
      </span>
    </>
  );
}

function OrderItem({ order, to }: { order: WorkOrder; to: string }) {
  return (
    <>
      <Link className="list__primary wrap-anywhere" to={to}>
        {order.test}
      </Link>
      <span className="work-item__meta">
        <PriorityBadge priority={order.priority} />
        <span>
          Due <time dateTime={order.dueDate}>{formatDueDate(order.dueDate)}</time>
        </span>
        {order.overdue ? <OverdueBadge /> : null}
        <span className="wrap-anywhere">{order.workspaceName}</span>
      </span>
    </>
  );
}

function ReportItem({ report, to }: { report: WorkReport; to: string }) {
  return (
    <>
      <Link className="list__primary wrap-anywhere" to={to}>
        {report.title}
      </Link>
      <span className="work-item__meta">
        <span className={`run-status ${report.secondSignature ? 'run-status--active' : 'run-status--waiting'}`}>
          {report.secondSignature ? 'Second signature' : 'Ready to sign'}
        </span>
        <span className="wrap-anywhere">{report.workspaceName}</span>
        <span>
          Updated <RelativeTime value={report.updatedAt} />
        </span>
      </span>
    </>
  );
}

const hoursFormat = (hours: number) => hours.toLocaleString('en-US', { maximumFractionDigits: 1 });

/** Processing this month against the quota: "3.2 of 100 CPU hours this month" with a meter, or "No processing quota". */
export function ProcessingHours({ used, quota }: { used: number; quota: number | null }) {
  const percent = quota === null ? null : usagePercent(used, quota);
  if (quota === null || percent === null) {
    return <p className="storage__text">{hoursFormat(used)} CPU hours this month. No processing quota.</p>;
  }
  const over = used > quota;
  const level = percent >= 95 ? 'critical' : percent >= 80 ? 'high' : 'normal';
  const text = `${hoursFormat(used)} of ${hoursFormat(quota)} CPU hours this month${over ? ' — over quota' : ''}`;
  return (
    <div className={`storage storage--${level}`}>
      <div
        className="storage__track"
        role="meter"
        aria-label="Processing hours used"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.min(percent, 100)}
        aria-valuetext={text}
      >
        <div className="storage__fill" style={{ width: `${Math.min(percent, 100)}%` }} />
      </div>
      <p className="storage__text">{text}</p>
    </div>
  );
}

/**
 * The quotas: storage (from the work overview once read, which is kept current; until then, or should it fail, as the
 * dashboard sent it) and this month's processing hours, with a link to the usage page.
 */
export function QuotaCard({ orgId, storageUsedBytes, storageQuotaBytes }: { orgId: string; storageUsedBytes: number; storageQuotaBytes: number }) {
  const work = useWorkOverview(orgId);
  const data = work.data;
  return (
    <div className="card stat stat--wide">
      <div className="quota-card__header">
        <h2 className="stat__label">Quotas</h2>
        <Link to={`/orgs/${orgId}/usage`}>View usage</Link>
      </div>
      <StorageBar usedBytes={data?.storageUsedBytes ?? storageUsedBytes} quotaBytes={data?.storageQuotaBytes ?? storageQuotaBytes} />
      <div className="quota-card__hours">
        {data ? (
          // Only those who see the organization's usage (or manage its billing) are given its processing figures.
          data.processingHoursThisMonth == null ? null : (
            <ProcessingHours used={data.processingHoursThisMonth} quota={data.processingHoursQuota ?? null} />
          )
        ) : (
          <p className="storage__text">{work.isError ? 'Processing hours could not be loaded.' : 'Loading processing hours…'}</p>
        )}
      </div>
    </div>
  );
}
