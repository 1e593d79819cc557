import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/problem';
import { Alert, formatDate, LoadFailure, LoadingState, usePageTitle } from '../../components';
import { useCurrentOrgId, usePermissions } from '../organizations/permissions';
import { billingPagePath, statementCsvUrl, useStatement, type Statement } from './api';
import { formatMoney, formatNumber, isMonth, monthLabel } from './format';
import { UsageTable } from './UsageTable';
import './usage.css';

/**
 * /orgs/:orgId/billing/statements/:month (organization.billing.manage) — one month's statement: its lines (storage,
 * processing and samples per workspace, the plan's fee) with their total, whether it is closed (stored, never changes)
 * or open (computed as things stand), and the same as a CSV file.
 */
export default function StatementPage() {
  const { month = '' } = useParams();
  usePageTitle(`Statement ${month}`);
  const orgId = useCurrentOrgId()!;
  const { can } = usePermissions(orgId);
  const allowed = can('organization.billing.manage');
  const valid = isMonth(month);
  const statement = useStatement(orgId, month, { enabled: allowed && valid });
  const refused = !allowed || (statement.error instanceof ApiError && statement.error.status === 403);
  const back = (
    <p>
      <Link to={billingPagePath(orgId)}>Back to billing</Link>
    </p>
  );

  if (refused) {
    return (
      <div className="page page--narrow">
        <h1 className="page__title">Statement {month}</h1>
        <Alert tone="info" title="You cannot see this organization’s statements">
          Your role does not include managing billing. Ask a Group Supervisor.
        </Alert>
      </div>
    );
  }
  if (!valid) {
    return (
      <div className="page page--narrow">
        <h1 className="page__title">Statement not found</h1>
        <p>A statement is named by its month, written yyyy-MM (such as 2026-10).</p>
        {back}
      </div>
    );
  }
  if (statement.isError) {
    return (
      <LoadFailure noun="statement" error={statement.error} onRetry={() => void statement.refetch()}>
        {back}
      </LoadFailure>
    );
  }

  return (
    <div className="page page--medium">
      <header className="page__header page__header--split">
        <div>
          <p className="page__eyebrow">
            <Link to={billingPagePath(orgId)}>Billing</Link>
          </p>
          <h1 className="page__title">Statement {month}</h1>
          {statement.data ? (
            <p className="page__subtitle">
              {monthLabel(month)} · {statement.data.planName} plan · {statement.data.currency}
            </p>
          ) : null}
        </div>
        <div className="actions">
          <a className="btn btn--secondary" href={statementCsvUrl(orgId, month)} download aria-describedby="statement-csv-hint">
            <span>Download CSV</span>
          </a>
          <span id="statement-csv-hint" className="visually-hidden">
            The statement&rsquo;s lines as a spreadsheet file.
          </span>
        </div>
      </header>
      {statement.isPending ? <LoadingState label="Loading the statement…" /> : null}
      {statement.data ? <StatementLines statement={statement.data} /> : null}
    </div>
  );
}

function StatementLines({ statement }: { statement: Statement }) {
  const money = (amount: number, precise = false) => formatMoney(amount, statement.currency, { precise });
  return (
    <section className="card" aria-labelledby="statement-lines-heading">
      <h2 id="statement-lines-heading" className="card__title">
        Lines
      </h2>
      <p className={statement.closed ? 'usage-status usage-status--closed' : 'usage-status usage-status--open'}>
        {statement.closed
          ? `Closed on ${statement.closedAt ? formatDate(statement.closedAt) : 'the month’s end'}, never changes.`
          : 'Open: figures as they stand now.'}
      </p>
      {statement.lines.length === 0 ? (
        <p className="muted">Nothing to charge for this month.</p>
      ) : null}
      <UsageTable
        caption={`Statement ${statement.month}`}
        columns={
          <>
            <th scope="col">Description</th>
            <th scope="col" className="num">
              Quantity
            </th>
            <th scope="col">Unit</th>
            <th scope="col" className="num">
              Unit price
            </th>
            <th scope="col" className="num">
              Amount
            </th>
          </>
        }
        footer={
          <tr className="usage-total">
            <th scope="row" colSpan={4}>
              Total
            </th>
            <td className="num">{money(statement.total)}</td>
          </tr>
        }
      >
        {statement.lines.map((line, i) => (
          <tr key={`${i}-${line.description}`}>
            <th scope="row" className="table__primary">
              {line.description}
            </th>
            <td className="num">{formatNumber(line.quantity, 3)}</td>
            <td>{line.unit}</td>
            <td className="num">{money(line.unitPrice, true)}</td>
            <td className="num">{money(line.amount)}</td>
          </tr>
        ))}
      </UsageTable>
    </section>
  );
}
