import type { UseQueryResult } from '@tanstack/react-query';
import { useId, type FormEvent, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../api/problem';
import { Button, LoadingState, ProblemAlert, RetryAlert, TextField } from '../../components';
import { useFormFields } from '../auth/useFormErrors';
import { MAX_MONTHS, type MonthRange } from './api';
import { isMonth, monthCount } from './format';

/**
 * The range of months of a usage page, kept in the address (?from=2026-01&to=2026-06) so that it can be reloaded or
 * shared. Anything that is not a month (an edited link) is left out: the server's default applies (the last twelve).
 */
export function useMonthRangeParams(): [MonthRange, (range: MonthRange | null) => void] {
  const [params, setParams] = useSearchParams();
  const from = params.get('from');
  const to = params.get('to');
  const range: MonthRange = { from: isMonth(from) ? from : undefined, to: isMonth(to) ? to : undefined };
  function set(next: MonthRange | null) {
    setParams(
      (previous) => {
        const query = new URLSearchParams(previous);
        for (const key of ['from', 'to'] as const) {
          const value = next?.[key];
          if (value) query.set(key, value);
          else query.delete(key);
        }
        return query;
      },
      { replace: true },
    );
  }
  return [range, set];
}

/** A 400 from the server on the range (e.g. more than 36 months): its messages belong to the form. */
export function isRangeRefusal(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 400;
}

const fields = ['from', 'to'] as const;

export interface MonthRangeFormProps {
  /** The range shown (the server's answer, or the address's while it loads). Key the form by it to start again from it. */
  from: string;
  to: string;
  /** Whether the address names a range (then "Last twelve months" goes back to the default). */
  custom: boolean;
  onApply: (range: MonthRange) => void;
  onReset: () => void;
  /** The server's refusal of the range, shown on its fields. */
  error: unknown;
  busy: boolean;
}

/** From / To months (yyyy-MM) and "Show"; the months are checked here first: written right, in order, at most 36. */
export function MonthRangeForm({ from, to, custom, onApply, onReset, error, busy }: MonthRangeFormProps) {
  const { values, input, validate, summary, alertRef } = useFormFields(fields, { from, to }, isRangeRefusal(error) ? error : null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const first = values.from.trim();
    const last = values.to.trim();
    const format = 'Enter a month as yyyy-MM, such as 2026-09.';
    const fromErrors = !isMonth(first)
      ? [format]
      : isMonth(last) && monthCount(first, last) === 0
        ? ['The first month comes before the last one (or is the same).']
        : isMonth(last) && monthCount(first, last) > MAX_MONTHS
          ? [`At most ${MAX_MONTHS} months at a time.`]
          : [];
    if (!validate({ from: fromErrors, to: isMonth(last) ? [] : [format] })) return;
    onApply({ from: first, to: last });
  }

  return (
    <form className="form usage-range" noValidate onSubmit={onSubmit} aria-label="Months shown">
      <ProblemAlert ref={alertRef} title="These months cannot be shown" summary={summary} />
      <div className="usage-range__row">
        <TextField {...input('from')} type="month" label="From" hint="A month, yyyy-MM" autoComplete="off" />
        <TextField {...input('to')} type="month" label="To" hint={`At most ${MAX_MONTHS} months`} autoComplete="off" />
        <div className="usage-range__actions">
          <Button type="submit" busy={busy} busyLabel="Loading…">
            Show
          </Button>
          {custom ? (
            <Button variant="secondary" onClick={onReset}>
              Last twelve months
            </Button>
          ) : null}
        </div>
      </div>
    </form>
  );
}

export interface MonthsShownProps<T> {
  /** The page's query for the range (its answer names the range the server used). */
  query: UseQueryResult<T & { from: string; to: string }, Error>;
  range: MonthRange;
  setRange: (range: MonthRange | null) => void;
  /** "Loading your usage…" */
  loadingLabel: string;
  /** "Your usage could not be loaded" */
  errorTitle: string;
  children: (data: T) => ReactNode;
}

/**
 * A usage page's body: the "Months shown" card (the range in the address, or the server's default), then the report
 * for the range — or its loading state, or a retry for a failure other than a refused range (shown on the form).
 */
export function MonthsShown<T>({ query, range, setRange, loadingLabel, errorTitle, children }: MonthsShownProps<T>) {
  const headingId = useId();
  const from = query.data?.from ?? range.from ?? '';
  const to = query.data?.to ?? range.to ?? '';
  return (
    <>
      <section className="card" aria-labelledby={headingId}>
        <h2 id={headingId} className="card__title">
          Months shown
        </h2>
        <MonthRangeForm
          key={`${from}|${to}`}
          from={from}
          to={to}
          custom={Boolean(range.from || range.to)}
          onApply={setRange}
          onReset={() => setRange(null)}
          error={query.error}
          busy={query.isFetching}
        />
      </section>
      {query.isPending && !query.isError ? <LoadingState label={loadingLabel} /> : null}
      {query.isError && !isRangeRefusal(query.error) ? (
        <RetryAlert title={errorTitle} message={query.error.message} onRetry={() => void query.refetch()} />
      ) : null}
      {query.data ? children(query.data) : null}
    </>
  );
}
