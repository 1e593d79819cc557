import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { ApiError } from '../../api/problem';
import type { paths } from '../../api/schema';
import type { BodyOf, JsonOf } from '../../api/types';
import { orgKeys } from '../organizations/keys';

type BookmarksPath = paths['/api/organizations/{orgId}/bookmarks'];

/**
 * One of my bookmarks: `link` is a path of this app (the sample, the analysis, the variant, the report); `title` the
 * server's name for it. For a variant `targetId` is its analysis and `variantId` its number within it.
 */
export type Bookmark = JsonOf<BookmarksPath['get']['responses'][200]>[number];
type AddBookmarkBody = BodyOf<BookmarksPath['post']>;

export const BOOKMARK_KINDS = ['sample', 'analysis', 'variant', 'report'] as const;
export type BookmarkKind = (typeof BOOKMARK_KINDS)[number];

/** What a bookmark points at (the POST's body): a variant is named by its analysis (`targetId`) and its number. */
export interface BookmarkTarget {
  kind: BookmarkKind;
  workspaceId: string;
  targetId: string;
  variantId?: number | undefined;
}

const KIND_LABELS: Record<BookmarkKind, { one: string; many: string }> = {
  sample: { one: 'Sample', many: 'Samples' },
  analysis: { one: 'Analysis', many: 'Analyses' },
  variant: { one: 'Variant', many: 'Variants' },
  report: { one: 'Report', many: 'Reports' },
};

export function isBookmarkKind(value: string | null | undefined): value is BookmarkKind {
  return (BOOKMARK_KINDS as readonly (string | null | undefined)[]).includes(value);
}

/** "Sample", "Analysis"…: a kind in words (a kind this build does not know, as the server sent it). */
export function kindLabel(kind: string): string {
  return isBookmarkKind(kind) ? KIND_LABELS[kind].one : kind;
}

/** "Samples", "Analyses"…: the kind filter's options. */
export function kindPluralLabel(kind: BookmarkKind): string {
  return KIND_LABELS[kind].many;
}

/** Query keys: under the organization's (switching organizations reads the new one's). */
export const bookmarkKeys = {
  all: (orgId: string) => [...orgKeys.org(orgId), 'bookmarks'] as const,
};

/** Where a bookmark leads: its link when it is a path of this app; null otherwise (another site is not followed). */
export function bookmarkTarget(bookmark: Pick<Bookmark, 'link'>): string | null {
  const { link } = bookmark;
  return link.startsWith('/') && !link.startsWith('//') && !link.startsWith('/\\') ? link : null;
}

/** Whether `bookmark` is the one of `target` (a variant: its analysis and its number). */
export function isBookmarkOf(bookmark: Bookmark, target: BookmarkTarget): boolean {
  return (
    bookmark.kind === target.kind &&
    bookmark.workspaceId === target.workspaceId &&
    bookmark.targetId === target.targetId &&
    (bookmark.variantId ?? null) === (target.variantId ?? null)
  );
}

/**
 * All my bookmarks in the organization, newest first (only those of what I may see now). One query for every
 * BookmarkToggle of a page and for the bookmarks page (which filters it by kind): one request however many toggles.
 */
export function useBookmarks(orgId: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: bookmarkKeys.all(orgId),
    queryFn: () => unwrap(api.GET('/api/organizations/{orgId}/bookmarks', { params: { path: { orgId } } })),
    enabled: enabled && !!orgId,
  });
}

function withBookmark(queryClient: QueryClient, orgId: string, bookmark: Bookmark) {
  queryClient.setQueryData<Bookmark[]>(bookmarkKeys.all(orgId), (list) =>
    list ? [bookmark, ...list.filter((b) => b.id !== bookmark.id)] : list,
  );
}

function withoutBookmark(queryClient: QueryClient, orgId: string, bookmarkId: string) {
  queryClient.setQueryData<Bookmark[]>(bookmarkKeys.all(orgId), (list) => (list ? list.filter((b) => b.id !== bookmarkId) : list));
}

/**
 * POST …/bookmarks {kind, workspaceId, targetId, variantId?}: the bookmark (the same one when it was already there);
 * a 404 when I may not see the target, a 409 at the most bookmarks a person may have. A refusal reads the list again
 * (it may have changed in another tab).
 */
export function useAddBookmark(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, workspaceId, targetId, variantId }: BookmarkTarget) => {
      const body: AddBookmarkBody = variantId === undefined ? { kind, workspaceId, targetId } : { kind, workspaceId, targetId, variantId };
      return unwrap(api.POST('/api/organizations/{orgId}/bookmarks', { params: { path: { orgId } }, body }));
    },
    onSuccess: (bookmark) => withBookmark(queryClient, orgId, bookmark),
    onError: () => queryClient.invalidateQueries({ queryKey: bookmarkKeys.all(orgId) }),
  });
}

/**
 * DELETE …/bookmarks/{id}: one of mine removed. One already gone (removed in another tab: a 404) is removed all the
 * same; another refusal reads the list again.
 */
export function useRemoveBookmark(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (bookmark: Pick<Bookmark, 'id'>) => {
      try {
        await unwrap(api.DELETE('/api/organizations/{orgId}/bookmarks/{bookmarkId}', { params: { path: { orgId, bookmarkId: bookmark.id } } }));
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 404)) throw error;
      }
    },
    onSuccess: (_result, bookmark) => withoutBookmark(queryClient, orgId, bookmark.id),
    onError: () => queryClient.invalidateQueries({ queryKey: bookmarkKeys.all(orgId) }),
  });
}
