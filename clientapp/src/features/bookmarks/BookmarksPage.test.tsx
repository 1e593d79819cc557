import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { RUN_2, runPath, samplePath } from '../../test/analysisFixtures';
import { axeViolations } from '../../test/axe';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { statusMessage } from '../../test/helpers';
import { ANALYST_PERMISSIONS, ORG_ID, orgRoutes, WS_GENERAL } from '../../test/orgFixtures';
import { renderApp } from '../../test/render';
import { variantPath } from '../../test/variantFixtures';
import { REPORT_1, reportPath } from '../reports/reportFixtures';
import type { Bookmark } from './api';
import { bookmark, bookmarkItems, bookmarkRoutes, bookmarksApi, bookmarksPage } from './bookmarkFixtures';

/** An Analyst of ORG_ID (every member has this page) with `items`. */
function server(items: Bookmark[] = bookmarkItems()) {
  return mockFetch({ ...orgRoutes('Analyst', ANALYST_PERMISSIONS), ...bookmarkRoutes(items) });
}

function listCard() {
  return screen.getByRole('region', { name: 'Your bookmarks' });
}

function location() {
  return screen.getByTestId('location').textContent;
}

describe('Bookmarks page', () => {
  it('is in every member’s navigation and lists my bookmarks, newest first, each a link with its kind and date', async () => {
    const { calls } = server();
    renderApp(`/orgs/${ORG_ID}/activity`);
    const u = userEvent.setup();

    const nav = await screen.findByRole('navigation', { name: 'Organization' });
    await u.click(within(nav).getByRole('link', { name: 'Bookmarks' }));
    expect(location()).toBe(bookmarksPage);
    expect(await screen.findByRole('heading', { level: 1, name: 'Bookmarks' })).toBeTruthy();
    await waitFor(() => expect(document.title).toBe('Bookmarks · VariantMiner'));

    const list = await within(listCard()).findByRole('list', { name: 'Bookmarks' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((i) => within(i).getByRole('link').textContent)).toEqual([
      'BRCA1 c.5266C>T',
      'NA12878',
      'Germline calling of NA12878',
      'Hereditary breast cancer panel',
    ]);
    expect(items.map((i) => within(i).getByRole('link').getAttribute('href'))).toEqual([variantPath(1), samplePath, runPath(RUN_2), reportPath(REPORT_1)]);
    expect(items[0]!.textContent).toContain('VariantBookmarked 5 minutes ago');
    expect(items[1]!.textContent).toContain('SampleBookmarked 1 hour ago');
    expect(items[2]!.textContent).toContain('AnalysisBookmarked 2 days ago');
    expect(items[3]!.textContent).toContain('ReportBookmarked 3 days ago');
    expect(within(items[1]!).getByRole('button', { name: 'Remove: NA12878' })).toBeTruthy();
    expect(within(listCard()).getByText('4 bookmarks')).toBeTruthy();
    expect(calls(`GET ${bookmarksApi}`)).toHaveLength(1);
    expect(await axeViolations()).toEqual([]);
  });

  it('filters by kind, kept in the address', async () => {
    server();
    renderApp(bookmarksPage);
    const u = userEvent.setup();

    await within(await screen.findByRole('region', { name: 'Your bookmarks' })).findByRole('list', { name: 'Bookmarks' });
    const kind = within(listCard()).getByRole('combobox', { name: 'Kind' });
    await u.selectOptions(kind, 'Samples');
    expect(location()).toBe(`${bookmarksPage}?kind=sample`);
    const samples = within(listCard()).getByRole('list', { name: 'Bookmarked samples' });
    expect(within(samples).getAllByRole('listitem').map((i) => within(i).getByRole('link').textContent)).toEqual(['NA12878']);
    expect(within(listCard()).getByText('1 bookmarked sample')).toBeTruthy();
    expect(await axeViolations()).toEqual([]);

    await u.click(within(listCard()).getByRole('button', { name: 'Clear filters' }));
    expect(location()).toBe(bookmarksPage);
    expect(within(within(listCard()).getByRole('list', { name: 'Bookmarks' })).getAllByRole('listitem')).toHaveLength(4);
  });

  it('opens with the kind of a shared address, and says how to bookmark when there is none of that kind', async () => {
    server(bookmarkItems().filter((b) => b.kind !== 'report'));
    renderApp(`${bookmarksPage}?kind=variant`);

    const list = await within(await screen.findByRole('region', { name: 'Your bookmarks' })).findByRole('list', { name: 'Bookmarked variants' });
    expect(within(list).getAllByRole('listitem').map((i) => within(i).getByRole('link').textContent)).toEqual(['BRCA1 c.5266C>T']);
    expect((within(listCard()).getByRole('combobox', { name: 'Kind' }) as HTMLSelectElement).value).toBe('variant');

    const u = userEvent.setup();
    await u.selectOptions(within(listCard()).getByRole('combobox', { name: 'Kind' }), 'Reports');
    expect(location()).toBe(`${bookmarksPage}?kind=report`);
    expect(within(listCard()).getByText('No bookmarked reports')).toBeTruthy();
    expect(within(listCard()).getByText('Use the star on a report’s page to bookmark it: it is listed here.')).toBeTruthy();
  });

  it('ignores a kind it does not know in the address', async () => {
    server();
    renderApp(`${bookmarksPage}?kind=planet`);
    const list = await within(await screen.findByRole('region', { name: 'Your bookmarks' })).findByRole('list', { name: 'Bookmarks' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(4);
  });

  it('explains how to bookmark when there are none yet', async () => {
    server([]);
    renderApp(bookmarksPage);

    expect(await screen.findByText('No bookmarks yet')).toBeTruthy();
    expect(screen.getByText(/Use the star on a sample, analysis, variant or report/)).toBeTruthy();
    expect(within(listCard()).queryByRole('list')).toBeNull();
    expect(await axeViolations()).toEqual([]);
  });

  it('removes one without asking: a DELETE, announced, the focus on the next one', async () => {
    const items = bookmarkItems();
    const { calls } = server(items);
    renderApp(bookmarksPage);
    const u = userEvent.setup();

    const list = await within(await screen.findByRole('region', { name: 'Your bookmarks' })).findByRole('list', { name: 'Bookmarks' });
    await u.click(within(list).getByRole('button', { name: 'Remove: NA12878' }));
    await waitFor(() => expect(statusMessage()).toBe('“NA12878” removed from your bookmarks.'));
    expect(calls(`DELETE ${bookmarksApi}/bm-2`)).toHaveLength(1);
    expect(within(list).getAllByRole('listitem').map((i) => within(i).getByRole('link').textContent)).toEqual([
      'BRCA1 c.5266C>T',
      'Germline calling of NA12878',
      'Hereditary breast cancer panel',
    ]);
    expect(document.activeElement).toBe(within(list).getByRole('button', { name: 'Remove: Germline calling of NA12878' }));
    expect(within(listCard()).getByText('3 bookmarks')).toBeTruthy();
    expect(await axeViolations()).toEqual([]);
  });

  it('says why a removal was refused, and keeps the bookmark', async () => {
    const items = [bookmark('bm-1', { kind: 'sample', workspaceId: WS_GENERAL, targetId: 's' }, 'NA12878', samplePath)];
    mockFetch({
      ...orgRoutes('Analyst', ANALYST_PERMISSIONS),
      ...bookmarkRoutes(items),
      [`DELETE ${bookmarksApi}/bm-1`]: () => problem(500, { title: 'Server error', detail: 'Try again later.' }),
    });
    renderApp(bookmarksPage);
    const u = userEvent.setup();

    const list = await within(await screen.findByRole('region', { name: 'Your bookmarks' })).findByRole('list', { name: 'Bookmarks' });
    await u.click(within(list).getByRole('button', { name: 'Remove: NA12878' }));
    const alert = await within(listCard()).findByRole('alert');
    expect(alert.textContent).toContain('The bookmark could not be removed');
    expect(alert.textContent).toContain('Try again later.');
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
  });

  it('says so when my bookmarks cannot be loaded, and loads them again on request', async () => {
    let fail = true;
    const items = bookmarkItems();
    mockFetch({
      ...orgRoutes('Analyst', ANALYST_PERMISSIONS),
      ...bookmarkRoutes(items),
      [`GET ${bookmarksApi}`]: () => (fail ? problem(500, { title: 'Server error', detail: 'Try again later.' }) : json(200, items)),
    });
    renderApp(bookmarksPage);
    const u = userEvent.setup();

    expect(await screen.findByText('Your bookmarks could not be loaded')).toBeTruthy();
    fail = false;
    await u.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await within(listCard()).findByRole('list', { name: 'Bookmarks' })).toBeTruthy();
  });
});
