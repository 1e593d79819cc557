import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PermissionKey } from '../../api/permissionKeys';
import { axeViolations } from '../../test/axe';
import { json, mockFetch, problem, type Handler } from '../../test/fetchMock';
import { statusMessage } from '../../test/helpers';
import { ALL_PERMISSIONS, ORG_ID } from '../../test/orgFixtures';
import { renderApp } from '../../test/render';
import { DELIVERY_POLL_MS, type Report } from './api';
import { delivery, draftReport, FHIR_ENDPOINT, report, REPORT_1, reportPath, reportRoutes, reportsApi, signedReport, signedV1, version } from './reportFixtures';

/** The built-in Report Writer: reads the data and writes drafts, but does not sign (nor sends again). */
const REPORT_WRITER: PermissionKey[] = ['samples.view.all', 'reports.write'];

const deliveriesApi = `${reportsApi}/${REPORT_1}/deliveries`;

const delivered = delivery({
  status: 'delivered',
  rounds: 1,
  lastStatusCode: 200,
  nextAttemptAt: null,
  deliveredAt: '2025-03-06T09:31:02Z',
  remoteLocation: 'https://fhir.northwind.example/fhir/DiagnosticReport/81/_history/1',
});

const failed = delivery({
  status: 'failed',
  rounds: 5,
  lastStatusCode: 422,
  lastError: 'The server refused the bundle: Patient.identifier is required.',
  nextAttemptAt: null,
});

const withDeliveries = (...deliveries: Report['deliveries']) => report([signedV1], { deliveries });

async function openReport(permissions: readonly PermissionKey[], r: Report, extra: Record<string, Handler> = {}) {
  const server = mockFetch(reportRoutes(permissions, [r], extra));
  renderApp(reportPath(REPORT_1));
  await screen.findByRole('heading', { level: 1, name: 'Hereditary breast cancer panel' });
  return server;
}

function section() {
  return screen.getByRole('region', { name: 'Sent to the FHIR server' });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('Report page: deliveries to the FHIR server', () => {
  it('shows a delivered version with its time and where the server keeps it, without Send again', async () => {
    await openReport(ALL_PERMISSIONS, withDeliveries(delivered));

    const table = within(section()).getByRole('table', { name: 'Deliveries to the FHIR server, newest first' });
    const [row] = within(table).getAllByRole('row').slice(1) as [HTMLElement];
    expect(within(row).getByRole('cell', { name: '1' })).toBeTruthy();
    expect(within(row).getByText(FHIR_ENDPOINT)).toBeTruthy();
    // The status is in words, the colour only repeats it.
    expect(within(row).getByText('Delivered', { selector: '.report-status' })).toBeTruthy();
    expect(within(row).getByText('Delivered at', { exact: false }).textContent).toBe('Delivered at 2025-03-06 09:31:02 UTC');
    expect(within(row).getByText('https://fhir.northwind.example/fhir/DiagnosticReport/81/_history/1')).toBeTruthy();
    expect(within(section()).queryByRole('button')).toBeNull();
    expect(await axeViolations()).toEqual([]);
  });

  it('shows a failure with its error and HTTP status; a signer sends it again, and the pending delivery is read until it is delivered', async () => {
    let current = withDeliveries(failed);
    const pending = delivery({ id: '0190f0aa-0000-7000-8000-000000000202', createdAt: '2025-03-07T08:00:00Z', nextAttemptAt: '2025-03-07T08:00:00Z' });
    const { calls } = await openReport(ALL_PERMISSIONS, current, {
      [`GET ${reportsApi}/${REPORT_1}`]: () => json(200, current),
      [`POST ${deliveriesApi}`]: () => {
        current = withDeliveries(pending, failed);
        return json(200, current);
      },
    });

    const rows = within(section()).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(1);
    expect(within(rows[0]!).getByText('Failed', { selector: '.report-status' })).toBeTruthy();
    expect(within(rows[0]!).getByText('The server refused the bundle: Patient.identifier is required. (HTTP 422)')).toBeTruthy();
    expect(within(rows[0]!).getByText('5 rounds tried')).toBeTruthy();
    expect(await axeViolations()).toEqual([]);

    vi.useFakeTimers({ shouldAdvanceTime: true });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await user.click(within(section()).getByRole('button', { name: 'Send again' }));

    await waitFor(() => expect(statusMessage()).toBe('Version 1 of “Hereditary breast cancer panel” will be sent to the FHIR server.'));
    expect(calls(`POST ${deliveriesApi}`)).toHaveLength(1);
    expect(calls(`POST ${deliveriesApi}`)[0]!.body).toBe('');
    const [newest] = within(section()).getAllByRole('row').slice(1) as [HTMLElement];
    expect(within(newest).getByText('Pending', { selector: '.report-status' })).toBeTruthy();
    expect(within(newest).getByText('Next attempt at', { exact: false }).textContent).toBe('Next attempt at 2025-03-07 08:00:00 UTC');
    expect(within(newest).getByText('Not tried yet')).toBeTruthy();
    // Pending: nothing to send again.
    expect(within(section()).queryByRole('button', { name: 'Send again' })).toBeNull();

    // Read again every few seconds while pending; no more once it is delivered.
    const reads = calls(`GET ${reportsApi}/${REPORT_1}`).length;
    current = withDeliveries({ ...pending, status: 'delivered', rounds: 1, nextAttemptAt: null, deliveredAt: '2025-03-07T08:00:03Z' }, failed);
    await act(() => vi.advanceTimersByTimeAsync(DELIVERY_POLL_MS + 100));
    expect(await within(section()).findByText('Delivered', { selector: '.report-status' })).toBeTruthy();
    expect(calls(`GET ${reportsApi}/${REPORT_1}`).length).toBe(reads + 1);
    expect(within(section()).getByRole('status').textContent).toBe('Version 1 was delivered to the FHIR server.');
    await act(() => vi.advanceTimersByTimeAsync(DELIVERY_POLL_MS * 3));
    expect(calls(`GET ${reportsApi}/${REPORT_1}`).length).toBe(reads + 1);
  });

  it('shows the server’s refusal to send it again', async () => {
    const detail = 'No FHIR server is set for the organization: set one in the integration settings first.';
    const { calls } = await openReport(ALL_PERMISSIONS, withDeliveries(failed), {
      [`POST ${deliveriesApi}`]: () => problem(409, { title: 'Conflict', detail }),
    });
    const user = userEvent.setup();

    await user.click(within(section()).getByRole('button', { name: 'Send again' }));
    const alert = await within(section()).findByRole('alert');
    expect(alert.textContent).toContain('The report was not sent');
    expect(alert.textContent).toContain(detail);
    expect(calls(`POST ${deliveriesApi}`)).toHaveLength(1);
    expect(within(section()).getByText('Failed', { selector: '.report-status' })).toBeTruthy();
    expect(await axeViolations()).toEqual([]);
  });

  it('offers no Send again without reports.sign', async () => {
    await openReport(REPORT_WRITER, withDeliveries(failed));
    expect(within(section()).getByText('Failed', { selector: '.report-status' })).toBeTruthy();
    expect(within(section()).queryByRole('button')).toBeNull();
  });

  it('offers to send a signed version that was never sent, and says where to set a server', async () => {
    const { calls } = await openReport(ALL_PERMISSIONS, signedReport, {
      [`POST ${deliveriesApi}`]: () => json(200, withDeliveries(delivery())),
    });
    const user = userEvent.setup();

    expect(within(section()).getByText(/^Not sent to a FHIR server/)).toBeTruthy();
    expect(within(section()).getByRole('link', { name: 'Set one in the integrations' }).getAttribute('href')).toBe(`/orgs/${ORG_ID}/settings/integrations`);
    await user.click(within(section()).getByRole('button', { name: 'Send to the FHIR server' }));
    await waitFor(() => expect(calls(`POST ${deliveriesApi}`)).toHaveLength(1));
    expect(await within(section()).findByText('Pending', { selector: '.report-status' })).toBeTruthy();
  });

  it('is not shown for a report never signed nor sent', async () => {
    await openReport(ALL_PERMISSIONS, draftReport);
    expect(screen.queryByRole('region', { name: 'Sent to the FHIR server' })).toBeNull();
  });

  it('offers to send a later signed version whose signature found no server', async () => {
    const amended = report([version(2, { ...signedV1, number: 2, status: 'amended' }), signedV1], { deliveries: [delivered] });
    await openReport(ALL_PERMISSIONS, amended);
    expect(within(section()).getByRole('button', { name: 'Send again' })).toBeTruthy();
  });
});
