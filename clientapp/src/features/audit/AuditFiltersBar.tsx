import { useId } from 'react';
import { FilterSelect, FilterToolbar, TextField } from '../../components';
import type { AuditFilterState } from './useAuditFilters';
import { AUDIT_ACTIONS } from './types';

export interface AuditFiltersBarProps {
  state: AuditFilterState;
  /** People seen in the records loaded so far (id → name), offered in "Person". */
  actors: ReadonlyMap<string, string>;
  /** Entity types seen so far, suggested in "Entity type". */
  entityTypes: readonly string[];
}

/** Dates, action, entity type and person; every change reloads the table (the entity type once typing pauses). */
export function AuditFiltersBar({ state, actors, entityTypes }: AuditFiltersBarProps) {
  const ids = useId();
  const { filters } = state;
  const people = new Map(actors);
  if (filters.actorUserId && !people.has(filters.actorUserId)) people.set(filters.actorUserId, state.actorName || filters.actorUserId);
  const sortedPeople = [...people].sort(([, a], [, b]) => a.localeCompare(b, 'en', { sensitivity: 'base' }));

  return (
    <FilterToolbar label="Filter the audit trail" onClear={state.hasInput ? state.clear : undefined}>
      <TextField
        label="From"
        name="from"
        type="date"
        className="toolbar__filter toolbar__filter--date"
        value={filters.from}
        max={filters.to || undefined}
        onChange={(e) => state.set('from', e.target.value)}
      />
      <TextField
        label="To"
        name="to"
        type="date"
        className="toolbar__filter toolbar__filter--date"
        value={filters.to}
        min={filters.from || undefined}
        onChange={(e) => state.set('to', e.target.value)}
      />
      <FilterSelect
        label="Action"
        name="action"
        value={filters.action}
        onChange={(value) => state.set('action', value)}
        anyLabel="All actions"
        options={AUDIT_ACTIONS}
      />
      <TextField
        label="Entity type"
        name="entityType"
        className="toolbar__filter"
        placeholder="e.g. Sample"
        autoComplete="off"
        spellCheck={false}
        list={`${ids}-entity-types`}
        value={filters.entityType}
        onChange={(e) => state.set('entityType', e.target.value)}
      />
      <datalist id={`${ids}-entity-types`}>
        {entityTypes.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      <FilterSelect
        label="Person"
        name="actorUserId"
        value={filters.actorUserId}
        onChange={(value) => state.setActor(value, people.get(value) ?? '')}
        anyLabel="Anyone"
        options={sortedPeople.map(([value, label]) => ({ value, label }))}
      />
    </FilterToolbar>
  );
}
