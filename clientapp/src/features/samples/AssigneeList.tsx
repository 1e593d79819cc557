import type { Person } from './types';
import { initials } from './UserPicker';

/** The people assigned to a sample: initials (decorative) and names; "Unassigned" when nobody is. */
export function AssigneeList({ people }: { people: readonly Person[] }) {
  if (people.length === 0) return <span className="muted">Unassigned</span>;
  return (
    <ul className="assignees" aria-label="Assigned to">
      {people.map((p) => (
        <li key={p.userId} className="assignees__item" title={p.displayName}>
          <span className="avatar" aria-hidden="true">
            {initials(p.displayName)}
          </span>
          <span className="assignees__name">{p.displayName}</span>
        </li>
      ))}
    </ul>
  );
}
