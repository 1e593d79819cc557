import { Link } from 'react-router';
import { ApiError } from '../../api/problem';
import { Alert, usePageTitle } from '../../components';
import { useCurrentOrgId, usePermissions } from '../organizations/permissions';
import { myUsagePagePath, useUsage, type Usage, type WorkspaceMonth } from './api';
import { ChartFigure, MonthlyHoursChart, StorageChart, type Series } from './charts';
import { dayLabel, formatHours, formatNumber, formatSize, gigabytes, monthLabel, monthsBetween } from './format';
import { MonthsShown, useMonthRangeParams } from './MonthRangeForm';
import { QuotaFigures } from './QuotaFigures';
import { UsageTable } from './UsageTable';
import './usage.css';

/**
 * /orgs/:orgId/usage (organization.analytics.view) — the organization's usage over a range of months (in the address,
 * by default the last twelve): storage and this month's processing against their quotas, storage over time, processing
 * hours per month and workspace, every figure per month and workspace, and the top users. Every chart has a table of
 * the same figures under it. Members without the permission are sent to their own usage.
 */
export default function UsagePage() {
  usePageTitle('Usage');
  const orgId = useCurrentOrgId()!;
  const { can } = usePermissions(orgId);
  const allowed = can('organization.analytics.view');
  const [range, setRange] = useMonthRangeParams();
  const usage = useUsage(orgId, range, { enabled: allowed });
  // The permission may have gone since my access was read: the server's 403 says the same as the missing permission.
  const refused = !allowed || (usage.error instanceof ApiError && usage.error.status === 403);

  return (
    <div className="page">
      <header className="page__header page__header--split">
        <div>
          <h1 className="page__title">Usage</h1>
          <p className="page__subtitle">
            What the whole organization stores and processes, month by month and workspace by workspace. Processing is
            counted in CPU hours of the analyses that ended in the month.
          </p>
        </div>
        <div className="actions">
          <Link to={myUsagePagePath(orgId)}>My usage</Link>
        </div>
      </header>

      {refused ? (
        <Alert tone="info" title="You cannot see this organization’s usage">
          Seeing the whole organization&rsquo;s usage takes the permission to view organization analytics; ask a Group
          Supervisor or Group Admin. What you ran, defined and uploaded yourself is on{' '}
          <Link to={myUsagePagePath(orgId)}>My usage</Link>.
        </Alert>
      ) : (
        <MonthsShown query={usage} range={range} setRange={setRange} loadingLabel="Loading the usage…" errorTitle="The usage could not be loaded">
          {(data) => <UsageReport usage={data} />}
        </MonthsShown>
      )}
    </div>
  );
}

/** The workspaces of the rows, by name (a workspace renamed within the range keeps its latest row's name). */
function workspacesOf(rows: WorkspaceMonth[]): Series[] {
  const names = new Map<string, string>();
  for (const row of rows) names.set(row.workspaceId, row.workspaceName);
  return [...names].map(([key, name]) => ({ key, name })).sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function UsageReport({ usage }: { usage: Usage }) {
  return (
    <>
      <QuotaFigures
        storageUsedBytes={usage.storageUsedBytes}
        storageQuotaBytes={usage.storageQuotaBytes}
        processingHoursThisMonth={usage.processingHoursThisMonth}
        processingHoursQuota={usage.processingHoursQuota}
      />
      <StorageOverTime usage={usage} />
      <ProcessingPerMonth usage={usage} />
      <PerMonthAndWorkspace usage={usage} />
      <TopUsers usage={usage} />
    </>
  );
}

function StorageOverTime({ usage }: { usage: Usage }) {
  const days = usage.storageDaily;
  const quota = usage.storageQuotaBytes;
  const first = days[0];
  const last = days[days.length - 1];
  return (
    <section className="card" aria-labelledby="usage-storage-heading">
      <h2 id="usage-storage-heading" className="card__title">
        Storage over time
      </h2>
      {first && last ? (
        <>
          <ChartFigure
            labelledBy="usage-storage-heading"
            summary={
              `Area chart of the storage held per day from ${dayLabel(first.day)} to ${dayLabel(last.day)}` +
              `${quota > 0 ? `, against the quota of ${formatSize(quota)}` : ''}. The figures are in the table below.`
            }
            caption={
              <>
                What the whole organization held at the end of each day{quota > 0 ? '; the dashed line is the storage quota' : ''}. The
                same figures are in the table below.
              </>
            }
          >
            <StorageChart data={days.map((d) => ({ day: d.day, gb: gigabytes(d.bytes) }))} quotaBytes={quota} />
          </ChartFigure>
          <UsageTable
            scroll
            caption="Storage held per day"
            columns={
              <>
                <th scope="col">Day</th>
                <th scope="col" className="num">
                  Stored
                </th>
              </>
            }
          >
            {days.map((d) => (
              <tr key={d.day}>
                <th scope="row" className="table__primary nowrap">
                  {dayLabel(d.day)}
                </th>
                <td className="num">{formatSize(d.bytes)}</td>
              </tr>
            ))}
          </UsageTable>
        </>
      ) : (
        <p className="muted">No storage was measured in these months.</p>
      )}
    </section>
  );
}

function ProcessingPerMonth({ usage }: { usage: Usage }) {
  const months = monthsBetween(usage.from, usage.to);
  const workspaces = workspacesOf(usage.months);
  const hours = (month: string, workspaceId: string) =>
    sum(usage.months.filter((r) => r.month === month && r.workspaceId === workspaceId).map((r) => r.processingHours));
  const data = months.map((month) => ({ month, ...Object.fromEntries(workspaces.map((w) => [w.key, hours(month, w.key)])) }));
  const monthTotal = (month: string) => sum(workspaces.map((w) => hours(month, w.key)));
  const workspaceTotal = (workspaceId: string) => sum(months.map((m) => hours(m, workspaceId)));
  const first = months[0];
  const last = months[months.length - 1];

  return (
    <section className="card" aria-labelledby="usage-processing-heading">
      <h2 id="usage-processing-heading" className="card__title">
        Processing hours per month
      </h2>
      {workspaces.length > 0 && first && last ? (
        <>
          <ChartFigure
            labelledBy="usage-processing-heading"
            summary={
              `Stacked bar chart of the processing hours (CPU) per month from ${monthLabel(first)} to ${monthLabel(last)}, ` +
              `by workspace (${workspaces.map((w) => w.name).join(', ')}). The figures are in the table below.`
            }
            caption="CPU hours of the analyses that ended in each month, one colour per workspace. The same figures are in the table below."
          >
            <MonthlyHoursChart data={data} series={workspaces} />
          </ChartFigure>
          <UsageTable
            caption="Processing hours (CPU) per month and workspace"
            columns={
              <>
                <th scope="col">Month</th>
                {workspaces.map((w) => (
                  <th key={w.key} scope="col" className="num">
                    {w.name}
                  </th>
                ))}
                <th scope="col" className="num">
                  Total
                </th>
              </>
            }
            footer={
              <tr>
                <th scope="row">Total</th>
                {workspaces.map((w) => (
                  <td key={w.key} className="num">
                    {formatHours(workspaceTotal(w.key))}
                  </td>
                ))}
                <td className="num">{formatHours(sum(months.map(monthTotal)))}</td>
              </tr>
            }
          >
            {months.map((month) => (
              <tr key={month}>
                <th scope="row" className="table__primary nowrap">
                  {monthLabel(month)}
                </th>
                {workspaces.map((w) => (
                  <td key={w.key} className="num">
                    {formatHours(hours(month, w.key))}
                  </td>
                ))}
                <td className="num">{formatHours(monthTotal(month))}</td>
              </tr>
            ))}
          </UsageTable>
        </>
      ) : (
        <p className="muted">Nothing was processed in these months.</p>
      )}
    </section>
  );
}

function PerMonthAndWorkspace({ usage }: { usage: Usage }) {
  const rows = [...usage.months].sort(
    (a, b) => a.month.localeCompare(b.month) || a.workspaceName.localeCompare(b.workspaceName, 'en', { sensitivity: 'base' }),
  );
  return (
    <section className="card" aria-labelledby="usage-months-heading">
      <h2 id="usage-months-heading" className="card__title">
        Per month and workspace
      </h2>
      {rows.length === 0 ? (
        <p className="muted">Nothing was stored, processed or defined in these months.</p>
      ) : (
        <>
          <p className="muted usage-note">
            Storage is billed by the GB-month: the average held over the month&rsquo;s days, in GB of 10⁹ bytes. Analyses
            and processing count the runs that ended in the month; samples and reports those created in it.
          </p>
          <UsageTable
            caption="Usage per month and workspace"
            columns={
              <>
                <th scope="col">Month</th>
                <th scope="col">Workspace</th>
                <th scope="col" className="num">
                  Storage (GB-months)
                </th>
                <th scope="col" className="num">
                  Stored at month end
                </th>
                <th scope="col" className="num">
                  Processing (CPU hours)
                </th>
                <th scope="col" className="num">
                  Wall-clock hours
                </th>
                <th scope="col" className="num">
                  Samples
                </th>
                <th scope="col" className="num">
                  Analyses
                </th>
                <th scope="col" className="num">
                  Reports
                </th>
              </>
            }
            footer={
              <tr>
                <th scope="row" colSpan={2}>
                  Total
                </th>
                <td className="num">{formatNumber(sum(rows.map((r) => r.storageGbMonths)), 3)}</td>
                <td />
                <td className="num">{formatHours(sum(rows.map((r) => r.processingHours)))}</td>
                <td className="num">{formatHours(sum(rows.map((r) => r.wallHours)))}</td>
                <td className="num">{formatNumber(sum(rows.map((r) => r.samples)), 0)}</td>
                <td className="num">{formatNumber(sum(rows.map((r) => r.analyses)), 0)}</td>
                <td className="num">{formatNumber(sum(rows.map((r) => r.reports)), 0)}</td>
              </tr>
            }
          >
            {rows.map((r) => (
              <tr key={`${r.month}|${r.workspaceId}`}>
                <th scope="row" className="table__primary nowrap">
                  {monthLabel(r.month)}
                </th>
                <td>{r.workspaceName}</td>
                <td className="num">{formatNumber(r.storageGbMonths, 3)}</td>
                <td className="num">{formatSize(r.storageBytes)}</td>
                <td className="num">{formatHours(r.processingHours)}</td>
                <td className="num">{formatHours(r.wallHours)}</td>
                <td className="num">{formatNumber(r.samples, 0)}</td>
                <td className="num">{formatNumber(r.analyses, 0)}</td>
                <td className="num">{formatNumber(r.reports, 0)}</td>
              </tr>
            ))}
          </UsageTable>
        </>
      )}
    </section>
  );
}

function TopUsers({ usage }: { usage: Usage }) {
  return (
    <section className="card" aria-labelledby="usage-users-heading">
      <h2 id="usage-users-heading" className="card__title">
        Top users
      </h2>
      {usage.topUsers.length === 0 ? (
        <p className="muted">Nobody&rsquo;s analysis ended in these months.</p>
      ) : (
        <>
          <p className="muted usage-note">The people whose analyses used the most processing in these months (at most ten).</p>
          <UsageTable
            caption="Top users by processing hours"
            columns={
              <>
                <th scope="col">Person</th>
                <th scope="col" className="num">
                  Processing (CPU hours)
                </th>
                <th scope="col" className="num">
                  Analyses
                </th>
                <th scope="col" className="num">
                  Samples
                </th>
              </>
            }
          >
            {usage.topUsers.map((u) => (
              <tr key={u.userId}>
                <th scope="row" className="table__primary">
                  {u.displayName}
                </th>
                <td className="num">{formatHours(u.processingHours)}</td>
                <td className="num">{formatNumber(u.analyses, 0)}</td>
                <td className="num">{formatNumber(u.samples, 0)}</td>
              </tr>
            ))}
          </UsageTable>
        </>
      )}
    </section>
  );
}
