import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { analysesRoutes, completeRun, RUN_2, runPath, S1, samplePath } from '../../test/analysisFixtures';
import { axeViolations } from '../../test/axe';
import { mockFetch, problem, type Handler } from '../../test/fetchMock';
import { statusMessage } from '../../test/helpers';
import { ALL_PERMISSIONS, ANALYST_PERMISSIONS, ORG_ID, orgRoutes, WS_GENERAL } from '../../test/orgFixtures';
import { renderApp, renderWithProviders } from '../../test/render';
import { variantPath, variantRoutes } from '../../test/variantFixtures';
import { draftReport, REPORT_1, reportPath, reportRoutes } from '../reports/reportFixtures';
import type { Bookmark } from './api';
import { BookmarkToggle } from './BookmarkToggle';
import { bookmark, bookmarkItems, bookmarkRoutes, bookmarksApi, NEW_BOOKMARK } from './bookmarkFixtures';

const ADD = `POST ${bookmarksApi}`;
const LIST = `GET ${bookmarksApi}`;

/** The star of the page's header, once the page is shown and my bookmarks are read. */
async function star(): Promise<HTMLElement> {
  const header = (await screen.findByRole('heading', { level: 1 })).closest('header')!;
  const button = within(header).getByRole('button', { name: 'Bookmark' });
  await waitFor(() => expect(button.getAttribute('aria-busy')).toBeNull());
  return button;
}

describe('Bookmark toggle', () => {
  it('bookmarks a sample from its page: the exact body, pressed at once, announced', async () => {
    const items: Bookmark[] = [];
    const { calls } = mockFetch({ ...analysesRoutes(ANALYST_PERMISSIONS), ...bookmarkRoutes(items, { title: 'NA12878' }) });
    renderApp(samplePath);
    const u = userEvent.setup();

    const button = await star();
    expect(button.getAttribute('aria-pressed')).toBe('false');
    expect(await axeViolations()).toEqual([]);

    await u.click(button);
    expect(button.getAttribute('aria-pressed')).toBe('true');
    await waitFor(() => expect(statusMessage()).toBe('Bookmarked: it is listed under Bookmarks.'));
    expect(calls(ADD)).toHaveLength(1);
    expect(JSON.parse(calls(ADD)[0]!.body)).toEqual({ kind: 'sample', workspaceId: WS_GENERAL, targetId: S1 });
    expect(button.getAttribute('aria-pressed')).toBe('true');
    expect(document.activeElement).toBe(button);
    expect(calls(LIST)).toHaveLength(1);
  });

  it('removes the bookmark of a run: a DELETE of it, no longer pressed', async () => {
    const items = bookmarkItems();
    const { calls } = mockFetch({ ...analysesRoutes(ALL_PERMISSIONS, { runs: [completeRun] }), ...bookmarkRoutes(items) });
    renderApp(runPath(RUN_2));
    const u = userEvent.setup();

    const button = await star();
    expect(button.getAttribute('aria-pressed')).toBe('true');
    expect(await axeViolations()).toEqual([]);

    await u.click(button);
    expect(button.getAttribute('aria-pressed')).toBe('false');
    await waitFor(() => expect(statusMessage()).toBe('Bookmark removed.'));
    expect(calls(`DELETE ${bookmarksApi}/bm-3`)).toHaveLength(1);
    expect(calls(ADD)).toHaveLength(0);
    expect(items.map((b) => b.id)).not.toContain('bm-3');

    // Pressed again: added anew.
    await u.click(button);
    await waitFor(() => expect(button.getAttribute('aria-pressed')).toBe('true'));
    expect(JSON.parse(calls(ADD)[0]!.body)).toEqual({ kind: 'analysis', workspaceId: WS_GENERAL, targetId: RUN_2 });
    await waitFor(() => expect(statusMessage()).toBe('Bookmarked: it is listed under Bookmarks.'));
    await u.click(button);
    await waitFor(() => expect(calls(`DELETE ${bookmarksApi}/${NEW_BOOKMARK}`)).toHaveLength(1));
    expect(button.getAttribute('aria-pressed')).toBe('false');
  });

  it('bookmarks a variant by its analysis and its number', async () => {
    // Another variant of the same analysis is bookmarked: not this one.
    const items = [bookmark('bm-9', { kind: 'variant', workspaceId: WS_GENERAL, targetId: RUN_2, variantId: 2 }, 'TP53', variantPath(2))];
    const { calls } = mockFetch({ ...variantRoutes(ALL_PERMISSIONS), ...bookmarkRoutes(items) });
    renderApp(variantPath(1));
    const u = userEvent.setup();

    const button = await star();
    expect(button.getAttribute('aria-pressed')).toBe('false');
    await u.click(button);
    await waitFor(() => expect(statusMessage()).toBe('Bookmarked: it is listed under Bookmarks.'));
    expect(JSON.parse(calls(ADD)[0]!.body)).toEqual({ kind: 'variant', workspaceId: WS_GENERAL, targetId: RUN_2, variantId: 1 });
    expect(button.getAttribute('aria-pressed')).toBe('true');
    expect(await axeViolations()).toEqual([]);
  });

  it('is pressed on a bookmarked report, and shows why an add is refused', async () => {
    const detail = 'You have 500 bookmarks in this organization: remove one first.';
    const items = bookmarkItems();
    const add: Handler = () => problem(409, { title: 'Conflict', detail });
    const { calls } = mockFetch({ ...reportRoutes(ALL_PERMISSIONS, [draftReport]), ...bookmarkRoutes(items, { add }) });
    renderApp(reportPath(REPORT_1));
    const u = userEvent.setup();

    const button = await star();
    expect(button.getAttribute('aria-pressed')).toBe('true');
    await u.click(button);
    await waitFor(() => expect(button.getAttribute('aria-pressed')).toBe('false'));
    expect(calls(`DELETE ${bookmarksApi}/bm-4`)).toHaveLength(1);

    await u.click(button);
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', `The bookmark could not be added: ${detail}`);
    expect(JSON.parse(calls(ADD)[0]!.body)).toEqual({ kind: 'report', workspaceId: WS_GENERAL, targetId: REPORT_1 });
    // Back to what the server holds (the list is read again).
    await waitFor(() => expect(button.getAttribute('aria-pressed')).toBe('false'));
    expect(await axeViolations()).toEqual([]);
  });

  it('makes one request of my bookmarks for every toggle of a page', async () => {
    const items = bookmarkItems();
    const { calls } = mockFetch({ ...orgRoutes('Analyst', ANALYST_PERMISSIONS), ...bookmarkRoutes(items) });
    renderWithProviders(
      <>
        <BookmarkToggle orgId={ORG_ID} kind="sample" workspaceId={WS_GENERAL} targetId={S1} />
        <BookmarkToggle orgId={ORG_ID} kind="analysis" workspaceId={WS_GENERAL} targetId={RUN_2} />
        <BookmarkToggle orgId={ORG_ID} kind="variant" workspaceId={WS_GENERAL} targetId={RUN_2} variantId={2} />
      </>,
    );

    await waitFor(() => expect(screen.getAllByRole('button', { name: 'Bookmark', pressed: true })).toHaveLength(2));
    expect(screen.getAllByRole('button', { name: 'Bookmark' }).map((b) => b.getAttribute('aria-pressed'))).toEqual(['true', 'true', 'false']);
    expect(calls(LIST)).toHaveLength(1);
  });

  it('is left out when my bookmarks cannot be read: the page works without it', async () => {
    const { calls } = mockFetch({
      ...analysesRoutes(ANALYST_PERMISSIONS),
      [LIST]: () => problem(500, { title: 'Server error', detail: 'Try again later.' }),
    });
    renderApp(samplePath);

    await screen.findByRole('heading', { level: 1, name: 'NA12878' });
    await waitFor(() => expect(calls(LIST)).toHaveLength(1));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Bookmark' })).toBeNull());
    expect(screen.getByRole('heading', { level: 1, name: 'NA12878' })).toBeTruthy();
  });
});
