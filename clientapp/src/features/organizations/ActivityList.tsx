import type { Activity } from '../../api/types';
import { RelativeTime } from '../../components';

/** Who did what, when: newest first. */
export function ActivityList({ items, label }: { items: readonly Activity[]; label: string }) {
  return (
    <ol className="activity" aria-label={label}>
      {items.map((item) => (
        <li key={item.id} className="activity__item">
          <span className="activity__avatar" aria-hidden="true">
            {initials(item.actorDisplayName)}
          </span>
          <div className="activity__body">
            <p>
              <strong className="activity__who">{item.actorDisplayName}</strong>{' '}
              <span className="activity__what">{lowerFirst(item.summary)}</span>
            </p>
            <p className="activity__when">
              <RelativeTime value={item.occurredAt} />
            </p>
          </div>
        </li>
      ))}
    </ol>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0]![0], parts[parts.length - 1]![0]] : [parts[0]?.[0]];
  return letters.filter(Boolean).join('').toUpperCase() || '?';
}

/** "Created the workspace …" reads as "Ada Lovelace created the workspace …". */
function lowerFirst(text: string): string {
  return text.length > 1 && /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}
