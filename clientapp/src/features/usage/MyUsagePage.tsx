import { Link } from 'react-router';
import { usePageTitle } from '../../components';
import { useCurrentOrgId, usePermissions } from '../organizations/permissions';
import { usagePagePath, useMyUsage, type MyUsage } from './api';
import { ChartFigure, MonthlyHoursChart } from './charts';
import { formatHours, formatNumber, formatSize, monthLabel } from './format';
import { MonthsShown, useMonthRangeParams } from './MonthRangeForm';
import { UsageTable } from './UsageTable';
import './usage.css';

/**
 * /orgs/:orgId/usage/me (every member) — my own usage in this organization over a range of months (in the address, by
 * default the last twelve): processing hours of the analyses I launched per month as a bar chart, and the table of
 * every figure per month (processing, wall-clock hours, analyses, samples, uploads).
 */
export default function MyUsagePage() {
  usePageTitle('My usage');
  const orgId = useCurrentOrgId()!;
  const { can } = usePermissions(orgId);
  const [range, setRange] = useMonthRangeParams();
  const usage = useMyUsage(orgId, range);

  return (
    <div className="page">
      <header className="page__header page__header--split">
        <div>
          <h1 className="page__title">My usage</h1>
          <p className="page__subtitle">
            What you ran, defined and uploaded in this organization, month by month: the processing of the analyses you
            launched (in CPU hours, counted in the month they ended), the samples you defined and the files you uploaded.
          </p>
        </div>
        {can('organization.analytics.view') ? (
          <div className="actions">
            <Link to={usagePagePath(orgId)}>The organization&rsquo;s usage</Link>
          </div>
        ) : null}
      </header>

      <MonthsShown query={usage} range={range} setRange={setRange} loadingLabel="Loading your usage…" errorTitle="Your usage could not be loaded">
        {(data) => <MyUsageReport usage={data} />}
      </MonthsShown>
    </div>
  );
}

const SERIES = [{ key: 'processingHours', name: 'Processing (CPU hours)' }];

function MyUsageReport({ usage }: { usage: MyUsage }) {
  const months = usage.months;
  const first = months[0];
  const last = months[months.length - 1];
  const total = (pick: (m: MyUsage['months'][number]) => number) => months.reduce((sum, m) => sum + pick(m), 0);
  return (
    <section className="card" aria-labelledby="my-usage-heading">
      <h2 id="my-usage-heading" className="card__title">
        Processing hours per month
      </h2>
      {first && last ? (
        <>
          <ChartFigure
            labelledBy="my-usage-heading"
            summary={`Bar chart of the processing hours (CPU) of your analyses per month from ${monthLabel(first.month)} to ${monthLabel(last.month)}. The figures are in the table below.`}
            caption="CPU hours of the analyses you launched that ended in each month. The same figures, and the rest of your usage, are in the table below."
          >
            <MonthlyHoursChart data={months.map((m) => ({ month: m.month, processingHours: m.processingHours }))} series={SERIES} />
          </ChartFigure>
          <UsageTable
            caption="Your usage per month"
            columns={
              <>
                <th scope="col">Month</th>
                <th scope="col" className="num">
                  Processing (CPU hours)
                </th>
                <th scope="col" className="num">
                  Wall-clock hours
                </th>
                <th scope="col" className="num">
                  Analyses
                </th>
                <th scope="col" className="num">
                  Samples
                </th>
                <th scope="col" className="num">
                  Uploaded
                </th>
              </>
            }
            footer={
              <tr>
                <th scope="row">Total</th>
                <td className="num">{formatHours(total((m) => m.processingHours))}</td>
                <td className="num">{formatHours(total((m) => m.wallHours))}</td>
                <td className="num">{formatNumber(total((m) => m.analyses), 0)}</td>
                <td className="num">{formatNumber(total((m) => m.samples), 0)}</td>
                <td className="num">{formatSize(total((m) => m.uploadedBytes))}</td>
              </tr>
            }
          >
            {months.map((m) => (
              <tr key={m.month}>
                <th scope="row" className="table__primary nowrap">
                  {monthLabel(m.month)}
                </th>
                <td className="num">{formatHours(m.processingHours)}</td>
                <td className="num">{formatHours(m.wallHours)}</td>
                <td className="num">{formatNumber(m.analyses, 0)}</td>
                <td className="num">{formatNumber(m.samples, 0)}</td>
                <td className="num">{formatSize(m.uploadedBytes)}</td>
              </tr>
            ))}
          </UsageTable>
        </>
      ) : (
        <p className="muted">No months to show.</p>
      )}
    </section>
  );
}
