import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { axeViolations } from '../../test/axe';
import { json, problem } from '../../test/fetchMock';
import { statusMessage } from '../../test/helpers';
import { renderApp } from '../../test/render';
import { WEBHOOK_POLL_MS } from './api';
import {
  ADDRESS,
  basicNoWebhook,
  basicWithWebhook,
  description,
  GET_DELIVERIES,
  integrationServer,
  page,
  POST_TEST,
  PUT,
  WEBHOOK,
  webhookDelivery,
} from './integrationFixtures';

/** The FHIR part of every PUT from the webhook's form: as it is kept (a PUT without it would stop sending reports). */
const fhirKept = { fhirBaseUrl: ADDRESS, fhirAuthentication: 'basic', fhirUserName: 'variantminer', fhirSecret: null };

const SECRET = 'a-shared-webhook-secret-123';

function section() {
  return screen.getByRole('region', { name: 'Webhook' });
}

function form() {
  return screen.getByRole('form', { name: 'Webhook' });
}

function log() {
  return screen.getByRole('region', { name: 'Webhook delivery log' });
}

function address() {
  return within(form()).getByLabelText('Webhook address') as HTMLInputElement;
}

function secret() {
  return within(form()).getByLabelText('Signing secret') as HTMLInputElement;
}

function save() {
  return within(form()).getByRole('button', { name: 'Save webhook' });
}

/** The log's rows (without its header row). */
function rows() {
  return within(within(log()).getByRole('table', { name: 'Events posted to the webhook, newest first' })).getAllByRole('row').slice(1);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('Integrations page: the webhook', () => {
  it('says what is sent and how it is signed, and keeps the secret when it is left empty; the FHIR server goes with it unchanged', async () => {
    const { calls } = integrationServer(basicWithWebhook);
    renderApp(page);
    const u = userEvent.setup();

    await screen.findByRole('form', { name: 'Webhook' });
    const text = section().textContent ?? '';
    expect(text).toContain(
      'Every event members can be notified of (uploads, finished or failed analyses, assignments, reports awaiting signature or signed, quota thresholds, accepted invitations) is posted once as JSON: {id, event, organizationId, occurredAt, title, url}.',
    );
    expect(text).toContain('Passing failures are retried; a refusal (4xx) is not.');
    // The headers, each named with what it holds.
    const headers = [...section().querySelectorAll('dl dt')].map((dt) => dt.textContent);
    expect(headers).toEqual(['X-VariantMiner-Event', 'X-VariantMiner-Delivery', 'X-VariantMiner-Timestamp', 'X-VariantMiner-Signature']);
    const held = [...section().querySelectorAll('dl dd')].map((dd) => dd.textContent);
    expect(held[1]).toContain('the same on retries');
    expect(held[2]).toContain('Unix seconds');
    expect(held[3]).toBe('sha256= followed by the hex HMAC-SHA256 of "timestamp.body" with your secret.');
    expect(text).toContain(`Events are posted to ${WEBHOOK}.`);

    expect(address().value).toBe(WEBHOOK);
    expect(address().type).toBe('url');
    // The secret itself is never shown, only that one is kept.
    expect(secret().type).toBe('password');
    expect(secret().value).toBe('');
    expect(secret().placeholder).toBe('Kept — leave empty to keep it');
    expect(description(secret())).toContain('Kept — leave empty to keep it');
    expect(await axeViolations()).toEqual([]);

    // A new address on the same server keeps the secret: null is sent for it.
    await u.clear(address());
    await u.type(address(), `${WEBHOOK}/v2`);
    await u.click(save());
    await waitFor(() => expect(statusMessage()).toBe('Webhook saved.'));
    expect(calls(PUT)).toHaveLength(1);
    expect(JSON.parse(calls(PUT)[0]!.body)).toEqual({ ...fhirKept, webhookUrl: `${WEBHOOK}/v2`, webhookSecret: null });
    expect(screen.getByText(`Events are posted to`, { exact: false }).textContent).toContain(`${WEBHOOK}/v2`);
  });

  it('sends the FHIR form’s settings as they are kept, not its unsaved edits, with a new secret', async () => {
    const { calls } = integrationServer(basicWithWebhook);
    renderApp(page);
    const u = userEvent.setup();

    await screen.findByRole('form', { name: 'Webhook' });
    // An edit of the FHIR form, not saved.
    const fhir = screen.getByRole('form', { name: 'FHIR server for final reports' });
    await u.type(within(fhir).getByLabelText('User name'), '-edited');

    await u.type(secret(), SECRET);
    await u.click(save());
    await waitFor(() => expect(statusMessage()).toBe('Webhook saved.'));
    expect(JSON.parse(calls(PUT)[0]!.body)).toEqual({ ...fhirKept, webhookUrl: WEBHOOK, webhookSecret: SECRET });
    // Write-only: the field empties; the FHIR form keeps its edit.
    expect(secret().value).toBe('');
    expect((within(fhir).getByLabelText('User name') as HTMLInputElement).value).toBe('variantminer-edited');
  });

  it('sets a webhook: the address and a secret of 16 to 200 characters are asked for, then sent with the FHIR server unchanged', async () => {
    const { calls } = integrationServer(basicNoWebhook);
    renderApp(page);
    const u = userEvent.setup();

    await screen.findByRole('form', { name: 'Webhook' });
    expect(section().textContent).toContain('No webhook is set: events are not posted.');
    expect(secret().placeholder).toBe('');
    expect(description(secret())).not.toContain('Kept');
    // Nothing to remove or test yet.
    expect(within(section()).queryByRole('button', { name: 'Remove webhook' })).toBeNull();
    expect(within(log()).queryByRole('button', { name: 'Send a test event' })).toBeNull();

    await u.click(save());
    expect(document.activeElement).toBe(address());
    expect(description(address())).toContain('Enter the webhook’s address');
    expect(description(secret())).toContain('Enter the secret the webhook’s receiver checks signatures with (16 to 200 characters).');
    expect(address().getAttribute('aria-invalid')).toBe('true');

    await u.type(address(), 'ftp://lims.northwind.example/hooks');
    await u.type(secret(), 'too-short');
    await u.click(save());
    expect(description(address())).toContain('Enter the webhook’s full address, starting with https://');
    expect(description(secret())).toContain('The secret is 16 to 200 characters (this one has 9).');
    expect(calls(PUT)).toHaveLength(0);
    expect(await axeViolations()).toEqual([]);

    await u.clear(address());
    await u.type(address(), ` ${WEBHOOK} `);
    await u.clear(secret());
    await u.type(secret(), SECRET);
    await u.click(save());

    await waitFor(() => expect(statusMessage()).toBe('Webhook saved.'));
    expect(calls(PUT)).toHaveLength(1);
    expect(JSON.parse(calls(PUT)[0]!.body)).toEqual({ ...fhirKept, webhookUrl: WEBHOOK, webhookSecret: SECRET });
    // The secret is kept now; the webhook may be removed or tested.
    expect(secret().value).toBe('');
    await waitFor(() => expect(secret().placeholder).toBe('Kept — leave empty to keep it'));
    expect(within(section()).getByRole('button', { name: 'Remove webhook' })).toBeTruthy();
    expect(within(log()).getByRole('button', { name: 'Send a test event' })).toBeTruthy();
  });

  it('asks for a new secret when the address moves to another server', async () => {
    const { calls } = integrationServer(basicWithWebhook);
    renderApp(page);
    const u = userEvent.setup();

    await screen.findByRole('form', { name: 'Webhook' });
    await u.clear(address());
    await u.type(address(), 'https://hooks.elsewhere.example/variantminer');
    expect(secret().placeholder).toBe('');
    expect(description(secret())).toContain('The kept secret is not sent to another server');
    await u.click(save());
    expect(document.activeElement).toBe(secret());
    expect(description(secret())).toContain('the kept one is not sent to another server.');
    expect(calls(PUT)).toHaveLength(0);
  });

  it('shows the server’s refusals of the address and of the secret on their fields', async () => {
    const addressRefusal =
      'The webhook\'s address points into a private, loopback or link-local network (10.0.0.5): it must be reachable from the internet.';
    const secretRefusal = 'The webhook\'s secret is 16 to 200 characters.';
    let answer = () =>
      problem(400, { title: 'One or more validation errors occurred.', errors: { WebhookUrl: [addressRefusal], WebhookSecret: [secretRefusal] } });
    const { calls } = integrationServer(basicWithWebhook, { routes: { [PUT]: () => answer() } });
    renderApp(page);
    const u = userEvent.setup();

    await screen.findByRole('form', { name: 'Webhook' });
    await u.clear(address());
    await u.type(address(), 'https://10.0.0.5/hooks');
    await u.type(secret(), SECRET);
    await u.click(save());

    await waitFor(() => expect(address().getAttribute('aria-invalid')).toBe('true'));
    expect(description(address())).toContain(addressRefusal);
    expect(secret().getAttribute('aria-invalid')).toBe('true');
    expect(description(secret())).toContain(secretRefusal);
    expect(document.activeElement).toBe(address());
    expect(within(form()).getByRole('alert').textContent).toContain('Check the highlighted fields and try again.');
    // Not on the FHIR form.
    const fhir = screen.getByRole('form', { name: 'FHIR server for final reports' });
    expect(within(fhir).getByLabelText('Base address').getAttribute('aria-invalid')).toBeNull();
    expect(within(fhir).queryByRole('alert')).toBeNull();
    expect(JSON.parse(calls(PUT)[0]!.body)).toEqual({ ...fhirKept, webhookUrl: 'https://10.0.0.5/hooks', webhookSecret: SECRET });
    expect(await axeViolations()).toEqual([]);

    // The refusal to send the kept secret to another server is a detail: shown under the secret as well.
    const detail = "Enter the secret the webhook's receiver checks signatures with: the kept one is not sent to another server.";
    answer = () => problem(400, { title: 'Bad request', detail });
    await u.clear(address());
    await u.type(address(), `${WEBHOOK}/v2`);
    await u.clear(secret());
    await u.click(save());
    await waitFor(() => expect(description(secret())).toContain(detail));
    expect(secret().getAttribute('aria-invalid')).toBe('true');
    expect(address().getAttribute('aria-invalid')).toBeNull();
    expect(document.activeElement).toBe(secret());
    // Focused once: typing elsewhere keeps the focus there.
    await u.type(address(), '/x');
    expect(document.activeElement).toBe(address());
  });

  it('asks before it removes the webhook, and sends an empty address with the FHIR server unchanged only once confirmed', async () => {
    const { calls } = integrationServer(basicWithWebhook);
    renderApp(page);
    const u = userEvent.setup();

    await screen.findByRole('form', { name: 'Webhook' });
    // Cancelling sends nothing.
    await u.click(within(section()).getByRole('button', { name: 'Remove webhook' }));
    await u.click(within(screen.getByRole('dialog', { name: 'Remove the webhook?' })).getByRole('button', { name: 'Keep the webhook' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(calls(PUT)).toHaveLength(0);

    await u.click(within(section()).getByRole('button', { name: 'Remove webhook' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove the webhook?' });
    expect(dialog.textContent).toContain(`Events from now on will not be posted to ${WEBHOOK}`);
    expect(dialog.textContent).toContain('the FHIR server stays as it is');
    expect(await axeViolations('[role="dialog"]')).toEqual([]);
    expect(calls(PUT)).toHaveLength(0);
    await u.click(within(dialog).getByRole('button', { name: 'Remove webhook' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls(PUT)).toHaveLength(1);
    expect(JSON.parse(calls(PUT)[0]!.body)).toEqual({ ...fhirKept, webhookUrl: '', webhookSecret: null });
    expect(statusMessage()).toBe('The webhook was removed: events are no longer posted.');
    expect(address().value).toBe('');
    expect(document.activeElement).toBe(address());
    expect(section().textContent).toContain('No webhook is set: events are not posted.');
    expect(within(section()).queryByRole('button', { name: 'Remove webhook' })).toBeNull();
    expect(within(log()).queryByRole('button', { name: 'Send a test event' })).toBeNull();
    // The FHIR server is still set.
    expect(screen.getByText('Final reports are sent to', { exact: false }).textContent).toContain(ADDRESS);
  });

  it('asks the same before saving an emptied address', async () => {
    const { calls } = integrationServer(basicWithWebhook);
    renderApp(page);
    const u = userEvent.setup();

    await screen.findByRole('form', { name: 'Webhook' });
    await u.clear(address());
    await u.click(save());
    const dialog = screen.getByRole('dialog', { name: 'Remove the webhook?' });
    expect(calls(PUT)).toHaveLength(0);
    await u.click(within(dialog).getByRole('button', { name: 'Remove webhook' }));
    await waitFor(() => expect(calls(PUT)).toHaveLength(1));
    expect(JSON.parse(calls(PUT)[0]!.body)).toEqual({ ...fhirKept, webhookUrl: '', webhookSecret: null });
  });

  it('shows each delivery with its status in words, rounds, the receiver’s last answer and when', async () => {
    const longError = `500 Internal Server Error: ${'The receiver is down for maintenance. '.repeat(10)}`;
    integrationServer(basicWithWebhook, {
      log: [
        webhookDelivery({
          id: '0190f0aa-0000-7000-8000-00000000e003',
          event: 'report.signed',
          status: 'failed',
          rounds: 1,
          lastStatusCode: 410,
          lastError: '410 Gone: this hook was deleted',
          createdAt: '2025-03-07T09:00:00Z',
          deliveredAt: null,
        }),
        webhookDelivery({
          id: '0190f0aa-0000-7000-8000-00000000e002',
          event: 'sample.assigned',
          status: 'pending',
          rounds: 2,
          lastStatusCode: 500,
          lastError: longError,
          createdAt: '2025-03-06T09:00:00Z',
          nextAttemptAt: '2025-03-06T09:30:00Z',
          deliveredAt: null,
        }),
        webhookDelivery(),
      ],
    });
    renderApp(page);

    await within(await screen.findByRole('region', { name: 'Webhook delivery log' })).findByRole('table');
    const [failed, pending, delivered] = rows() as [HTMLElement, HTMLElement, HTMLElement];
    expect(rows()).toHaveLength(3);

    const cells = (row: HTMLElement) => within(row).getAllByRole('cell');
    expect(cells(failed)[0]!.textContent).toContain('report.signed');
    expect(within(failed).getByText('Failed', { selector: '.webhook-status' })).toBeTruthy();
    expect(cells(failed)[2]!.textContent).toBe('1');
    expect(cells(failed)[3]!.textContent).toContain('HTTP 410');
    expect(cells(failed)[3]!.textContent).toContain('410 Gone: this hook was deleted');
    expect(cells(failed)[4]!.querySelector('time')!.getAttribute('datetime')).toBe('2025-03-07T09:00:00Z');
    expect(cells(failed)[5]!.textContent).toBe('Not tried again');

    expect(within(pending).getByText('Pending', { selector: '.webhook-status' })).toBeTruthy();
    expect(cells(pending)[2]!.textContent).toBe('2');
    // A long answer is cut short; the whole of it is in the title.
    const error = within(pending).getByText('500 Internal Server Error', { exact: false });
    expect(error.textContent!.length).toBeLessThan(longError.length);
    expect(error.textContent!.endsWith('…')).toBe(true);
    expect(error.getAttribute('title')).toBe(longError);
    expect(cells(pending)[5]!.textContent).toContain('Next attempt');
    expect(cells(pending)[5]!.querySelector('time')!.getAttribute('datetime')).toBe('2025-03-06T09:30:00Z');

    expect(within(delivered).getByText('Delivered', { selector: '.webhook-status' })).toBeTruthy();
    expect(cells(delivered)[3]!.textContent).toBe('HTTP 200');
    expect(cells(delivered)[5]!.textContent).toContain('Delivered');
    expect(cells(delivered)[5]!.querySelector('time')!.getAttribute('datetime')).toBe('2025-03-05T10:00:02Z');

    expect(log().textContent).toContain('The log is updated every 5 seconds while an event is pending.');
    expect(await axeViolations()).toEqual([]);
  });

  it('sends a test event: it shows at the top of the log, which is read again while it is pending', async () => {
    const { calls, state } = integrationServer(basicWithWebhook);
    renderApp(page);

    const empty = await within(await screen.findByRole('region', { name: 'Webhook delivery log' })).findByText('No events have been posted yet.', {
      exact: false,
    });
    expect(empty.textContent).toContain('Send a test event to check the receiver and its secret.');
    expect(within(log()).queryByRole('table')).toBeNull();
    expect(await axeViolations()).toEqual([]);

    vi.useFakeTimers({ shouldAdvanceTime: true });
    const u = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await u.click(within(log()).getByRole('button', { name: 'Send a test event' }));

    await waitFor(() => expect(statusMessage()).toBe('A test event was queued for the webhook: it shows in the delivery log.'));
    expect(calls(POST_TEST)).toHaveLength(1);
    await waitFor(() => expect(rows()).toHaveLength(1));
    const [row] = rows() as [HTMLElement];
    expect(within(row).getByText('webhook.test')).toBeTruthy();
    expect(within(row).getByText('Pending', { selector: '.webhook-status' })).toBeTruthy();
    expect(within(row).getByText('Not tried yet')).toBeTruthy();
    // The log was read again after the test event.
    await waitFor(() => expect(calls(GET_DELIVERIES)).toHaveLength(2));

    // Read again every few seconds while pending; no more once it is delivered.
    state.log = [{ ...state.log[0]!, status: 'delivered', rounds: 1, lastStatusCode: 204, nextAttemptAt: null, deliveredAt: '2025-03-08T12:05:01Z' }];
    await act(() => vi.advanceTimersByTimeAsync(WEBHOOK_POLL_MS + 100));
    expect(await within(log()).findByText('Delivered', { selector: '.webhook-status' })).toBeTruthy();
    expect(calls(GET_DELIVERIES)).toHaveLength(3);
    expect(within(rows()[0]!).getByText('HTTP 204')).toBeTruthy();
    await act(() => vi.advanceTimersByTimeAsync(WEBHOOK_POLL_MS * 3));
    expect(calls(GET_DELIVERIES)).toHaveLength(3);
  });

  it('shows the server’s refusal of a test event', async () => {
    const detail = 'No webhook is set: enter its address and secret first.';
    const { calls } = integrationServer(basicWithWebhook, {
      routes: { [POST_TEST]: () => problem(409, { title: 'Conflict', detail }) },
    });
    renderApp(page);
    const u = userEvent.setup();

    await within(await screen.findByRole('region', { name: 'Webhook delivery log' })).findByText('No events have been posted yet.', { exact: false });
    await u.click(within(log()).getByRole('button', { name: 'Send a test event' }));
    const alert = await within(log()).findByRole('alert');
    expect(alert.textContent).toContain('The test event was not sent');
    expect(alert.textContent).toContain(detail);
    expect(calls(POST_TEST)).toHaveLength(1);
    expect(within(log()).queryByRole('table')).toBeNull();
    expect(await axeViolations()).toEqual([]);
  });

  it('without a webhook, offers no test event and says how to start', async () => {
    integrationServer(basicNoWebhook, { routes: { [GET_DELIVERIES]: () => json(200, []) } });
    renderApp(page);

    const empty = await within(await screen.findByRole('region', { name: 'Webhook delivery log' })).findByText('No events have been posted yet.', {
      exact: false,
    });
    expect(empty.textContent).toContain('Set a webhook above');
    expect(within(log()).queryByRole('button', { name: 'Send a test event' })).toBeNull();
  });
});
