import type { Activity } from '../../api/types';
import { FilterSelect, FilterToolbar, TextField } from '../../components';
import { useMe } from '../auth/authApi';
import { useMembers } from '../members/useMembers';
import { usePermissions } from './permissions';
import { ACTIVITY_KINDS, type ActivityFilters } from './useActivityFilters';

export interface ActivityFiltersBarProps {
  orgId: string;
  filters: ActivityFilters;
  onChange: (key: keyof ActivityFilters, value: string) => void;
  /** Offered ("Clear filters") when a filter is set. */
  onClear: (() => void) | undefined;
  /** The entries loaded so far: they name a person chosen by a shared link who is not among the options. */
  items: readonly Activity[];
  /** The server's reasons for refusing the dates (a 400 problem), shown under the date fields. */
  dateErrors: { from?: readonly string[] | undefined; to?: readonly string[] | undefined };
}

/** Person, kind and days (from / to, both included); every change reloads the list and is kept in the URL. */
export function ActivityFiltersBar({ orgId, filters, onChange, onClear, items, dateErrors }: ActivityFiltersBarProps) {
  const people = usePeopleOptions(orgId, filters.actorUserId, items);
  return (
    <FilterToolbar label="Filter activity" onClear={onClear}>
      <FilterSelect
        label="Person"
        name="person"
        value={filters.actorUserId}
        onChange={(value) => onChange('actorUserId', value)}
        anyLabel="Everyone"
        options={people}
      />
      <FilterSelect
        label="Kind"
        name="kind"
        value={filters.kind}
        onChange={(value) => onChange('kind', value)}
        anyLabel="Everything"
        options={ACTIVITY_KINDS}
      />
      <TextField
        label="From"
        name="from"
        type="date"
        className="toolbar__filter toolbar__filter--date"
        value={filters.from}
        max={filters.to || undefined}
        errors={dateErrors.from}
        onChange={(e) => onChange('from', e.target.value)}
      />
      <TextField
        label="To"
        name="to"
        type="date"
        className="toolbar__filter toolbar__filter--date"
        value={filters.to}
        min={filters.from || undefined}
        errors={dateErrors.to}
        onChange={(e) => onChange('to', e.target.value)}
      />
    </FilterToolbar>
  );
}

/**
 * The people offered in "Person": every member with users.manage (the member list needs it), else only "Only me".
 * A person chosen by a shared link stays offered, named from the loaded entries.
 */
function usePeopleOptions(orgId: string, selected: string, items: readonly Activity[]): { value: string; label: string }[] {
  const { can } = usePermissions(orgId);
  const listsMembers = can('users.manage');
  const members = useMembers(orgId, { enabled: listsMembers });
  const { data: me } = useMe();

  const options: { value: string; label: string }[] = [];
  if (listsMembers && members.data) {
    const sorted = [...members.data.members].sort((a, b) => a.displayName.localeCompare(b.displayName, 'en', { sensitivity: 'base' }));
    for (const m of sorted) options.push({ value: m.userId, label: m.userId === me?.id ? `${m.displayName} (you)` : m.displayName });
  } else if (me && (!listsMembers || members.isError)) {
    options.push({ value: me.id, label: 'Only me' });
  }
  if (selected && !options.some((o) => o.value === selected)) {
    const name = items.find((i) => i.actorUserId === selected)?.actorDisplayName;
    options.push({ value: selected, label: name ?? 'Someone else' });
  }
  return options;
}
