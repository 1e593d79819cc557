import { useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { asApiError } from '../../api/problem';
import {
  Alert,
  Button,
  FilterSelect,
  FilterToolbar,
  LoadingState,
  RelativeTime,
  RetryAlert,
  usePageTitle,
  useStatusMessage,
} from '../../components';
import { useCurrentOrgId } from '../organizations/permissions';
import {
  BOOKMARK_KINDS,
  bookmarkTarget,
  isBookmarkKind,
  kindLabel,
  kindPluralLabel,
  useBookmarks,
  useRemoveBookmark,
  type Bookmark,
  type BookmarkKind,
} from './api';
import './bookmarks.css';

const KIND_OPTIONS = BOOKMARK_KINDS.map((kind) => ({ value: kind, label: kindPluralLabel(kind) }));

/** The kind filter, kept in the address (?kind=sample) so that the filtered list can be reloaded or shared. */
function useKindFilter(): [BookmarkKind | null, (kind: string) => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get('kind');
  // Anything else (an edited link) filters nothing out.
  const kind = isBookmarkKind(value) ? value : null;
  function set(next: string) {
    setParams(
      (previous) => {
        const query = new URLSearchParams(previous);
        if (isBookmarkKind(next)) query.set('kind', next);
        else query.delete('kind');
        return query;
      },
      { replace: true },
    );
  }
  return [kind, set];
}

/** "3 bookmarks" / "1 bookmark". */
function countText(count: number, kind: BookmarkKind | null): string {
  const noun = kind ? `bookmarked ${kindPluralLabel(kind).toLowerCase()}` : 'bookmarks';
  if (count === 1) return kind ? `1 bookmarked ${kindLabel(kind).toLowerCase()}` : '1 bookmark';
  return `${count} ${noun}`;
}

/**
 * /orgs/:orgId/bookmarks — my bookmarks in this organization (only those of what I may still see), newest first,
 * filtered by kind (?kind=sample|analysis|variant|report). Each leads to its sample, analysis, variant or report and
 * can be removed (no confirmation: the star on its page adds it again). Every member; the stars are in the headers of
 * the sample, run, variant and report pages.
 */
export default function BookmarksPage() {
  usePageTitle('Bookmarks');
  const orgId = useCurrentOrgId()!;
  const [kind, setKind] = useKindFilter();
  const bookmarks = useBookmarks(orgId);
  const remove = useRemoveBookmark(orgId);
  const announce = useStatusMessage();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const removeButtons = useRef(new Map<string, HTMLButtonElement>());
  const all = bookmarks.data ?? [];
  const shown = kind ? all.filter((b) => b.kind === kind) : all;

  function onRemove(bookmark: Bookmark) {
    // Where the focus goes once it is gone: the next one's Remove, else the one before, else the list's heading.
    const index = shown.findIndex((b) => b.id === bookmark.id);
    const neighbour = shown[index + 1] ?? shown[index - 1];
    remove.mutate(bookmark, {
      onSuccess: () => {
        const next = neighbour ? removeButtons.current.get(neighbour.id) : undefined;
        if (next) next.focus();
        else headingRef.current?.focus();
        announce(`“${bookmark.title}” removed from your bookmarks.`);
      },
    });
  }

  return (
    <div className="page page--medium">
      <header className="page__header">
        <h1 className="page__title">Bookmarks</h1>
        <p className="page__subtitle">The samples, analyses, variants and reports you keep at hand in this organization, newest first.</p>
      </header>

      <section className="card" aria-labelledby="bookmarks-list-heading">
        <div className="card__header">
          <h2 id="bookmarks-list-heading" className="card__title" ref={headingRef} tabIndex={-1}>
            Your bookmarks
          </h2>
          {bookmarks.data ? <p className="muted">{countText(shown.length, kind)}</p> : null}
        </div>
        <div className="bookmarks__filters">
          <FilterToolbar label="Filter bookmarks" onClear={kind ? () => setKind('') : undefined}>
            <FilterSelect label="Kind" name="kind" value={kind ?? ''} onChange={setKind} anyLabel="All kinds" options={KIND_OPTIONS} />
          </FilterToolbar>
        </div>
        {remove.error ? <Alert title="The bookmark could not be removed">{asApiError(remove.error).message}</Alert> : null}
        {bookmarks.isPending ? <LoadingState label="Loading your bookmarks…" /> : null}
        {bookmarks.isError ? (
          <RetryAlert title="Your bookmarks could not be loaded" message={bookmarks.error.message} onRetry={() => void bookmarks.refetch()} />
        ) : null}
        {bookmarks.data && shown.length === 0 ? (
          <div className="empty">
            <p className="empty__title">{kind ? `No bookmarked ${kindPluralLabel(kind).toLowerCase()}` : 'No bookmarks yet'}</p>
            <p className="empty__text">
              {kind
                ? `Use the star on a ${kindLabel(kind).toLowerCase()}’s page to bookmark it: it is listed here.`
                : 'Use the star on a sample, analysis, variant or report to bookmark it: it is listed here, to come back to it in one click.'}
            </p>
          </div>
        ) : null}
        {shown.length > 0 ? (
          <ul className="list" aria-label={kind ? `Bookmarked ${kindPluralLabel(kind).toLowerCase()}` : 'Bookmarks'}>
            {shown.map((b) => {
              const to = bookmarkTarget(b);
              return (
                <li key={b.id} className="bookmark">
                  <div className="bookmark__text">
                    {to ? (
                      <Link to={to} className="bookmark__title">
                        {b.title}
                      </Link>
                    ) : (
                      <span className="bookmark__title">{b.title}</span>
                    )}
                    <span className="bookmark__meta">
                      <span className="badge badge--role">{kindLabel(b.kind)}</span>
                      <span>
                        Bookmarked <RelativeTime value={b.createdAt} />
                      </span>
                    </span>
                  </div>
                  <Button
                    ref={(el) => {
                      if (el) removeButtons.current.set(b.id, el);
                      else removeButtons.current.delete(b.id);
                    }}
                    variant="secondary"
                    busy={remove.isPending && remove.variables?.id === b.id}
                    busyLabel="Removing…"
                    onClick={() => onRemove(b)}
                  >
                    Remove<span className="visually-hidden">: {b.title}</span>
                  </Button>
                </li>
              );
            })}
          </ul>
        ) : null}
      </section>
    </div>
  );
}
