import type { AuditRecord } from '../../api/types';
import { fieldChanges } from './api';
import type { FieldChange } from './types';

/** Values longer than this are cut in the compact view; the full text is one click away ("Full values"). */
export const VALUE_LIMIT = 60;
/** Fields listed in the compact view; the others are one click away. */
export const SHOWN_FIELDS = 4;

/** A changed value as text: strings as they are, numbers and booleans as written, anything else as JSON. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export function truncate(text: string, limit = VALUE_LIMIT): string {
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

function Value({ value, compact }: { value: unknown; compact: boolean }) {
  if (value === null || value === undefined) return <span className="muted">empty</span>;
  const text = formatValue(value);
  const shown = compact ? truncate(text) : text;
  return (
    <span className="audit-changes__value" title={shown === text ? undefined : text}>
      {shown}
    </span>
  );
}

/** "field: old → new"; a created row shows only the new value, a deleted row only the old one. */
function ChangeLine({ change, action, compact }: { change: FieldChange; action: string; compact: boolean }) {
  const onlyNew = action === 'create' && change.old === null;
  const onlyOld = action === 'delete' && change.new === null;
  return (
    <>
      <span className="audit-changes__field">{change.field}</span>:{' '}
      {onlyNew ? (
        <Value value={change.new} compact={compact} />
      ) : onlyOld ? (
        <Value value={change.old} compact={compact} />
      ) : (
        <>
          <Value value={change.old} compact={compact} /> <span aria-hidden="true">→</span>
          <span className="visually-hidden"> to </span> <Value value={change.new} compact={compact} />
        </>
      )}
    </>
  );
}

const isLong = (value: unknown) => formatValue(value).length > VALUE_LIMIT;

/**
 * The "Changes" cell: the first few fields as "field: old → new" with long values cut, and — when something was cut
 * or left out — a disclosure with every field in full.
 */
export function AuditChanges({ record }: { record: Pick<AuditRecord, 'changes' | 'action'> }) {
  const changes = fieldChanges(record);
  if (changes.length === 0) return <span className="muted">—</span>;
  const more = changes.length > SHOWN_FIELDS;
  const cut = changes.slice(0, SHOWN_FIELDS).some((c) => isLong(c.old) || isLong(c.new));
  return (
    <div className="audit-changes">
      <ul className="audit-changes__list">
        {changes.slice(0, SHOWN_FIELDS).map((c) => (
          <li key={c.field}>
            <ChangeLine change={c} action={record.action} compact />
          </li>
        ))}
      </ul>
      {more || cut ? (
        <details className="audit-changes__full">
          <summary>{more ? `All ${changes.length} fields` : 'Full values'}</summary>
          <ul className="audit-changes__list audit-changes__list--full">
            {changes.map((c) => (
              <li key={c.field}>
                <ChangeLine change={c} action={record.action} compact={false} />
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
