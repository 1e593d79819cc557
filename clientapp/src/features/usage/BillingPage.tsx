import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/problem';
import {
  Alert,
  Button,
  CheckboxField,
  LoadingState,
  ProblemAlert,
  RetryAlert,
  TextField,
  usePageTitle,
  useStatusMessage,
} from '../../components';
import { useFormFields } from '../auth/useFormErrors';
import { useCurrentOrgId, usePermissions } from '../organizations/permissions';
import {
  statementPagePath,
  useBillingSettings,
  useSetBillingSettings,
  useStatements,
  usagePagePath,
  type BillingSettings,
} from './api';
import { formatHours, formatMoney, monthLabel } from './format';
import { QuotaFigures } from './QuotaFigures';
import { UsageTable } from './UsageTable';
import './usage.css';

/** What the quota does, under its form. */
export const QUOTA_EXPLANATION =
  'At 80 %, 95 % and 100 % the people who manage billing are told; at 100 % new analyses are refused until next month ' +
  'or until the quota is raised; running ones finish.';

/**
 * /orgs/:orgId/settings/billing (organization.billing.manage) — the plan and its prices (the platform administrator's,
 * read-only here), this month's use against the quotas, the monthly processing quota (CPU hours, or no limit), and
 * the monthly statements, each leading to its page.
 */
export default function BillingPage() {
  usePageTitle('Billing');
  const orgId = useCurrentOrgId()!;
  const { can } = usePermissions(orgId);
  const allowed = can('organization.billing.manage');
  const settings = useBillingSettings(orgId, { enabled: allowed });
  // The permission may have gone since my access was read: the server's 403 says the same as the missing permission.
  const refused = !allowed || (settings.error instanceof ApiError && settings.error.status === 403);

  return (
    <div className="page page--medium">
      <header className="page__header">
        <h1 className="page__title">Billing</h1>
        <p className="page__subtitle">The organization&rsquo;s plan and prices, its processing quota and its monthly statements.</p>
      </header>
      {refused ? (
        <Alert tone="info" title="You cannot manage this organization’s billing">
          Your role does not include managing billing. Ask a Group Supervisor.
          {can('organization.analytics.view') ? (
            <>
              {' '}
              The organization&rsquo;s usage is on <Link to={usagePagePath(orgId)}>the usage page</Link>.
            </>
          ) : null}
        </Alert>
      ) : (
        <>
          {settings.isPending ? <LoadingState label="Loading the billing settings…" /> : null}
          {settings.isError ? (
            <RetryAlert
              title="The billing settings could not be loaded"
              message={settings.error.message}
              onRetry={() => void settings.refetch()}
            />
          ) : null}
          {settings.data ? (
            <>
              <PlanAndPrices settings={settings.data} />
              <section className="card" aria-labelledby="billing-use-heading">
                <div className="card__header">
                  <h2 id="billing-use-heading" className="card__title">
                    Current use
                  </h2>
                  {can('organization.analytics.view') ? <Link to={usagePagePath(orgId)}>Usage over time</Link> : null}
                </div>
                <QuotaFigures
                  headingLevel={3}
                  storageUsedBytes={settings.data.storageUsedBytes}
                  storageQuotaBytes={settings.data.storageQuotaBytes}
                  processingHoursThisMonth={settings.data.processingHoursThisMonth}
                  processingHoursQuota={settings.data.processingHoursQuota}
                />
              </section>
              <section className="card" aria-labelledby="billing-quota-heading">
                <h2 id="billing-quota-heading" className="card__title">
                  Processing quota
                </h2>
                <QuotaForm orgId={orgId} settings={settings.data} />
              </section>
            </>
          ) : null}
          <Statements orgId={orgId} enabled={allowed} />
        </>
      )}
    </div>
  );
}

function PlanAndPrices({ settings }: { settings: BillingSettings }) {
  const money = (amount: number) => formatMoney(amount, settings.currency, { precise: true });
  return (
    <section className="card" aria-labelledby="billing-plan-heading">
      <h2 id="billing-plan-heading" className="card__title">
        Plan and prices
      </h2>
      <p className="muted usage-note">
        The plan and its prices are set by the platform administrator; ask them to change them. Statements are in{' '}
        {settings.currency}.
      </p>
      <dl className="details">
        <div>
          <dt>Plan</dt>
          <dd>{settings.planName}</dd>
        </div>
        <div>
          <dt>Monthly fee</dt>
          <dd>{money(settings.monthlyFee)}</dd>
        </div>
        <div>
          <dt>Storage</dt>
          <dd>{money(settings.pricePerGbMonth)} per GB-month</dd>
        </div>
        <div>
          <dt>Processing</dt>
          <dd>{money(settings.pricePerCpuHour)} per CPU hour</dd>
        </div>
        <div>
          <dt>Samples</dt>
          <dd>{money(settings.pricePerSample)} per sample</dd>
        </div>
      </dl>
    </section>
  );
}

const quotaFields = ['processingHoursQuota'] as const;

function QuotaForm({ orgId, settings }: { orgId: string; settings: BillingSettings }) {
  const save = useSetBillingSettings(orgId);
  const announce = useStatusMessage();
  const [noLimit, setNoLimit] = useState(settings.processingHoursQuota === null);
  const { values, input, validate, summary, alertRef } = useFormFields(
    quotaFields,
    { processingHoursQuota: settings.processingHoursQuota?.toString() ?? '' },
    save.error,
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = values.processingHoursQuota.trim();
    const hours = text === '' ? Number.NaN : Number(text);
    // Whether the number is allowed (above 0, not too large) is the server's to say, on the field.
    const ok = validate({
      processingHoursQuota: noLimit || Number.isFinite(hours) ? [] : ['Enter the CPU hours a month may use, such as 500, or choose “No limit”.'],
    });
    if (!ok) {
      save.reset();
      return;
    }
    save.mutate(
      { processingHoursQuota: noLimit ? null : hours },
      {
        onSuccess: (result) =>
          announce(
            result.processingHoursQuota === null
              ? 'Processing quota removed: no limit.'
              : `Processing quota saved: ${formatHours(result.processingHoursQuota)} CPU hours a month.`,
          ),
      },
    );
  }

  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-label="Processing quota">
      <ProblemAlert ref={alertRef} title="The processing quota could not be saved" summary={summary} />
      <p className="explain" id="billing-quota-explanation">
        {QUOTA_EXPLANATION}
      </p>
      <TextField
        {...input('processingHoursQuota')}
        type="number"
        inputMode="decimal"
        step="any"
        label="CPU hours a month"
        hint="The processing all analyses of a calendar month may use together."
        disabled={noLimit}
      />
      <CheckboxField
        name="noLimit"
        label="No limit"
        hint="Analyses are never refused for the processing they use."
        checked={noLimit}
        onChange={setNoLimit}
      />
      <div className="form__actions">
        <Button type="submit" busy={save.isPending} busyLabel="Saving…">
          Save quota
        </Button>
      </div>
    </form>
  );
}

function Statements({ orgId, enabled }: { orgId: string; enabled: boolean }) {
  const statements = useStatements(orgId, { enabled });
  const list = statements.data ?? [];
  return (
    <section className="card" aria-labelledby="billing-statements-heading">
      <h2 id="billing-statements-heading" className="card__title">
        Statements
      </h2>
      <p className="muted usage-note">
        A month&rsquo;s statement is closed when the month ends and never changes after; this month&rsquo;s shows the
        figures as they stand now.
      </p>
      {statements.isPending ? <LoadingState label="Loading the statements…" /> : null}
      {statements.isError ? (
        <RetryAlert title="The statements could not be loaded" message={statements.error.message} onRetry={() => void statements.refetch()} />
      ) : null}
      {statements.isSuccess && list.length === 0 ? <p className="muted">No statements yet.</p> : null}
      {list.length > 0 ? (
        <UsageTable
          caption="Monthly statements, newest first"
          columns={
            <>
              <th scope="col">Month</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                Total
              </th>
            </>
          }
        >
          {list.map((s) => (
            <tr key={s.month}>
              <th scope="row" className="table__primary nowrap">
                <Link to={statementPagePath(orgId, s.month)}>
                  <span className="visually-hidden">Statement of</span> {monthLabel(s.month)}
                </Link>
              </th>
              <td>{s.closed ? 'Closed' : 'Open'}</td>
              <td className="num">{formatMoney(s.total, s.currency)}</td>
            </tr>
          ))}
        </UsageTable>
      ) : null}
    </section>
  );
}
