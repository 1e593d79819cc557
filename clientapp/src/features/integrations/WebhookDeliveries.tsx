import { asApiError } from '../../api/problem';
import { Alert, Button, DataTable, formatDateTime, LoadingState, RetryAlert, useStatusMessage } from '../../components';
import {
  useSendWebhookTest,
  useWebhookDeliveries,
  WEBHOOK_DELIVERY_STATUSES,
  WEBHOOK_POLL_MS,
  type WebhookDelivery,
} from './api';

/** How much of the receiver's last error the log shows (the whole of it is in the cell's title). */
const ERROR_EXCERPT = 160;

function excerpt(text: string): string {
  return text.length > ERROR_EXCERPT ? `${text.slice(0, ERROR_EXCERPT - 1).trimEnd()}…` : text;
}

/** A delivery's status in words ("Pending", "Delivered", "Failed"); the colour only repeats them. */
function StatusBadge({ status }: { status: string }) {
  const known = WEBHOOK_DELIVERY_STATUSES[status];
  return <span className={`webhook-status webhook-status--${known ? status : 'pending'}`}>{known ?? status}</span>;
}

function When({ iso }: { iso: string }) {
  return <time dateTime={iso}>{formatDateTime(iso)}</time>;
}

/** The receiver's last answer: its HTTP status and the start of what it said (or why there was no answer). */
function LastAnswer({ delivery: d }: { delivery: WebhookDelivery }) {
  if (d.lastStatusCode === null && !d.lastError) return <span className="muted">{d.rounds > 0 ? 'No answer' : 'Not tried yet'}</span>;
  return (
    <>
      {d.lastStatusCode !== null ? <span className="nowrap">HTTP {d.lastStatusCode}</span> : null}
      {d.lastError ? (
        <span className="table__secondary webhook-error" title={d.lastError.length > ERROR_EXCERPT ? d.lastError : undefined}>
          {excerpt(d.lastError)}
        </span>
      ) : null}
    </>
  );
}

/** When it arrived, or when it is tried next (pending), or that it is not tried again (failed). */
function Outcome({ delivery: d }: { delivery: WebhookDelivery }) {
  if (d.status === 'delivered' && d.deliveredAt)
    return (
      <>
        Delivered <When iso={d.deliveredAt} />
      </>
    );
  if (d.status === 'pending')
    return d.nextAttemptAt ? (
      <>
        Next attempt <When iso={d.nextAttemptAt} />
      </>
    ) : (
      <>Being sent</>
    );
  if (d.status === 'failed') return <>Not tried again</>;
  return <span className="muted">—</span>;
}

/**
 * "Webhook delivery log": the events posted to the webhook, newest first (the last 100), with their status in words,
 * rounds tried and the receiver's last answer; read again every WEBHOOK_POLL_MS while one is pending. "Send a test
 * event" (while a webhook is set) queues a webhook.test event, which then shows at the top.
 */
export function WebhookDeliveries({ orgId, webhookSet }: { orgId: string; webhookSet: boolean }) {
  const log = useWebhookDeliveries(orgId, { enabled: true });
  const test = useSendWebhookTest(orgId);
  const announce = useStatusMessage();
  const deliveries = log.data ?? [];
  const pending = deliveries.some((d) => d.status === 'pending');

  function onTest() {
    test.mutate(undefined, {
      onSuccess: () => announce('A test event was queued for the webhook: it shows in the delivery log.'),
    });
  }

  return (
    <section className="card" aria-labelledby="webhook-log-heading">
      <div className="card__header">
        <h2 id="webhook-log-heading" className="card__title">
          Webhook delivery log
        </h2>
        {webhookSet ? (
          <Button variant="secondary" busy={test.isPending} busyLabel="Sending…" onClick={onTest}>
            Send a test event
          </Button>
        ) : null}
      </div>
      {test.isError ? <Alert title="The test event was not sent">{asApiError(test.error).message}</Alert> : null}
      {log.isPending ? <LoadingState label="Loading the delivery log…" /> : null}
      {log.isError ? (
        <RetryAlert title="The delivery log could not be loaded" message={log.error.message} onRetry={() => void log.refetch()} />
      ) : null}
      {log.data && deliveries.length === 0 ? (
        <p className="muted">
          No events have been posted yet.
          {webhookSet ? ' Send a test event to check the receiver and its secret.' : ' Set a webhook above to post the organization’s events.'}
        </p>
      ) : null}
      {deliveries.length > 0 ? (
        <>
          <p className="muted">
            Newest first, the last 100.
            {pending ? ` The log is updated every ${WEBHOOK_POLL_MS / 1000} seconds while an event is pending.` : ''}
          </p>
          <DataTable
            caption="Events posted to the webhook, newest first"
            columns={
              <>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Rounds
                </th>
                <th scope="col">Last answer</th>
                <th scope="col">Created</th>
                <th scope="col">Delivered / next attempt</th>
              </>
            }
          >
            {deliveries.map((d) => (
              <tr key={d.id}>
                <td>
                  <code>{d.event}</code>
                  <span className="table__secondary wrap-anywhere">{d.endpoint}</span>
                </td>
                <td>
                  <StatusBadge status={d.status} />
                </td>
                <td className="num">{d.rounds}</td>
                <td>
                  <LastAnswer delivery={d} />
                </td>
                <td className="nowrap">
                  <When iso={d.createdAt} />
                </td>
                <td>
                  <Outcome delivery={d} />
                </td>
              </tr>
            ))}
          </DataTable>
        </>
      ) : null}
    </section>
  );
}
