import { useState } from 'react';
import { useDebouncedValue } from '../../components';
import { useSampleTable } from './api';
import { NO_FILTERS, type Person, type SampleFilters, type SampleSort } from './types';

/** "1,234 samples", or "1,000+ samples" when the server stopped counting. */
export function totalLabel(total: number | null | undefined, capped: boolean, filtered: boolean): string | null {
  if (total === null || total === undefined) return null;
  const n = `${total.toLocaleString('en-US')}${capped ? '+' : ''}`;
  if (filtered) return `${n} matching`;
  return `${n} ${total === 1 && !capped ? 'sample' : 'samples'}`;
}

/** The table's filters as the toolbar shows them, and as applied (`filters`: the search once typing pauses). */
export function useSampleFilters() {
  const [assay, setAssay] = useState('');
  const [status, setStatus] = useState('');
  const [assignedToMe, setAssignedToMe] = useState(false);
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<SampleSort>('created');
  const debouncedSearch = useDebouncedValue(search.trim(), 300);
  const filters: SampleFilters = { assay, status, assignedToMe, search: debouncedSearch, sort };
  const filtered = assay !== '' || status !== '' || assignedToMe || debouncedSearch !== '';

  return {
    assay,
    setAssay,
    status,
    setStatus,
    assignedToMe,
    setAssignedToMe,
    search,
    setSearch,
    sort,
    setSort,
    filters,
    filtered,
    /** Clears the filters and the search (the sort stays). */
    clear: () => {
      setAssay(NO_FILTERS.assay);
      setStatus(NO_FILTERS.status);
      setAssignedToMe(NO_FILTERS.assignedToMe);
      setSearch(NO_FILTERS.search);
    },
  };
}

export type SampleFilterState = ReturnType<typeof useSampleFilters>;

const NONE: ReadonlySet<string> = new Set();

/** The rows ticked for bulk assignment. A new list (other filters, other workspace) starts with none. */
export function useRowSelection(listKey: string) {
  const [selection, setSelection] = useState({ listKey, ids: NONE });
  // Adjusted while rendering rather than in an effect, so a new list never shows the previous list's ticks.
  if (selection.listKey !== listKey) setSelection({ listKey, ids: NONE });
  const selected = selection.listKey === listKey ? selection.ids : NONE;
  const update = (next: (ids: ReadonlySet<string>) => ReadonlySet<string>) =>
    setSelection((s) => ({ listKey: s.listKey, ids: next(s.ids) }));

  return {
    selected,
    toggle: (id: string, on: boolean) =>
      update((ids) => {
        const next = new Set(ids);
        if (on) next.add(id);
        else next.delete(id);
        return next;
      }),
    /** Ticks every row given (keeping the other ticks), or unticks everything. */
    setAll: (rowIds: readonly string[], on: boolean) => update((ids) => (on ? new Set([...ids, ...rowIds]) : NONE)),
    clear: () => update(() => NONE),
  };
}

export type RowSelection = ReturnType<typeof useRowSelection>;

function uniquePeople(people: Person[]): Person[] {
  const map = new Map<string, Person>();
  for (const p of people) if (!map.has(p.userId)) map.set(p.userId, p);
  return [...map.values()];
}

/** The Analyses table of one workspace: filters, the rows loaded so far, their total, the selection. */
export function useAnalysesTable(orgId: string, workspaceId: string) {
  const filterState = useSampleFilters();
  const { filters, filtered } = filterState;
  const table = useSampleTable(orgId, workspaceId, filters);
  const rows = table.data?.pages.flatMap((p) => p.items) ?? [];
  const first = table.data?.pages[0];
  const selection = useRowSelection(JSON.stringify(filters) + workspaceId);

  return {
    filterState,
    table,
    rows,
    total: totalLabel(first?.total, first?.totalCapped ?? false, filtered),
    selection,
    /** People seen on the rows (for the picker when the member list cannot be read). */
    known: uniquePeople(rows.flatMap((r) => [...r.assignees, r.createdBy])),
  };
}
