/** A workspace as the People page needs it. */
export interface WorkspaceName {
  id: string;
  name: string;
}

/** How many workspace names a cell shows before "+N". */
export const SHOWN_WORKSPACE_NAMES = 2;

export interface WorkspaceSummary {
  /** What the table cell shows: "None", "General", "All 3", "General, Exomes +2". */
  short: string;
  /** Every name, for assistive technology and the tooltip. */
  full: string;
}

export function byName(a: WorkspaceName, b: WorkspaceName): number {
  return a.name.localeCompare(b.name, 'en', { sensitivity: 'base' });
}

/**
 * Which workspaces a member can enter, in a few words.
 *
 * `workspaces` is the list whose names are known: every workspace of the organization when `complete` (holders of
 * workspaces.access.manage load them all), otherwise only those I can enter myself — then the member's other
 * workspaces are counted ("+1") but not named, and "All" cannot be said. A Group Supervisor enters every workspace
 * whatever their grants.
 */
export function summarizeWorkspaces(
  workspaceIds: readonly string[],
  workspaces: readonly WorkspaceName[],
  { complete, supervisor = false }: { complete: boolean; supervisor?: boolean },
): WorkspaceSummary {
  if (supervisor) {
    return {
      short: complete && workspaces.length > 0 ? `All ${workspaces.length}` : 'All',
      full: 'Every workspace (a Group Supervisor enters them all)',
    };
  }
  const ids = new Set(workspaceIds);
  const named = workspaces.filter((w) => ids.has(w.id)).sort(byName);
  const names = named.map((w) => w.name);
  const unnamed = ids.size - named.length;

  if (ids.size === 0) return { short: 'None', full: 'No workspaces' };
  if (complete && unnamed === 0 && workspaces.length > 1 && named.length === workspaces.length) {
    return { short: `All ${workspaces.length}`, full: `All ${workspaces.length} workspaces: ${names.join(', ')}` };
  }

  const others = unnamed === 1 ? '1 other workspace' : `${unnamed} other workspaces`;
  const full = names.length === 0 ? others : unnamed > 0 ? `${names.join(', ')} and ${others}` : names.join(', ');
  if (names.length === 0) return { short: others, full };
  const shown = names.slice(0, SHOWN_WORKSPACE_NAMES);
  const rest = ids.size - shown.length;
  return { short: rest > 0 ? `${shown.join(', ')} +${rest}` : shown.join(', '), full };
}
