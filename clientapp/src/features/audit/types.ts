/** The audit trail's filters, as the page holds them ('' = not set). */
export interface AuditFilters {
  /** First day included, yyyy-mm-dd (the date input's value), in local time. */
  from: string;
  /** Last day included, yyyy-mm-dd. */
  to: string;
  action: string;
  entityType: string;
  actorUserId: string;
}

export const NO_AUDIT_FILTERS: AuditFilters = { from: '', to: '', action: '', entityType: '', actorUserId: '' };

/** What the server records (AuditRecord.Created/Updated/Deleted/Read), with the words the page shows. */
export const AUDIT_ACTIONS = [
  { value: 'create', label: 'Created' },
  { value: 'update', label: 'Updated' },
  { value: 'delete', label: 'Deleted' },
  { value: 'read', label: 'Read' },
] as const;

export function actionLabel(action: string): string {
  return AUDIT_ACTIONS.find((a) => a.value === action)?.label ?? action;
}

/** One changed field: its value before and after (null where there is none). */
export interface FieldChange {
  field: string;
  old: unknown;
  new: unknown;
}
