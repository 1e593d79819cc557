import { asApiError } from '../../api/problem';
import { useStatusMessage } from '../../components';
import { isBookmarkOf, useAddBookmark, useBookmarks, useRemoveBookmark, type BookmarkTarget } from './api';
import './bookmarks.css';

export interface BookmarkToggleProps extends BookmarkTarget {
  orgId: string;
}

/** The star: outlined, filled once bookmarked (the button's pressed state says so in words). */
function StarIcon({ filled }: { filled: boolean }) {
  return (
    <svg className="bookmark-toggle__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <path
        d="M10 2.2 12.4 7l5.3.8-3.85 3.75.9 5.28L10 14.33l-4.75 2.5.9-5.28L2.3 7.8 7.6 7 10 2.2Z"
        fill={filled ? 'currentColor' : 'none'}
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinejoin="round"
      />
    </svg>
  );
}

/**
 * A page header's star: a toggle button named "Bookmark", pressed while the sample, analysis, variant (its analysis
 * and number) or report is one of my bookmarks. Every toggle reads the one list of my bookmarks (one request for a
 * page). Pressing it shows the new state at once while the server is asked, announces it once done, and goes back with
 * the reason shown beside it when refused (a target I may no longer see, the most bookmarks reached).
 */
export function BookmarkToggle({ orgId, kind, workspaceId, targetId, variantId }: BookmarkToggleProps) {
  const bookmarks = useBookmarks(orgId);
  const add = useAddBookmark(orgId);
  const remove = useRemoveBookmark(orgId);
  const announce = useStatusMessage();

  // Without my bookmarks the state is unknown: the page works without its star.
  if (bookmarks.isError) return null;

  const target: BookmarkTarget = variantId === undefined ? { kind, workspaceId, targetId } : { kind, workspaceId, targetId, variantId };
  const current = bookmarks.data?.find((b) => isBookmarkOf(b, target));
  const busy = add.isPending || remove.isPending;
  const loading = bookmarks.isPending;
  // Optimistic: the state asked for while the server answers.
  const pressed = add.isPending ? true : remove.isPending ? false : current !== undefined;
  const failed = add.error ? `The bookmark could not be added: ${asApiError(add.error).message}` : remove.error ? `The bookmark could not be removed: ${asApiError(remove.error).message}` : null;

  function onClick() {
    // Not `disabled` while busy or loading: the focus stays on the button.
    if (busy || loading) return;
    add.reset();
    remove.reset();
    if (current) remove.mutate(current, { onSuccess: () => announce('Bookmark removed.') });
    else add.mutate(target, { onSuccess: () => announce('Bookmarked: it is listed under Bookmarks.') });
  }

  return (
    <div className="bookmark-toggle">
      <button
        type="button"
        className="btn btn--secondary bookmark-toggle__button"
        aria-pressed={pressed}
        aria-busy={busy || loading || undefined}
        aria-disabled={loading || undefined}
        onClick={onClick}
      >
        <StarIcon filled={pressed} />
        <span>Bookmark</span>
      </button>
      {failed ? (
        <p className="field__error bookmark-toggle__error" role="alert">
          {failed}
        </p>
      ) : null}
    </div>
  );
}
