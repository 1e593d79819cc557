import type { PermissionInfo } from '../../api/types';

/** Headings of the catalogue's groups; a group the app has no title for shows its key. */
export const GROUP_TITLES: Record<string, string> = {
  organization: 'Organization',
  people: 'People',
  samples: 'Samples',
  analyses: 'Analyses',
  variants: 'Variants',
  reports: 'Reports',
};

export function groupTitle(group: string): string {
  return GROUP_TITLES[group] ?? group;
}

/**
 * The catalogue's permissions grouped, groups in the order they first appear in the catalogue (organization, people,
 * samples, analyses, variants, reports today) and permissions in catalogue order within each.
 */
export function groupPermissions<P extends Pick<PermissionInfo, 'group'>>(catalogue: readonly P[]): [string, P[]][] {
  const groups = new Map<string, P[]>();
  for (const p of catalogue) {
    const list = groups.get(p.group);
    if (list) list.push(p);
    else groups.set(p.group, [p]);
  }
  return [...groups];
}
