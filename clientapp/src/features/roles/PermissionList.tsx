import type { ReactNode } from 'react';
import type { PermissionInfo } from '../../api/types';
import { groupTitle } from './permissionGroups';

interface Entry {
  key: string;
  label: string;
  isData: boolean;
}

/**
 * Permission keys in plain words, grouped as in the catalogue (groups and permissions in catalogue order). A key the
 * catalogue does not describe (newer than the page, or the catalogue still loading) is listed by its key, under the
 * group its prefix names.
 */
export function groupHeldPermissions(keys: readonly string[], catalogue: readonly PermissionInfo[]): [string, Entry[]][] {
  const held = new Set(keys);
  const groups = new Map<string, Entry[]>();
  const add = (group: string, entry: Entry) => groups.set(group, [...(groups.get(group) ?? []), entry]);
  for (const p of catalogue) {
    if (held.delete(p.key)) add(p.group, { key: p.key, label: p.description, isData: p.isData === true });
  }
  for (const key of held) add(key.split('.')[0] ?? 'other', { key, label: key, isData: false });
  return [...groups];
}

/**
 * A readable list of permissions (the dashboard's "Your role", the read-only view of the roles): one small heading per
 * group, the permissions' descriptions under it. `headingLevel` fits the list into the page's outline.
 */
export function PermissionList({
  keys,
  catalogue,
  headingLevel = 3,
  dataBadge,
}: {
  keys: readonly string[];
  catalogue: readonly PermissionInfo[];
  headingLevel?: 3 | 4;
  /** Marks data permissions (explained elsewhere on the page). */
  dataBadge?: ReactNode;
}) {
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <div className="permissions">
      {groupHeldPermissions(keys, catalogue).map(([group, entries]) => (
        <div key={group} className="permissions__group">
          <Heading className="permissions__title">{groupTitle(group)}</Heading>
          <ul className="permissions__list">
            {entries.map((e) => (
              <li key={e.key}>
                {e.label}
                {e.isData && dataBadge ? <> {dataBadge}</> : null}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
