import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../../test/axe';
import { mockFetch, problem } from '../../test/fetchMock';
import { ALL_PERMISSIONS, ANALYST_PERMISSIONS, ORG_ID } from '../../test/orgFixtures';
import { renderApp } from '../../test/render';
import { GET_MY_USAGE, GET_USAGE, myUsagePage, usagePage, usageRoutes } from './usageFixtures';

/** The texts of a table's rows (cells joined by " | "), header row first. */
function rows(table: HTMLElement): string[] {
  return within(table)
    .getAllByRole('row')
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim()).join(' | '));
}

describe('My usage page', () => {
  it('is every member’s: linked as “My usage”, a bar chart of the processing hours and the table of every month', async () => {
    const { calls } = mockFetch(usageRoutes('Analyst', ANALYST_PERMISSIONS));
    renderApp(`/orgs/${ORG_ID}`);
    const u = userEvent.setup();

    const nav = await screen.findByRole('navigation', { name: 'Organization' });
    await u.click(within(nav).getByRole('link', { name: 'My usage' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'My usage' })).toBeTruthy();
    expect(screen.getByTestId('location').textContent).toBe(myUsagePage);
    await waitFor(() => expect(document.title).toBe('My usage · VariantMiner'));
    // No way to the organization's usage without the permission.
    expect(screen.queryByRole('link', { name: 'The organization’s usage' })).toBeNull();

    const table = await screen.findByRole('table', { name: 'Your usage per month' });
    expect(calls(GET_MY_USAGE).map((c) => c.path)).toEqual([`/api/organizations/${ORG_ID}/usage/me`]);
    expect(calls(GET_USAGE)).toHaveLength(0);
    expect(rows(table)).toEqual([
      'Month | Processing (CPU hours) | Wall-clock hours | Analyses | Samples | Uploaded',
      'Sep 2026 | 0 | 0 | 0 | 0 | 0 B',
      'Oct 2026 | 7.25 | 2.5 | 3 | 2 | 4.5 GB',
      'Nov 2026 | 12.5 | 4 | 4 | 1 | 1.3 GB',
      'Total | 19.75 | 6.5 | 7 | 3 | 5.8 GB',
    ]);

    const chart = within(screen.getByRole('figure', { name: 'Processing hours per month' })).getByRole('img');
    expect(chart.getAttribute('aria-label')).toBe(
      'Bar chart of the processing hours (CPU) of your analyses per month from Sep 2026 to Nov 2026. The figures are in the table below.',
    );
    expect(chart.querySelectorAll('.recharts-bar').length).toBe(1);
    expect(await axeViolations()).toEqual([]);
  });

  it('asks for the months chosen and keeps them in the address', async () => {
    const { calls } = mockFetch(usageRoutes('Analyst', ANALYST_PERMISSIONS));
    renderApp(myUsagePage);
    const u = userEvent.setup();

    await screen.findByRole('table', { name: 'Your usage per month' });
    expect((screen.getByLabelText('From') as HTMLInputElement).value).toBe('2026-09');
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-10' } });
    await u.click(screen.getByRole('button', { name: 'Show' }));

    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe(`${myUsagePage}?from=2026-10&to=2026-11`));
    await waitFor(() => expect(calls(GET_MY_USAGE).at(-1)?.path).toBe(`/api/organizations/${ORG_ID}/usage/me?from=2026-10&to=2026-11`));
    await waitFor(() => expect(rows(screen.getByRole('table', { name: 'Your usage per month' }))).toHaveLength(1 + 2 + 1));
  });

  it('links to the organization’s usage for organization.analytics.view holders (their navigation says “Usage”)', async () => {
    mockFetch(usageRoutes('Group Supervisor', ALL_PERMISSIONS));
    renderApp(myUsagePage);

    await screen.findByRole('table', { name: 'Your usage per month' });
    expect(screen.getByRole('link', { name: 'The organization’s usage' }).getAttribute('href')).toBe(usagePage);
    const nav = screen.getByRole('navigation', { name: 'Organization' });
    expect(within(nav).queryByRole('link', { name: 'My usage' })).toBeNull();
    expect(within(nav).getByRole('link', { name: 'Usage' }).className).toContain('subnav__link--active');
  });

  it('shows the problem’s detail when it cannot be loaded', async () => {
    mockFetch(
      usageRoutes('Analyst', ANALYST_PERMISSIONS, {
        [GET_MY_USAGE]: () => problem(500, { title: 'Internal Server Error', detail: 'The usage could not be read.' }),
      }),
    );
    renderApp(myUsagePage);
    expect(await screen.findByText('The usage could not be read.')).toBeTruthy();
    expect(screen.getByText('Your usage could not be loaded')).toBeTruthy();
  });
});
