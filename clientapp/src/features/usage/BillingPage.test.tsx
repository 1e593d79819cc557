import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../../test/axe';
import { json, mockFetch, problem, type Handler } from '../../test/fetchMock';
import { statusMessage } from '../../test/helpers';
import { ALL_PERMISSIONS, ORG_ID } from '../../test/orgFixtures';
import { ADMIN_PERMISSIONS } from '../../test/peopleFixtures';
import { renderApp } from '../../test/render';
import { QUOTA_EXPLANATION } from './BillingPage';
import {
  billingPage,
  billingSettings,
  GET_BILLING,
  GET_STATEMENTS,
  PUT_BILLING,
  statementPage,
  usagePage,
  usageRoutes,
} from './usageFixtures';

/** A billing manager's server; a PUT answers the settings with the quota it was sent unless `put` says otherwise. */
function server(put?: Handler) {
  return mockFetch(
    usageRoutes('Group Supervisor', ALL_PERMISSIONS, {
      [PUT_BILLING]:
        put ??
        ((_request, body) => json(200, billingSettings({ processingHoursQuota: (JSON.parse(body) as { processingHoursQuota: number | null }).processingHoursQuota }))),
    }),
  );
}

function form() {
  return screen.getByRole('form', { name: 'Processing quota' });
}

function quotaInput() {
  return within(form()).getByLabelText('CPU hours a month') as HTMLInputElement;
}

/** The text of the elements an element's aria-describedby points to. */
function description(element: HTMLElement): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

describe('Billing page', () => {
  it('is linked under the settings, shows the plan’s prices (read-only), the use against the quotas and the statements', async () => {
    server();
    renderApp(`/orgs/${ORG_ID}`);
    const u = userEvent.setup();

    const nav = await screen.findByRole('navigation', { name: 'Organization' });
    await u.click(within(nav).getByRole('link', { name: 'Billing' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Billing' })).toBeTruthy();
    expect(screen.getByTestId('location').textContent).toBe(billingPage);
    await waitFor(() => expect(document.title).toBe('Billing · VariantMiner'));
    expect(within(nav).getByRole('link', { name: 'Billing' }).getAttribute('aria-current')).toBe('page');
    expect(within(nav).getByRole('link', { name: 'Settings' }).getAttribute('aria-current')).toBeNull();

    const plan = await screen.findByRole('region', { name: 'Plan and prices' });
    expect(plan.textContent).toContain('set by the platform administrator');
    const terms = [...plan.querySelectorAll('dt')].map((dt) => `${dt.textContent}: ${dt.nextElementSibling?.textContent}`);
    expect(terms).toEqual([
      'Plan: Standard',
      'Monthly fee: €49.00',
      'Storage: €0.023 per GB-month',
      'Processing: €0.12 per CPU hour',
      'Samples: €2.50 per sample',
    ]);
    // Nothing there to edit.
    expect(within(plan).queryByRole('textbox')).toBeNull();
    expect(within(plan).queryByRole('spinbutton')).toBeNull();

    const use = screen.getByRole('region', { name: 'Current use' });
    expect(within(use).getByRole('meter', { name: 'Storage used' }).getAttribute('aria-valuetext')).toBe('12.3 GB of 100 GB (12 %)');
    expect(within(use).getByRole('meter', { name: 'Processing this month' }).getAttribute('aria-valuetext')).toBe('41.5 of 100 CPU hours (42 %)');
    expect(within(use).getByRole('link', { name: 'Usage over time' }).getAttribute('href')).toBe(usagePage);

    expect(quotaInput().value).toBe('100');
    expect((within(form()).getByRole('checkbox', { name: 'No limit' }) as HTMLInputElement).checked).toBe(false);
    expect(within(form()).getByText(QUOTA_EXPLANATION)).toBeTruthy();
    expect(QUOTA_EXPLANATION).toBe(
      'At 80 %, 95 % and 100 % the people who manage billing are told; at 100 % new analyses are refused until next month or until the quota is raised; running ones finish.',
    );

    const statements = within(screen.getByRole('region', { name: 'Statements' })).getByRole('table', { name: 'Monthly statements, newest first' });
    expect(
      within(statements)
        .getAllByRole('row')
        .map((row) => [...row.querySelectorAll('th, td')].map((c) => c.textContent).join(' | ')),
    ).toEqual(['Month | Status | Total', 'Statement of Nov 2026 | Open | €61.48', 'Statement of Oct 2026 | Closed | €74.00']);
    expect(await axeViolations()).toEqual([]);

    await u.click(within(statements).getByRole('link', { name: 'Statement of Oct 2026' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Statement 2026-10' })).toBeTruthy();
    expect(screen.getByTestId('location').textContent).toBe(statementPage('2026-10'));
    // The statement's page keeps Billing marked in the navigation.
    expect(within(nav).getByRole('link', { name: 'Billing' }).className).toContain('subnav__link--active');
  });

  it('saves the quota in CPU hours (PUT {processingHoursQuota})', async () => {
    const { calls } = server();
    renderApp(billingPage);
    const u = userEvent.setup();

    await screen.findByRole('form', { name: 'Processing quota' });
    await u.clear(quotaInput());
    await u.type(quotaInput(), '250.5');
    await u.click(within(form()).getByRole('button', { name: 'Save quota' }));

    await waitFor(() => expect(statusMessage()).toBe('Processing quota saved: 250.5 CPU hours a month.'));
    expect(calls(PUT_BILLING)).toHaveLength(1);
    expect(JSON.parse(calls(PUT_BILLING)[0]!.body)).toEqual({ processingHoursQuota: 250.5 });
    expect(within(screen.getByRole('region', { name: 'Current use' })).getByRole('meter', { name: 'Processing this month' }).getAttribute('aria-valuetext')).toBe(
      '41.5 of 250.5 CPU hours (17 %)',
    );
  });

  it('“No limit” sends null', async () => {
    const { calls } = server();
    renderApp(billingPage);
    const u = userEvent.setup();

    await screen.findByRole('form', { name: 'Processing quota' });
    await u.click(within(form()).getByRole('checkbox', { name: 'No limit' }));
    expect(quotaInput().disabled).toBe(true);
    await u.click(within(form()).getByRole('button', { name: 'Save quota' }));

    await waitFor(() => expect(statusMessage()).toBe('Processing quota removed: no limit.'));
    expect(JSON.parse(calls(PUT_BILLING)[0]!.body)).toEqual({ processingHoursQuota: null });
    expect(await screen.findByText('41.5 CPU hours · no processing quota')).toBeTruthy();
  });

  it('shows the server’s refusal of the quota on its field, and asks for a number before sending', async () => {
    const refusal = 'A processing quota is a number of hours above 0 (at most 1,000,000), or none.';
    const { calls } = server(() => problem(400, { title: 'One or more validation errors occurred.', errors: { processingHoursQuota: [refusal] } }));
    renderApp(billingPage);
    const u = userEvent.setup();

    await screen.findByRole('form', { name: 'Processing quota' });
    await u.clear(quotaInput());
    await u.click(within(form()).getByRole('button', { name: 'Save quota' }));
    expect(quotaInput().getAttribute('aria-invalid')).toBe('true');
    expect(description(quotaInput())).toContain('Enter the CPU hours a month may use, such as 500, or choose “No limit”.');
    expect(calls(PUT_BILLING)).toHaveLength(0);

    await u.type(quotaInput(), '0');
    await u.click(within(form()).getByRole('button', { name: 'Save quota' }));
    await waitFor(() => expect(description(quotaInput())).toContain(refusal));
    expect(JSON.parse(calls(PUT_BILLING)[0]!.body)).toEqual({ processingHoursQuota: 0 });
    expect(quotaInput().getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(quotaInput());
    expect(within(form()).getByRole('alert').textContent).toContain('The processing quota could not be saved');
    expect(statusMessage()).toBe('');
    expect(await axeViolations()).toEqual([]);
  });

  it('shows a refusal that is not about the field in the form’s alert', async () => {
    server(() => problem(409, { title: 'Conflict', detail: 'The billing arrangement changed meanwhile; reload the page.' }));
    renderApp(billingPage);
    const u = userEvent.setup();

    await screen.findByRole('form', { name: 'Processing quota' });
    await u.click(within(form()).getByRole('button', { name: 'Save quota' }));
    expect((await within(form()).findByRole('alert')).textContent).toContain('The billing arrangement changed meanwhile; reload the page.');
  });

  it('is neither linked nor loaded without organization.billing.manage', async () => {
    const { calls } = mockFetch(usageRoutes('Group Admin', ADMIN_PERMISSIONS));
    renderApp(billingPage);

    expect(await screen.findByText('You cannot manage this organization’s billing')).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Organization' });
    expect(within(nav).queryByRole('link', { name: 'Billing' })).toBeNull();
    expect(screen.queryByRole('form', { name: 'Processing quota' })).toBeNull();
    expect(calls(GET_BILLING)).toHaveLength(0);
    expect(calls(GET_STATEMENTS)).toHaveLength(0);
    expect(await axeViolations()).toEqual([]);
  });
});
