import type { Activity } from '../../api/types';
import { RelativeTime } from '../../components';

export interface ActivityListProps {
  items: readonly Activity[];
  label: string;
  /** Names of the workspaces I know (id → name): an entry of one of them says where it happened. */
  workspaceNames?: ReadonlyMap<string, string> | undefined;
}

/** Who did what, when (and in which workspace): newest first. */
export function ActivityList({ items, label, workspaceNames }: ActivityListProps) {
  return (
    <ol className="activity" aria-label={label}>
      {items.map((item) => {
        const workspace = item.workspaceId ? workspaceNames?.get(item.workspaceId) : undefined;
        return (
          <li key={item.id} className="activity__item">
            <span className="activity__avatar" aria-hidden="true">
              {initials(item.actorDisplayName)}
            </span>
            <div className="activity__body">
              <p>
                <strong className="activity__who">{item.actorDisplayName}</strong>
                {' · '}
                <span className="activity__what">{entrySummary(item)}</span>
              </p>
              <p className="activity__when">
                <RelativeTime value={item.occurredAt} />
                {workspace ? (
                  <>
                    {' · '}
                    <span className="activity__where">in {workspace}</span>
                  </>
                ) : null}
              </p>
            </div>
          </li>
        );
      })}
    </ol>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0]![0], parts[parts.length - 1]![0]] : [parts[0]?.[0]];
  return letters.filter(Boolean).join('').toUpperCase() || '?';
}

/**
 * The summary as it reads after the actor's name, which the list shows first: the server words it so ("Created the
 * workspace …"). One that still begins with the actor's own name ("Ada Lovelace left the organization") loses it,
 * so the name is not shown twice.
 */
export function entrySummary({ actorDisplayName, summary }: Pick<Activity, 'actorDisplayName' | 'summary'>): string {
  const name = actorDisplayName.trim();
  if (!name || !summary.startsWith(`${name} `)) return summary;
  const rest = summary.slice(name.length + 1).trimStart();
  return rest ? rest.charAt(0).toUpperCase() + rest.slice(1) : summary;
}
