import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockFetch } from '../../test/fetchMock';
import { access, ALL_PERMISSIONS, ANALYST_PERMISSIONS, dashboard, ORG_ID, orgRoutes, OTHER_ORG_ID } from '../../test/orgFixtures';
import { renderApp } from '../../test/render';

function routes() {
  return {
    ...orgRoutes('Group Supervisor', ALL_PERMISSIONS),
    [`GET /api/organizations/${OTHER_ORG_ID}/me`]: () => json(200, access('Analyst', ANALYST_PERMISSIONS, [])),
    [`GET /api/organizations/${OTHER_ORG_ID}`]: () =>
      json(200, dashboard(ANALYST_PERMISSIONS, { id: OTHER_ORG_ID, name: 'Contoso Research Institute', myRole: { id: 'r2', name: 'Analyst' } })),
  };
}

describe('organization selector', () => {
  it('lists my organizations with my role in each and marks the current one', async () => {
    mockFetch(routes());
    renderApp(`/orgs/${ORG_ID}`);
    const u = userEvent.setup();

    const button = await screen.findByRole('button', { name: /Organization\s*Northwind Genomics Lab/ });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    await u.click(button);

    const menu = screen.getByRole('menu', { name: 'Switch organization' });
    const items = within(menu).getAllByRole('menuitemradio');
    expect(items.map((i) => i.textContent)).toEqual(['Northwind Genomics LabGroup Supervisor', 'Contoso Research InstituteAnalyst']);
    expect(items[0]!.getAttribute('aria-checked')).toBe('true');
    expect(items[1]!.getAttribute('aria-checked')).toBe('false');
    expect(document.activeElement).toBe(items[0]);
  });

  it('switching remembers the organization (PUT last-organization) and opens its dashboard', async () => {
    const { calls } = mockFetch(routes());
    renderApp(`/orgs/${ORG_ID}/workspaces`);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: /Northwind Genomics Lab/ }));
    await u.click(screen.getByRole('menuitemradio', { name: /Contoso Research Institute/ }));

    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe(`/orgs/${OTHER_ORG_ID}`));
    expect(await screen.findByRole('heading', { level: 1, name: 'Contoso Research Institute' })).toBeTruthy();
    const puts = calls('PUT /api/auth/me/last-organization');
    expect(puts).toHaveLength(1);
    expect(JSON.parse(puts[0]!.body)).toEqual({ organizationId: OTHER_ORG_ID });
    // The new organization's data is loaded under its own keys; the Analyst sees no Settings.
    expect(calls(`GET /api/organizations/${OTHER_ORG_ID}/me`)).toHaveLength(1);
    expect(within(screen.getByRole('navigation', { name: 'Organization' })).queryByRole('link', { name: 'Settings' })).toBeNull();
  });

  it('works with the keyboard: arrows move, Enter chooses, Escape closes', async () => {
    const { calls } = mockFetch(routes());
    renderApp(`/orgs/${ORG_ID}`);
    const u = userEvent.setup();

    const button = await screen.findByRole('button', { name: /Northwind Genomics Lab/ });
    button.focus();
    await u.keyboard('{Enter}');
    expect(screen.getByRole('menu')).toBeTruthy();
    await u.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);

    await u.keyboard('{ArrowDown}');
    await u.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(screen.getByRole('menuitemradio', { name: /Contoso/ }));
    await u.keyboard('{End}');
    expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'All organizations' }));
    await u.keyboard('{Home}');
    await u.keyboard('{ArrowUp}'); // wraps to the last item
    await u.keyboard('{ArrowUp}');
    await u.keyboard('{Enter}');

    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe(`/orgs/${OTHER_ORG_ID}`));
    expect(JSON.parse(calls('PUT /api/auth/me/last-organization')[0]!.body)).toEqual({ organizationId: OTHER_ORG_ID });
  });

  it('choosing the current organization changes nothing', async () => {
    const { calls } = mockFetch(routes());
    renderApp(`/orgs/${ORG_ID}/workspaces`);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: /Northwind Genomics Lab/ }));
    await u.click(screen.getByRole('menuitemradio', { name: /Northwind/ }));
    expect(screen.queryByRole('menu')).toBeNull();
    expect(screen.getByTestId('location').textContent).toBe(`/orgs/${ORG_ID}/workspaces`);
    expect(calls('PUT /api/auth/me/last-organization')).toHaveLength(0);
  });
});

describe('OrganizationSelector on its own', () => {
  it('itself calls PUT last-organization and navigates to the chosen dashboard', async () => {
    const { OrganizationSelector } = await import('./OrganizationSelector');
    const { renderWithProviders } = await import('../../test/render');
    const { calls } = mockFetch(routes());
    const { queryClient } = renderWithProviders(<OrganizationSelector currentOrgId={ORG_ID} />, { route: `/orgs/${ORG_ID}/settings` });
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: /Northwind Genomics Lab/ }));
    await u.click(screen.getByRole('menuitemradio', { name: /Contoso/ }));

    expect(screen.getByTestId('location').textContent).toBe(`/orgs/${OTHER_ORG_ID}`);
    await waitFor(() => expect(calls('PUT /api/auth/me/last-organization')).toHaveLength(1));
    expect(JSON.parse(calls('PUT /api/auth/me/last-organization')[0]!.body)).toEqual({ organizationId: OTHER_ORG_ID });
    expect((queryClient.getQueryData(['auth', 'me']) as { lastOrganizationId: string }).lastOrganizationId).toBe(OTHER_ORG_ID);
  });
});
