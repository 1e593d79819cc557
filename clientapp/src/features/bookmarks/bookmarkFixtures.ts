import { completeRun, RUN_2, runPath, S1, samplePath } from '../../test/analysisFixtures';
import { json, type Handler } from '../../test/fetchMock';
import { ORG_ID, WS_GENERAL } from '../../test/orgFixtures';
import { variantPath } from '../../test/variantFixtures';
import { REPORT_1, reportPath } from '../reports/reportFixtures';
import type { Bookmark, BookmarkTarget } from './api';

export const bookmarksApi = `/api/organizations/${ORG_ID}/bookmarks`;
export const bookmarksPage = `/orgs/${ORG_ID}/bookmarks`;

/** The id the server gives the next bookmark added (a DELETE of it is answered too). */
export const NEW_BOOKMARK = 'bm-new';

function minutesAgo(minutes: number): string {
  return new Date(Date.now() - minutes * 60_000).toISOString();
}

export function bookmark(id: string, target: BookmarkTarget, title: string, link: string, createdAt = minutesAgo(5)): Bookmark {
  return { id, kind: target.kind, workspaceId: target.workspaceId, targetId: target.targetId, variantId: target.variantId ?? null, title, link, createdAt };
}

/** Four of mine, newest first: the variant BRCA1 (1 of RUN_2), the sample NA12878, the run RUN_2, a report. */
export function bookmarkItems(): Bookmark[] {
  return [
    bookmark('bm-1', { kind: 'variant', workspaceId: WS_GENERAL, targetId: RUN_2, variantId: 1 }, 'BRCA1 c.5266C>T', variantPath(1), minutesAgo(5)),
    bookmark('bm-2', { kind: 'sample', workspaceId: WS_GENERAL, targetId: S1 }, 'NA12878', samplePath, minutesAgo(60)),
    bookmark('bm-3', { kind: 'analysis', workspaceId: WS_GENERAL, targetId: completeRun.id }, 'Germline calling of NA12878', runPath(RUN_2), minutesAgo(2 * 24 * 60)),
    bookmark('bm-4', { kind: 'report', workspaceId: WS_GENERAL, targetId: REPORT_1 }, 'Hereditary breast cancer panel', reportPath(REPORT_1), minutesAgo(3 * 24 * 60)),
  ];
}

/**
 * The bookmarks routes over `items` (changed by the requests): the list, an add (the same bookmark again for a target
 * already bookmarked, else NEW_BOOKMARK titled `title`), and a DELETE of each one and of NEW_BOOKMARK. `add` replaces
 * the POST's answer.
 */
export function bookmarkRoutes(items: Bookmark[], { add, title = 'New bookmark' }: { add?: Handler; title?: string } = {}): Record<string, Handler> {
  const remove = (id: string) => () => {
    const index = items.findIndex((b) => b.id === id);
    if (index >= 0) items.splice(index, 1);
    return new Response(null, { status: 204 });
  };
  return {
    [`GET ${bookmarksApi}`]: () => json(200, items),
    [`POST ${bookmarksApi}`]:
      add ??
      ((_request, body) => {
        const sent: BookmarkTarget = JSON.parse(body);
        const same = items.find(
          (b) => b.kind === sent.kind && b.targetId === sent.targetId && b.workspaceId === sent.workspaceId && b.variantId === (sent.variantId ?? null),
        );
        if (same) return json(200, same);
        const added = bookmark(NEW_BOOKMARK, sent, title, '/', new Date().toISOString());
        items.unshift(added);
        return json(200, added);
      }),
    ...Object.fromEntries([...items.map((b) => b.id), NEW_BOOKMARK].map((id) => [`DELETE ${bookmarksApi}/${id}`, remove(id)])),
  };
}
