import { useState } from 'react';
import { useDebouncedValue } from '../../components';
import { NO_AUDIT_FILTERS, type AuditFilters } from './types';

/**
 * The filters as typed (`filters`) and as applied to the requests (`applied`: the entity type once typing pauses).
 * The chosen person's name is kept so the person stays offered while the rows show only them.
 */
export function useAuditFilters() {
  const [filters, setFilters] = useState<AuditFilters>(NO_AUDIT_FILTERS);
  const [actorName, setActorName] = useState('');
  const entityType = useDebouncedValue(filters.entityType.trim(), 300);
  const applied: AuditFilters = { ...filters, entityType };
  const isFiltered = Object.values(applied).some((v) => v !== '');

  return {
    filters,
    applied,
    isFiltered,
    /** Whether anything is set, typed or applied (to offer "Clear filters"). */
    hasInput: isFiltered || filters.entityType !== '',
    actorName,
    set: <K extends keyof AuditFilters>(key: K, value: AuditFilters[K]) => setFilters((f) => ({ ...f, [key]: value })),
    setActor: (userId: string, name: string) => {
      setFilters((f) => ({ ...f, actorUserId: userId }));
      setActorName(userId ? name : '');
    },
    clear: () => {
      setFilters(NO_AUDIT_FILTERS);
      setActorName('');
    },
  };
}

export type AuditFilterState = ReturnType<typeof useAuditFilters>;
