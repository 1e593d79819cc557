import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { SecurityPolicy } from '../../api/types';
import { axeViolations } from '../../test/axe';
import { json, mockFetch, problem, type Handler } from '../../test/fetchMock';
import { statusMessage } from '../../test/helpers';
import { ALL_PERMISSIONS, ANALYST_PERMISSIONS, ORG_ID, orgRoutes } from '../../test/orgFixtures';
import { renderApp } from '../../test/render';

const base = `/api/organizations/${ORG_ID}`;
const page = `/orgs/${ORG_ID}/security`;

/** The installation's defaults. */
const defaults: SecurityPolicy = {
  minimumPasswordLength: 12,
  requireTwoFactor: false,
  maxSessionHours: null,
  maxIdleMinutes: null,
  personalAccessTokensAllowed: true,
  maxTokenLifetimeDays: 90,
};

function withPolicy(policy: SecurityPolicy, routes: Record<string, Handler> = {}) {
  return { [`GET ${base}/settings/security`]: () => json(200, policy), ...routes };
}

/** The text of the elements an element's aria-describedby points to. */
function description(element: HTMLElement): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

describe('Security page', () => {
  it('shows the policy read-only to a member without organization.settings.manage, linked from the navigation', async () => {
    const { calls } = mockFetch({
      ...orgRoutes('Analyst', ANALYST_PERMISSIONS),
      ...withPolicy({ ...defaults, minimumPasswordLength: 16, requireTwoFactor: true, maxSessionHours: 8, maxIdleMinutes: 30, maxTokenLifetimeDays: 30 }),
    });
    renderApp(`/orgs/${ORG_ID}`);
    const u = userEvent.setup();

    const nav = await screen.findByRole('navigation', { name: 'Organization' });
    await u.click(within(nav).getByRole('link', { name: 'Security' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Security' })).toBeTruthy();
    expect(screen.getByText('You can view the security policy but not change it')).toBeTruthy();
    const policy = within(await screen.findByRole('region', { name: 'Sign-in requirements' }));
    expect(policy.getByText('Minimum password length').nextElementSibling?.textContent).toBe('16 characters');
    expect(policy.getByText('Two-factor sign-in').nextElementSibling?.textContent).toBe('Required');
    expect(policy.getByText('Sign in again after').nextElementSibling?.textContent).toBe('8 hours');
    expect(policy.getByText('Sign in again when unused for').nextElementSibling?.textContent).toBe('30 minutes');
    expect(policy.getByText('Personal access tokens').nextElementSibling?.textContent).toBe('Allowed');
    expect(policy.getByText('Longest token lifetime').nextElementSibling?.textContent).toBe('30 days');
    expect(screen.queryByRole('form', { name: 'Security policy' })).toBeNull();
    expect(document.title).toBe('Security · VariantMiner');
    expect(calls(`GET ${base}/settings/security`)).toHaveLength(1);
    expect(await axeViolations()).toEqual([]);
  });

  it('checks the numbers, then saves the policy and says so', async () => {
    const { calls } = mockFetch({
      ...orgRoutes('Group Supervisor', ALL_PERMISSIONS),
      ...withPolicy(
        { ...defaults, maxSessionHours: 24 },
        { [`PUT ${base}/settings/security`]: (_r: Request, body: string) => json(200, JSON.parse(body)) },
      ),
    });
    renderApp(page);
    const u = userEvent.setup();

    const form = await screen.findByRole('form', { name: 'Security policy' });
    const length = within(form).getByLabelText('Minimum password length') as HTMLInputElement;
    const sessionHours = within(form).getByLabelText('Sign in again after (hours)') as HTMLInputElement;
    const idleMinutes = within(form).getByLabelText('Sign in again when unused for (minutes)') as HTMLInputElement;
    const tokenDays = within(form).getByLabelText('Longest token lifetime (days)') as HTMLInputElement;
    expect(length.value).toBe('12');
    expect(idleMinutes.value).toBe('');
    expect(description(length)).toContain('At least the installation’s 12');
    expect((within(form).getByRole('checkbox', { name: 'Require two-factor sign-in' }) as HTMLInputElement).checked).toBe(false);
    expect(sessionHours.value).toBe('24');
    expect((within(form).getByRole('checkbox', { name: 'Allow personal access tokens' }) as HTMLInputElement).checked).toBe(true);
    expect(tokenDays.value).toBe('90');
    expect(tokenDays.disabled).toBe(false);
    expect(await axeViolations()).toEqual([]);

    await u.clear(length);
    await u.type(length, '11');
    await u.clear(sessionHours);
    await u.type(sessionHours, '721');
    await u.type(idleMinutes, '4');
    await u.clear(tokenDays);
    await u.type(tokenDays, '367');
    await u.click(within(form).getByRole('button', { name: 'Save security policy' }));
    expect(description(length)).toContain('Enter a whole number of characters from 12 to 128.');
    expect(description(sessionHours)).toContain('Enter a whole number of hours from 1 to 720');
    expect(description(idleMinutes)).toContain('Enter a whole number of minutes from 5 to 1440');
    expect(description(tokenDays)).toContain('Enter a whole number of days from 1 to 366.');
    expect(document.activeElement).toBe(length);
    expect(calls(`PUT ${base}/settings/security`)).toHaveLength(0);

    // Empty hours: the installation's limit.
    await u.clear(length);
    await u.type(length, '16');
    await u.clear(sessionHours);
    await u.clear(idleMinutes);
    await u.type(idleMinutes, '30');
    await u.clear(tokenDays);
    await u.type(tokenDays, '30');
    await u.click(within(form).getByRole('button', { name: 'Save security policy' }));
    await waitFor(() => expect(statusMessage()).toBe('Security policy saved.'));
    expect(JSON.parse(calls(`PUT ${base}/settings/security`)[0]!.body)).toEqual({
      minimumPasswordLength: 16,
      requireTwoFactor: false,
      maxSessionHours: null,
      maxIdleMinutes: 30,
      personalAccessTokensAllowed: true,
      maxTokenLifetimeDays: 30,
    });
  });

  it('turns personal access tokens off after confirming: the lifetime is disabled, not checked, and its saved value is sent', async () => {
    const { calls } = mockFetch({
      ...orgRoutes('Group Supervisor', ALL_PERMISSIONS),
      ...withPolicy(defaults, { [`PUT ${base}/settings/security`]: (_r: Request, body: string) => json(200, JSON.parse(body)) }),
    });
    renderApp(page);
    const u = userEvent.setup();

    const form = await screen.findByRole('form', { name: 'Security policy' });
    const tokens = within(form).getByRole('checkbox', { name: 'Allow personal access tokens' });
    const tokenDays = within(form).getByLabelText('Longest token lifetime (days)') as HTMLInputElement;
    expect(description(tokens)).toContain('each works only for this organization’s API');
    expect(description(tokens)).toContain('Turning this off stops every existing token at once.');
    await u.clear(tokenDays);
    await u.type(tokenDays, 'soon');
    await u.click(tokens);
    expect(tokenDays.disabled).toBe(true);

    await u.click(within(form).getByRole('button', { name: 'Save security policy' }));
    // Every token stops at once: asked first, and cancelling sends nothing.
    await u.click(within(screen.getByRole('dialog', { name: 'Stop personal access tokens?' })).getByRole('button', { name: 'Cancel' }));
    expect(calls(`PUT ${base}/settings/security`)).toHaveLength(0);
    await u.click(within(form).getByRole('button', { name: 'Save security policy' }));
    const dialog = screen.getByRole('dialog', { name: 'Stop personal access tokens?' });
    expect(dialog.textContent).toContain('Every personal access token of this organization stops working at once');
    await u.click(within(dialog).getByRole('button', { name: 'Stop every token' }));
    await waitFor(() => expect(statusMessage()).toBe('Security policy saved.'));
    expect(tokenDays.getAttribute('aria-invalid')).toBeNull();
    expect(JSON.parse(calls(`PUT ${base}/settings/security`)[0]!.body)).toEqual({ ...defaults, personalAccessTokensAllowed: false });
  });

  it('shows the server’s field errors next to their fields', async () => {
    mockFetch({
      ...orgRoutes('Group Supervisor', ALL_PERMISSIONS),
      ...withPolicy(
        defaults,
        {
          [`PUT ${base}/settings/security`]: () =>
            problem(400, {
              title: 'One or more validation errors occurred.',
              errors: {
                MinimumPasswordLength: ['Your own password is shorter than this: change it first, otherwise this would lock you out.'],
                MaxSessionHours: ['Between 1 and 720 hours, or empty for the installation’s limit.'],
                PersonalAccessTokensAllowed: ['The personalAccessTokensAllowed field is required.'],
                MaxTokenLifetimeDays: ['Between 1 and 366 days.'],
              },
            }),
        },
      ),
    });
    renderApp(page);
    const u = userEvent.setup();

    const form = await screen.findByRole('form', { name: 'Security policy' });
    const length = within(form).getByLabelText('Minimum password length');
    await u.clear(length);
    await u.type(length, '40');
    await u.click(within(form).getByRole('button', { name: 'Save security policy' }));

    await waitFor(() => expect(length.getAttribute('aria-invalid')).toBe('true'));
    expect(description(length)).toContain('Your own password is shorter than this');
    expect(description(within(form).getByLabelText('Sign in again after (hours)'))).toContain('Between 1 and 720 hours');
    const tokens = within(form).getByRole('checkbox', { name: 'Allow personal access tokens' });
    expect(tokens.getAttribute('aria-invalid')).toBe('true');
    expect(description(tokens)).toContain('The personalAccessTokensAllowed field is required.');
    const tokenDays = within(form).getByLabelText('Longest token lifetime (days)');
    expect(tokenDays.getAttribute('aria-invalid')).toBe('true');
    expect(description(tokenDays)).toContain('Between 1 and 366 days.');
    expect(document.activeElement).toBe(length);
    expect(within(form).getByRole('alert').textContent).toContain('Check the highlighted fields and try again.');
  });

  it('asks before requiring two-factor sign-in, and shows a refusal on the check-box', async () => {
    const { calls } = mockFetch({
      ...orgRoutes('Group Supervisor', ALL_PERMISSIONS),
      ...withPolicy(
        defaults,
        {
          [`PUT ${base}/settings/security`]: () =>
            problem(400, {
              title: 'One or more validation errors occurred.',
              errors: {
                RequireTwoFactor: ['Turn on two-factor sign-in for yourself and sign in with a code first: otherwise this would lock you out.'],
              },
            }),
        },
      ),
    });
    renderApp(page);
    const u = userEvent.setup();

    const form = await screen.findByRole('form', { name: 'Security policy' });
    const twoFactor = within(form).getByRole('checkbox', { name: 'Require two-factor sign-in' });
    expect(description(twoFactor)).toContain('must turn it on in their profile and sign in with a code before they can act');
    await u.click(twoFactor);

    // Cancelling sends nothing.
    await u.click(within(form).getByRole('button', { name: 'Save security policy' }));
    await u.click(within(screen.getByRole('dialog', { name: 'Require two-factor sign-in?' })).getByRole('button', { name: 'Cancel' }));
    expect(calls(`PUT ${base}/settings/security`)).toHaveLength(0);

    await u.click(within(form).getByRole('button', { name: 'Save security policy' }));
    const dialog = screen.getByRole('dialog', { name: 'Require two-factor sign-in?' });
    expect(dialog.textContent).toContain('will be stopped in this organization until they set it up');
    expect(await axeViolations('[role="dialog"]')).toEqual([]);
    await u.click(within(dialog).getByRole('button', { name: 'Require two-factor sign-in' }));

    await waitFor(() => expect(twoFactor.getAttribute('aria-invalid')).toBe('true'));
    expect(description(twoFactor)).toContain('Turn on two-factor sign-in for yourself and sign in with a code first');
    expect(document.activeElement).toBe(twoFactor);
    expect(JSON.parse(calls(`PUT ${base}/settings/security`)[0]!.body)).toEqual({
      minimumPasswordLength: 12,
      requireTwoFactor: true,
      maxSessionHours: null,
      maxIdleMinutes: null,
      personalAccessTokensAllowed: true,
      maxTokenLifetimeDays: 90,
    });
  });
});
