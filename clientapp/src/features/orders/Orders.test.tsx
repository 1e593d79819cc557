import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { PermissionKey } from '../../api/permissionKeys';
import { samplePath } from '../../test/analysisFixtures';
import { axeViolations } from '../../test/axe';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { statusMessage } from '../../test/helpers';
import { ADA_ID, ALL_PERMISSIONS, GRACE_ID, ORG_ID, WS_GENERAL } from '../../test/orgFixtures';
import { renderApp } from '../../test/render';
import type { Order } from './api';
import {
  grace,
  order,
  ORDER_1,
  orderPath,
  orderRoutes,
  ordersApi,
  ordersPath,
  reportSummary,
  routineOrder,
  S2,
  SUBJECT_1,
  urgentOrder,
} from './orderFixtures';

/** Reads every sample and writes reports, but does not manage orders. */
const READER: PermissionKey[] = ['samples.view.all', 'reports.write'];

const REPORT_A = '0190f0aa-0000-7000-8000-000000000301';
const REPORT_B = '0190f0aa-0000-7000-8000-000000000302';

async function openOrder(permissions: readonly PermissionKey[], o: Order = urgentOrder, extra = {}, reports = [reportSummary(REPORT_A, 'Epilepsy report', ORDER_1)]) {
  const server = mockFetch(orderRoutes(permissions, { orders: [o], reports }, extra));
  renderApp(orderPath(o.id));
  await screen.findByRole('heading', { level: 1, name: o.test });
  return server;
}

const body = (call: { body: string } | undefined) => JSON.parse(call!.body) as unknown;

describe('Orders page', () => {
  it('lists the orders: test link, subject and samples, priority, due date with “Overdue” in words, status, assignees', async () => {
    mockFetch(orderRoutes(ALL_PERMISSIONS));
    renderApp(ordersPath);

    const table = await screen.findByRole('table', { name: 'Orders of this workspace' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    const [urgent, routine] = rows as [HTMLElement, HTMLElement];

    expect(within(urgent).getByRole('link', { name: 'Epilepsy gene panel' }).getAttribute('href')).toBe(orderPath(ORDER_1));
    expect((await within(urgent).findByRole('link', { name: 'FAM-001' })).getAttribute('href')).toBe(
      `/orgs/${ORG_ID}/workspaces/${WS_GENERAL}/subjects/${SUBJECT_1}`,
    );
    expect(within(urgent).getByText('NA12891')).toBeTruthy();
    // A pressing priority is marked besides its colour; "Overdue" is said in words next to the date.
    const priority = within(urgent).getByText('Urgent');
    expect(priority.className).toContain('order-badge--pressing');
    expect(priority.textContent).toBe('!Urgent');
    expect(within(urgent).getByText('10 Mar 2025')).toBeTruthy();
    expect(within(urgent).getByText('Overdue')).toBeTruthy();
    expect(within(urgent).getByText('Received')).toBeTruthy();
    expect(within(urgent).getByText('Ada Lovelace')).toBeTruthy();

    expect(within(routine).getByRole('link', { name: 'Exome trio' })).toBeTruthy();
    expect(within(routine).getByText('No subject')).toBeTruthy();
    expect(within(routine).getByText('NA12878')).toBeTruthy();
    expect(within(routine).getByText('Routine').className).not.toContain('order-badge--pressing');
    expect(within(routine).queryByText('Overdue')).toBeNull();
    expect(within(routine).getByText('In progress')).toBeTruthy();
    expect(within(routine).getByText('Unassigned')).toBeTruthy();

    expect(screen.getByRole('button', { name: 'New order' })).toBeTruthy();
    expect(await axeViolations()).toEqual([]);
  });

  it('keeps the filters in the URL and sends them as the query', async () => {
    const { requests } = mockFetch(orderRoutes(ALL_PERMISSIONS));
    renderApp(`${ordersPath}?overdue=true`);
    const user = userEvent.setup();
    await screen.findByRole('table', { name: 'Orders of this workspace' });
    const listed = () => requests.filter((r) => r.method === 'GET' && r.path.startsWith(ordersApi)).map((r) => r.path);

    const overdue = screen.getByRole('checkbox', { name: 'Overdue only' }) as HTMLInputElement;
    expect(overdue.checked).toBe(true);
    expect(listed()).toEqual([`${ordersApi}?overdue=true`]);

    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'in-progress');
    await waitFor(() => expect(listed()).toContain(`${ordersApi}?status=in-progress&overdue=true`));
    expect(screen.getByTestId('location').textContent).toBe(`${ordersPath}?status=in-progress&overdue=true`);

    await user.selectOptions(screen.getByRole('combobox', { name: 'Priority' }), 'stat');
    await user.click(overdue);
    await waitFor(() => expect(listed()).toContain(`${ordersApi}?status=in-progress&priority=stat`));
    expect(screen.getByTestId('location').textContent).toBe(`${ordersPath}?status=in-progress&priority=stat`);
    expect(listed().some((p) => p.includes('overdue=false'))).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe(ordersPath));
    expect(listed()).toContain(ordersApi);
  });

  it('says so when there is no order, and when none matches the filters', async () => {
    mockFetch(orderRoutes(ALL_PERMISSIONS, { orders: [] }));
    renderApp(ordersPath);
    expect(await screen.findByRole('heading', { name: 'No orders yet' })).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    const user = userEvent.setup();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Priority' }), 'asap');
    expect(await screen.findByRole('heading', { name: 'No order matches the filters' })).toBeTruthy();
  });

  it('is linked from the Analyses page, next to the reports', async () => {
    mockFetch(orderRoutes(READER));
    renderApp(`/orgs/${ORG_ID}/workspaces/${WS_GENERAL}/samples`);
    const link = await screen.findByRole('link', { name: 'Orders' });
    expect(link.getAttribute('href')).toBe(ordersPath);
    expect(link.previousElementSibling?.textContent).toBe('Reports');
  });

  it('offers no New order without orders.manage', async () => {
    mockFetch(orderRoutes(READER));
    renderApp(ordersPath);
    await screen.findByRole('table', { name: 'Orders of this workspace' });
    expect(screen.queryByRole('button', { name: 'New order' })).toBeNull();
  });
});

describe('New order dialog', () => {
  async function openDialog(extra = {}) {
    const server = mockFetch(orderRoutes(ALL_PERMISSIONS, { orders: [] }, extra));
    renderApp(ordersPath);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'New order' }));
    const dialog = screen.getByRole('dialog', { name: 'New order' });
    await within(dialog).findByRole('checkbox', { name: 'NA12878 (WES)' });
    return { ...server, user, dialog };
  }

  it('checks the required fields and the HPO terms before sending, and shows a 400 on its field', async () => {
    const { calls, user, dialog } = await openDialog({
      [`POST ${ordersApi}`]: () =>
        problem(400, { title: 'One or more validation errors occurred.', errors: { sampleIds: ['The samples must be of one subject.'] } }),
    });
    expect(await axeViolations('[role="dialog"]')).toEqual([]);

    await user.click(within(dialog).getByRole('button', { name: 'Create order' }));
    expect(within(dialog).getByText('Choose the samples the test is for.')).toBeTruthy();
    expect(within(dialog).getByText('Name the test ordered.')).toBeTruthy();
    expect(within(dialog).getByText('Name the ordering clinician.')).toBeTruthy();
    expect(document.activeElement).toBe(within(dialog).getByRole('checkbox', { name: 'NA12878 (WES)' }));

    await user.click(within(dialog).getByRole('checkbox', { name: 'NA12878 (WES)' }));
    await user.type(within(dialog).getByRole('textbox', { name: /^Test/ }), 'Exome');
    await user.type(within(dialog).getByRole('textbox', { name: /^Ordering clinician/ }), 'Dr. Curie');
    const terms = within(dialog).getByRole('textbox', { name: /^Phenotype \(HPO terms\)/ });
    await user.type(terms, 'HP:0001250, seizures HP:123');
    await user.click(within(dialog).getByRole('button', { name: 'Create order' }));
    expect(
      within(dialog).getByText('“seizures”, “HP:123” are not HPO terms: write each as HP: and seven digits, e.g. HP:0001250.'),
    ).toBeTruthy();
    expect(document.activeElement).toBe(terms);
    expect(terms.getAttribute('aria-invalid')).toBe('true');
    expect(calls(`POST ${ordersApi}`)).toHaveLength(0);
    expect(await axeViolations('[role="dialog"]')).toEqual([]);

    await user.clear(terms);
    await user.type(terms, 'HP:0001250');
    await user.click(within(dialog).getByRole('button', { name: 'Create order' }));
    expect(await within(dialog).findByText('The samples must be of one subject.')).toBeTruthy();
    expect(calls(`POST ${ordersApi}`)).toHaveLength(1);
    expect(screen.getByRole('dialog', { name: 'New order' })).toBeTruthy();
  });

  it('puts a 400 about an HPO term on the phenotype field', async () => {
    const { user, dialog } = await openDialog({
      [`POST ${ordersApi}`]: () => problem(400, { title: 'Bad Request', detail: 'HP:9999999 is not a known HPO term.' }),
    });
    await user.click(within(dialog).getByRole('checkbox', { name: 'NA12878 (WES)' }));
    await user.type(within(dialog).getByRole('textbox', { name: /^Test/ }), 'Exome');
    await user.type(within(dialog).getByRole('textbox', { name: /^Ordering clinician/ }), 'Dr. Curie');
    const terms = within(dialog).getByRole('textbox', { name: /^Phenotype \(HPO terms\)/ });
    await user.type(terms, 'HP:9999999');
    await user.click(within(dialog).getByRole('button', { name: 'Create order' }));
    expect(await within(dialog).findByText('HP:9999999 is not a known HPO term.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(terms));
  });

  it('posts the exact body, then opens the new order', async () => {
    const created = order({ id: ORDER_1, test: 'Epilepsy gene panel' });
    const { calls, user, dialog } = await openDialog({
      [`POST ${ordersApi}`]: () => json(201, created),
      [`GET ${ordersApi}/${ORDER_1}`]: () => json(200, created),
    });

    await user.click(within(dialog).getByRole('checkbox', { name: 'NA12891 (WES, subject FAM-001)' }));
    await user.type(within(dialog).getByRole('textbox', { name: /^Test/ }), ' Epilepsy gene panel ');
    await user.type(within(dialog).getByRole('textbox', { name: /^Ordering clinician/ }), 'Dr. Marie Curie');
    await user.type(within(dialog).getByRole('textbox', { name: /^Ordering institution/ }), 'City Hospital');
    await user.type(within(dialog).getByRole('textbox', { name: /^Indication/ }), 'Seizures since infancy.');
    await user.type(within(dialog).getByRole('textbox', { name: /^Phenotype \(HPO terms\)/ }), 'hp:0001250 HP:0000252,HP:0001250');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: /^Priority/ }), 'urgent');
    const due = within(dialog).getByLabelText(/^Due date/);
    expect(due.getAttribute('type')).toBe('date');
    await user.type(due, '2025-03-10');
    await user.type(within(dialog).getByRole('textbox', { name: /^External id/ }), 'LIS-42');
    await user.click(within(dialog).getByRole('button', { name: 'Create order' }));

    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe(orderPath(ORDER_1)));
    expect(body(calls(`POST ${ordersApi}`)[0])).toEqual({
      sampleIds: [S2],
      test: 'Epilepsy gene panel',
      orderingClinician: 'Dr. Marie Curie',
      orderingInstitution: 'City Hospital',
      indication: 'Seizures since infancy.',
      phenotypeTerms: ['HP:0001250', 'HP:0000252'],
      priority: 'urgent',
      dueDate: '2025-03-10',
      externalId: 'LIS-42',
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Epilepsy gene panel' })).toBeTruthy();
    expect(statusMessage()).toBe('Order “Epilepsy gene panel” recorded.');
  });
});

describe('Order page', () => {
  it('shows the details, badges, samples and the reports of this order', async () => {
    await openOrder(ALL_PERMISSIONS, urgentOrder, {}, [
      reportSummary(REPORT_A, 'Epilepsy report', ORDER_1),
      reportSummary(REPORT_B, 'Other report', null),
    ]);

    const details = screen.getByRole('region', { name: 'Details' });
    const term = (name: string) => within(details).getByText(name, { selector: 'dt' }).nextElementSibling!.textContent;
    expect(term('Ordering clinician')).toBe('Dr. Marie Curie');
    expect(term('Ordering institution')).toBe('City Hospital');
    expect(term('Indication')).toBe('Seizures since infancy.');
    expect(term('Phenotype (HPO)')).toBe('HP:0001250');
    expect(term('External id')).toBe('LIS-42');
    expect(term('Due date')).toBe('10 Mar 2025 (overdue)');
    expect(await within(details).findByRole('link', { name: 'FAM-001' })).toBeTruthy();

    const header = screen.getByRole('heading', { level: 1 }).parentElement!;
    expect(within(header).getByText('Received')).toBeTruthy();
    expect(within(header).getByText('Urgent')).toBeTruthy();
    expect(within(header).getByText('Overdue')).toBeTruthy();

    const samples = screen.getByRole('region', { name: 'Samples' });
    expect(within(samples).getByRole('link', { name: 'NA12891' }).getAttribute('href')).toBe(`/orgs/${ORG_ID}/workspaces/${WS_GENERAL}/samples/${S2}`);

    const reports = screen.getByRole('region', { name: 'Reports' });
    expect((await within(reports).findByRole('link', { name: 'Epilepsy report' })).getAttribute('href')).toBe(
      `/orgs/${ORG_ID}/workspaces/${WS_GENERAL}/reports/${REPORT_A}`,
    );
    expect(within(reports).queryByRole('link', { name: 'Other report' })).toBeNull();
    expect(await axeViolations()).toEqual([]);
  });

  it('links a sample of the order to its page', async () => {
    await openOrder(ALL_PERMISSIONS, routineOrder, {}, []);
    const samples = screen.getByRole('region', { name: 'Samples' });
    expect((await within(samples).findByRole('link', { name: 'NA12878' })).getAttribute('href')).toBe(samplePath);
    expect(await within(screen.getByRole('region', { name: 'Reports' })).findByText('No report for this order yet.')).toBeTruthy();
  });

  it.each([
    ['received', ['Start work', 'Cancel order']],
    ['in-progress', ['Mark reported', 'Cancel order']],
    ['reported', ['Close', 'Reopen']],
    ['closed', []],
    ['cancelled', []],
  ])('offers from %s only the allowed status moves', async (status, labels) => {
    await openOrder(ALL_PERMISSIONS, order({ status }));
    const group = screen.getByRole('group', { name: 'Order actions' });
    const buttons = within(group)
      .getAllByRole('button')
      .map((b) => b.textContent);
    expect(buttons).toEqual([...labels, 'Edit details']);
  });

  it.each([
    ['received', 'Start work', 'in-progress', 'In progress'],
    ['in-progress', 'Mark reported', 'reported', 'Reported'],
    ['reported', 'Close', 'closed', 'Closed'],
    ['reported', 'Reopen', 'in-progress', 'In progress'],
  ])('moves an order from %s with “%s”: PATCH {status: %s}', async (from, label, to, shown) => {
    const { calls } = await openOrder(ALL_PERMISSIONS, order({ status: from }), {
      [`PATCH ${ordersApi}/${ORDER_1}`]: () => json(200, order({ status: to, updatedAt: '2025-03-02T10:00:00Z' })),
    });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: label }));
    await waitFor(() => expect(calls(`PATCH ${ordersApi}/${ORDER_1}`)).toHaveLength(1));
    expect(body(calls(`PATCH ${ordersApi}/${ORDER_1}`)[0])).toEqual({ status: to });
    await waitFor(() => expect(statusMessage()).toBe(`Order “Epilepsy gene panel” is now ${shown.toLowerCase()}.`));
    const heading = screen.getByRole('heading', { level: 1 });
    expect(within(heading.parentElement!).getByText(shown)).toBeTruthy();
    // The pressed button is gone with the old status: the focus is on the heading.
    await waitFor(() => expect(document.activeElement).toBe(heading));
  });

  it('says why a refused move was refused', async () => {
    await openOrder(ALL_PERMISSIONS, order({ status: 'received' }), {
      [`PATCH ${ordersApi}/${ORDER_1}`]: () => problem(400, { title: 'Bad Request', detail: 'An order without samples cannot start.' }),
    });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Start work' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('The status was not changed')).toBeTruthy();
    expect(within(alert).getByText('An order without samples cannot start.')).toBeTruthy();
  });

  it('asks before cancelling an order', async () => {
    const { calls } = await openOrder(ALL_PERMISSIONS, order({ status: 'in-progress' }), {
      [`PATCH ${ordersApi}/${ORDER_1}`]: () => json(200, order({ status: 'cancelled', updatedAt: '2025-03-02T10:00:00Z' })),
    });
    const user = userEvent.setup();
    const cancel = screen.getByRole('button', { name: 'Cancel order' });
    await user.click(cancel);
    let dialog = screen.getByRole('dialog', { name: 'Cancel this order?' });
    expect(await axeViolations('[role="dialog"]')).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Keep the order' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(cancel);
    expect(calls(`PATCH ${ordersApi}/${ORDER_1}`)).toHaveLength(0);

    await user.click(cancel);
    dialog = screen.getByRole('dialog', { name: 'Cancel this order?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel order' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(body(calls(`PATCH ${ordersApi}/${ORDER_1}`)[0])).toEqual({ status: 'cancelled' });
    expect(statusMessage()).toBe('Order “Epilepsy gene panel” is now cancelled.');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1 })));
    const group = screen.getByRole('group', { name: 'Order actions' });
    expect(within(group).getAllByRole('button').map((b) => b.textContent)).toEqual(['Edit details']);
  });

  it('saves the assignees as {assigneeIds}', async () => {
    const { calls } = await openOrder(ALL_PERMISSIONS, urgentOrder, {
      [`PATCH ${ordersApi}/${ORDER_1}`]: () =>
        json(200, order({ assignees: [{ userId: ADA_ID, displayName: 'Ada Lovelace' }, grace], updatedAt: '2025-03-02T10:00:00Z' })),
    });
    const user = userEvent.setup();
    const form = screen.getByRole('form', { name: 'Assignees' });
    expect((within(form).getByRole('checkbox', { name: 'Ada Lovelace' }) as HTMLInputElement).checked).toBe(true);
    const graceBox = (await within(form).findByRole('checkbox', { name: 'Grace Hopper' })) as HTMLInputElement;
    expect(graceBox.checked).toBe(false);
    await user.click(graceBox);
    expect(await axeViolations()).toEqual([]);
    await user.click(within(form).getByRole('button', { name: 'Save assignees' }));
    await waitFor(() => expect(calls(`PATCH ${ordersApi}/${ORDER_1}`)).toHaveLength(1));
    expect(body(calls(`PATCH ${ordersApi}/${ORDER_1}`)[0])).toEqual({ assigneeIds: [ADA_ID, GRACE_ID] });
    await waitFor(() => expect(statusMessage()).toBe('Assignees of “Epilepsy gene panel” saved.'));
  });

  it('edits the details in a dialog: one PATCH with every field', async () => {
    const { calls } = await openOrder(ALL_PERMISSIONS, urgentOrder, {
      [`PATCH ${ordersApi}/${ORDER_1}`]: () => json(200, order({ priority: 'stat', updatedAt: '2025-03-02T10:00:00Z' })),
    });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Edit details' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit order details' });
    expect(document.activeElement).toBe(within(dialog).getByRole('textbox', { name: /^Test/ }));
    expect(await axeViolations('[role="dialog"]')).toEqual([]);
    await user.selectOptions(within(dialog).getByRole('combobox', { name: /^Priority/ }), 'stat');
    const indication = within(dialog).getByRole('textbox', { name: /^Indication/ });
    await user.clear(indication);
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(body(calls(`PATCH ${ordersApi}/${ORDER_1}`)[0])).toEqual({
      test: 'Epilepsy gene panel',
      orderingClinician: 'Dr. Marie Curie',
      orderingInstitution: 'City Hospital',
      indication: null,
      phenotypeTerms: ['HP:0001250'],
      priority: 'stat',
      dueDate: '2025-03-10',
      externalId: 'LIS-42',
    });
    expect(statusMessage()).toBe('Order “Epilepsy gene panel” saved.');
    expect(screen.getAllByText('STAT').length).toBeGreaterThan(0);
  });

  it('shows a member without orders.manage no status, edit nor assignee controls', async () => {
    await openOrder(READER);
    expect(screen.queryByRole('group', { name: 'Order actions' })).toBeNull();
    for (const name of ['Start work', 'Cancel order', 'Edit details', 'Save assignees']) expect(screen.queryByRole('button', { name })).toBeNull();
    expect(screen.queryByRole('form', { name: 'Assignees' })).toBeNull();
    expect(within(screen.getByRole('region', { name: 'Assignees' })).getByText('Ada Lovelace')).toBeTruthy();
    expect(await axeViolations()).toEqual([]);
  });
});
