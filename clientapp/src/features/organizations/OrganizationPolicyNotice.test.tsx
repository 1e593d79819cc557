import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import {
  ORGANIZATION_REQUIRES_FRESH_SIGN_IN,
  ORGANIZATION_REQUIRES_LONGER_PASSWORD,
  ORGANIZATION_REQUIRES_TWO_FACTOR,
} from '../../api/problem';
import { axeViolations } from '../../test/axe';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { access, ALL_PERMISSIONS, ORG_ID, orgRoutes } from '../../test/orgFixtures';
import { renderApp } from '../../test/render';

const base = `/api/organizations/${ORG_ID}`;
const page = `/orgs/${ORG_ID}/security`;

const TWO_FACTOR_DETAIL = 'This organization requires two-factor sign-in. Turn it on in your profile, then sign in with a code.';
const FRESH_SIGN_IN_DETAIL = 'This organization asks you to sign in again after 8 hours. Sign out and sign in again.';
const LONGER_PASSWORD_DETAIL = 'This organization requires passwords of at least 16 characters. Change your password in your profile, then continue.';

function refusal(reason: string, detail: string) {
  return () => problem(403, { title: 'Forbidden', detail, reason });
}

function location() {
  return screen.getByTestId('location').textContent;
}

describe('An organization whose security policy my session does not meet', () => {
  it.each([
    [ORGANIZATION_REQUIRES_TWO_FACTOR, 'This organization requires two-factor sign-in', TWO_FACTOR_DETAIL, 'Set up two-factor sign-in', '/profile#profile-two-factor'],
    [ORGANIZATION_REQUIRES_LONGER_PASSWORD, 'This organization requires a longer password', LONGER_PASSWORD_DETAIL, 'Change your password', '/profile#profile-password'],
  ])('%s: says so with the server’s detail and links to the profile', async (reason, title, detail, action, href) => {
    mockFetch({ ...orgRoutes('Group Supervisor', ALL_PERMISSIONS), [`GET ${base}/me`]: refusal(reason, detail) });
    renderApp(`/orgs/${ORG_ID}`);

    expect(await screen.findByRole('heading', { level: 1, name: title })).toBeTruthy();
    expect(screen.getByText(detail)).toBeTruthy();
    expect(screen.getByRole('link', { name: action }).getAttribute('href')).toBe(href);
    expect(document.title).toBe(`${title} · VariantMiner`);
    // Not the page, nor the organization's navigation, nor a generic failure.
    expect(screen.queryByRole('navigation', { name: 'Organization' })).toBeNull();
    expect(screen.queryByText('The organization could not be loaded')).toBeNull();
    expect(await axeViolations()).toEqual([]);
  });

  it('asks to sign in again: signs out, then opens the sign-in page, which comes back to this page', async () => {
    const { calls } = mockFetch({
      ...orgRoutes('Group Supervisor', ALL_PERMISSIONS),
      [`GET ${base}/me`]: refusal(ORGANIZATION_REQUIRES_FRESH_SIGN_IN, FRESH_SIGN_IN_DETAIL),
      'POST /api/auth/logout': () => new Response(null, { status: 204 }),
    });
    renderApp(`${page}?tab=x`);
    const u = userEvent.setup();

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in again to continue' })).toBeTruthy();
    expect(screen.getByText(FRESH_SIGN_IN_DETAIL)).toBeTruthy();
    await u.click(screen.getByRole('button', { name: 'Sign out and sign in again' }));

    await waitFor(() => expect(location()).toBe(`/login?returnTo=${encodeURIComponent(`${page}?tab=x`)}`));
    expect(calls('POST /api/auth/logout')).toHaveLength(1);
  });

  it('shows the notice when a page’s own request is refused later (the policy changed, the session aged)', async () => {
    let accessReads = 0;
    mockFetch({
      ...orgRoutes('Group Supervisor', ALL_PERMISSIONS),
      // Met when the page opened, refused once the policy changed.
      [`GET ${base}/me`]: () =>
        ++accessReads === 1
          ? json(200, access('Group Supervisor', ALL_PERMISSIONS))
          : problem(403, { title: 'Forbidden', detail: TWO_FACTOR_DETAIL, reason: ORGANIZATION_REQUIRES_TWO_FACTOR }),
      [`GET ${base}/settings/security`]: refusal(ORGANIZATION_REQUIRES_TWO_FACTOR, TWO_FACTOR_DETAIL),
    });
    renderApp(page);

    expect(await screen.findByRole('heading', { level: 1, name: 'This organization requires two-factor sign-in' })).toBeTruthy();
    expect(accessReads).toBe(2);
    expect(screen.queryByText('The security policy could not be loaded')).toBeNull();
  });

  it('leads to the two-factor section of the profile, which gets the focus', async () => {
    mockFetch({
      ...orgRoutes('Group Supervisor', ALL_PERMISSIONS),
      [`GET ${base}/me`]: refusal(ORGANIZATION_REQUIRES_TWO_FACTOR, TWO_FACTOR_DETAIL),
      'GET /api/auth/me/two-factor': () => json(200, { enabled: false, recoveryCodesLeft: 0 }),
    });
    renderApp(`/orgs/${ORG_ID}`);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('link', { name: 'Set up two-factor sign-in' }));
    const section = await screen.findByRole('region', { name: 'Two-factor sign-in' });
    await waitFor(() => expect(document.activeElement).toBe(within(section).getByRole('heading', { name: 'Two-factor sign-in' })));
    expect(location()).toBe('/profile');
  });
});
