import { Link } from 'react-router';
import { asApiError } from '../../api/problem';
import { Alert, Button, DataTable, useStatusMessage } from '../../components';
import { integrationSettingsPagePath } from '../integrations/api';
import { usePermissions } from '../organizations/permissions';
import { DELIVERY_POLL_MS, isDeliveryPending, isSigned, useSendReport, type Report, type ReportDelivery } from './api';
import { DeliveryStatusBadge, formatUtc } from './ReportParts';

/** "1 round tried", "3 rounds tried". */
function roundsTried(rounds: number): string {
  return rounds === 1 ? '1 round tried' : `${rounds} rounds tried`;
}

/** The sentence a screen reader hears when the newest delivery's status changes (while the page is open). */
function newestStatus(delivery: ReportDelivery | undefined): string {
  if (!delivery) return '';
  if (delivery.status === 'delivered') return `Version ${delivery.version} was delivered to the FHIR server.`;
  if (delivery.status === 'failed') return `Version ${delivery.version} could not be delivered to the FHIR server.`;
  return `Version ${delivery.version} is waiting to be sent to the FHIR server.`;
}

/** What became of one delivery, in words: when it arrived and where it is kept, when it is tried next, or why it failed. */
function DeliveryDetails({ delivery }: { delivery: ReportDelivery }) {
  const d = delivery;
  if (d.status === 'delivered')
    return (
      <>
        {d.deliveredAt ? (
          <span className="table__secondary">
            Delivered at <time dateTime={d.deliveredAt}>{formatUtc(d.deliveredAt)}</time>
          </span>
        ) : null}
        {d.remoteLocation ? (
          <span className="table__secondary">
            Kept by the server at <code className="wrap-anywhere">{d.remoteLocation}</code>
          </span>
        ) : null}
      </>
    );
  if (d.status === 'pending')
    return (
      <>
        {d.nextAttemptAt ? (
          <span className="table__secondary">
            Next attempt at <time dateTime={d.nextAttemptAt}>{formatUtc(d.nextAttemptAt)}</time>
          </span>
        ) : null}
        <span className="table__secondary">{d.rounds > 0 ? roundsTried(d.rounds) : 'Not tried yet'}</span>
        {d.lastError ? (
          <span className="table__secondary report-text">
            Last answer: {d.lastError}
            {d.lastStatusCode !== null ? ` (HTTP ${d.lastStatusCode})` : ''}
          </span>
        ) : null}
      </>
    );
  return (
    <>
      <span className="table__secondary report-text">
        {d.lastError ?? 'The server did not accept it.'}
        {d.lastStatusCode !== null ? ` (HTTP ${d.lastStatusCode})` : ''}
      </span>
      {d.rounds > 0 ? <span className="table__secondary">{roundsTried(d.rounds)}</span> : null}
    </>
  );
}

/**
 * "Sent to the FHIR server": every delivery of the report's signed versions to the organization's FHIR server, newest
 * first, with its status in words (the colour only repeats them). While one is pending the report is read again every
 * DELIVERY_POLL_MS (useReport), so the status moves on its own. With reports.sign, the latest signed version can be sent
 * again when the newest delivery failed, or when it was never sent.
 */
export function ReportDeliveries({ orgId, workspaceId, report }: { orgId: string; workspaceId: string; report: Report }) {
  const { can } = usePermissions(orgId);
  const send = useSendReport(orgId, workspaceId, report.id);
  const announce = useStatusMessage();
  const deliveries = report.deliveries;
  const newest = deliveries[0];
  const latestSigned = report.versions.find((v) => isSigned(v.status));
  if (deliveries.length === 0 && !latestSigned) return null;

  const pending = deliveries.some(isDeliveryPending);
  // Sent again: after a failure, when never sent, or when a later version was signed without being sent.
  const sendable =
    !!latestSigned && !pending && (!newest || newest.status === 'failed' || newest.version < latestSigned.number);
  const canSend = sendable && can('reports.sign', workspaceId);
  const sendLabel = deliveries.length > 0 ? 'Send again' : 'Send to the FHIR server';

  function onSend() {
    send.mutate(undefined, {
      onSuccess: (updated) => {
        const version = updated.deliveries[0]?.version ?? latestSigned?.number;
        announce(`Version ${version} of “${report.title}” will be sent to the FHIR server.`);
      },
    });
  }

  return (
    <section className="card" aria-labelledby="report-deliveries">
      <div className="card__header">
        <h2 id="report-deliveries" className="card__title">
          Sent to the FHIR server
        </h2>
        {canSend ? (
          <Button variant="secondary" busy={send.isPending} busyLabel="Sending…" onClick={onSend}>
            {sendLabel}
          </Button>
        ) : null}
      </div>
      {send.isError ? <Alert title="The report was not sent">{asApiError(send.error).message}</Alert> : null}
      {/* Announces a change of the newest delivery's status (not read out when the page loads). */}
      <p className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {newestStatus(newest)}
      </p>
      {deliveries.length === 0 ? (
        <p className="muted">
          Not sent to a FHIR server: none was set for the organization when the report was signed.{' '}
          {can('organization.settings.manage') ? <Link to={integrationSettingsPagePath(orgId)}>Set one in the integrations</Link> : null}
        </p>
      ) : (
        <>
          {pending ? (
            <p className="muted">The status below is updated every {DELIVERY_POLL_MS / 1000} seconds while a delivery is pending.</p>
          ) : null}
          <DataTable
            caption="Deliveries to the FHIR server, newest first"
            columns={
              <>
                <th scope="col">Version</th>
                <th scope="col">Sent to</th>
                <th scope="col">Status</th>
              </>
            }
          >
            {deliveries.map((d) => (
              <tr key={d.id}>
                <td className="nowrap">{d.version}</td>
                <td className="wrap-anywhere">{d.endpoint}</td>
                <td>
                  <DeliveryStatusBadge status={d.status} />
                  <DeliveryDetails delivery={d} />
                </td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </section>
  );
}
