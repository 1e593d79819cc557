import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ANTIFORGERY_HEADER } from '../../api/client';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { statusMessage } from '../../test/helpers';
import { ALL_PERMISSIONS, ANALYST_PERMISSIONS, ORG_ID, orgRoutes } from '../../test/orgFixtures';
import { renderApp } from '../../test/render';

const base = `/api/organizations/${ORG_ID}`;
const defaults = [{ name: 'WGS' }, { name: 'WES' }, { name: 'Gene panel' }, { name: 'RNA-seq' }];

function nav() {
  return screen.getByRole('navigation', { name: 'Organization' });
}

/** The text of the elements an input's aria-describedby points to. */
function description(input: HTMLElement): string {
  return (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => (id ? (document.getElementById(id)?.textContent ?? '') : ''))
    .join(' ');
}

describe('Assays page', () => {
  it('is in the organization’s navigation for those who manage its settings, lists the assays and adds one', async () => {
    let list = defaults;
    const { calls } = mockFetch({
      ...orgRoutes('Group Admin', ALL_PERMISSIONS),
      [`GET ${base}/assays`]: () => json(200, list),
      [`POST ${base}/assays`]: (_r, body) => {
        list = [...list, JSON.parse(body) as { name: string }];
        return json(200, list);
      },
    });
    renderApp(`/orgs/${ORG_ID}`);
    const u = userEvent.setup();

    await u.click(await within(await screen.findByRole('navigation', { name: 'Organization' })).findByRole('link', { name: 'Assays' }));
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe(`/orgs/${ORG_ID}/assays`));
    const assays = await screen.findByRole('list', { name: '4 assays' });
    expect(within(assays).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['WGS', 'WES', 'Gene panel', 'RNA-seq']);

    await u.click(screen.getByRole('button', { name: 'Add assay' }));
    const dialog = screen.getByRole('dialog', { name: 'Add assay' });
    await u.type(within(dialog).getByLabelText('Assay name'), '  Cardiac panel v2 ');
    await u.click(within(dialog).getByRole('button', { name: 'Add assay' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const [post] = calls(`POST ${base}/assays`);
    expect(JSON.parse(post!.body)).toEqual({ name: 'Cardiac panel v2' });
    expect(post!.headers.get(ANTIFORGERY_HEADER)).toMatch(/^token-/);
    // The answer is the whole list: shown without reading it again.
    expect(within(screen.getByRole('list', { name: '5 assays' })).getByText('Cardiac panel v2')).toBeTruthy();
    expect(calls(`GET ${base}/assays`)).toHaveLength(1);
    expect(statusMessage()).toBe('Assay “Cardiac panel v2” added.');
  });

  it('shows a duplicate (409) next to the name, and other refusals from the problem details', async () => {
    let answer = () => problem(409, { title: 'Conflict', detail: 'The assay "WGS" is already on the list.' });
    mockFetch({
      ...orgRoutes('Group Admin', ALL_PERMISSIONS),
      [`GET ${base}/assays`]: () => json(200, defaults),
      [`POST ${base}/assays`]: () => answer(),
    });
    renderApp(`/orgs/${ORG_ID}/assays`);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Add assay' }));
    const dialog = screen.getByRole('dialog', { name: 'Add assay' });
    const name = within(dialog).getByLabelText('Assay name');
    await u.type(name, 'wgs');
    await u.click(within(dialog).getByRole('button', { name: 'Add assay' }));
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    expect(description(name)).toContain('The assay "WGS" is already on the list.');

    answer = () => problem(400, { title: 'One or more validation errors occurred.', errors: { Name: ['The name may not contain control characters.'] } });
    await u.click(within(dialog).getByRole('button', { name: 'Add assay' }));
    await waitFor(() => expect(description(name)).toContain('The name may not contain control characters.'));

    answer = () => problem(403, { title: 'Forbidden', detail: 'Your role does not include managing organization settings.' });
    await u.click(within(dialog).getByRole('button', { name: 'Add assay' }));
    const alert = await within(dialog).findByRole('alert');
    await waitFor(() => expect(alert.textContent).toContain('Your role does not include managing organization settings.'));
    expect(alert.textContent).toContain('The assay could not be added');
  });

  it('checks the name before sending it (required, at most 64 characters)', async () => {
    const { calls } = mockFetch({ ...orgRoutes('Group Admin', ALL_PERMISSIONS), [`GET ${base}/assays`]: () => json(200, defaults) });
    renderApp(`/orgs/${ORG_ID}/assays`);
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Add assay' }));
    const dialog = screen.getByRole('dialog', { name: 'Add assay' });
    const name = within(dialog).getByLabelText('Assay name');
    await u.click(within(dialog).getByRole('button', { name: 'Add assay' }));
    expect(description(name)).toContain('Enter a name for the assay.');
    await u.type(name, 'x'.repeat(65));
    await u.click(within(dialog).getByRole('button', { name: 'Add assay' }));
    expect(description(name)).toContain('Use at most 64 characters.');
    expect(calls(`POST ${base}/assays`)).toHaveLength(0);
  });

  it('has no nav entry and no "Add assay" without organization.settings.manage; the list can still be read', async () => {
    mockFetch({ ...orgRoutes('Analyst', ANALYST_PERMISSIONS), [`GET ${base}/assays`]: () => json(200, defaults) });
    renderApp(`/orgs/${ORG_ID}/assays`);

    expect(await screen.findByRole('list', { name: '4 assays' })).toBeTruthy();
    expect(within(nav()).queryByRole('link', { name: 'Assays' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add assay' })).toBeNull();
    expect(screen.getByText(/Adding assays takes the permission to manage the organization’s settings/)).toBeTruthy();
  });

  it('offers to try again when the list cannot be loaded', async () => {
    mockFetch({ ...orgRoutes('Group Admin', ALL_PERMISSIONS), [`GET ${base}/assays`]: () => problem(500, { title: 'Server error' }) });
    renderApp(`/orgs/${ORG_ID}/assays`);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Assays could not be loaded');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});
