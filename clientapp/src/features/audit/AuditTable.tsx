import type { AuditRecord } from '../../api/types';
import { DataTable, formatTimestamp } from '../../components';
import { AuditChanges } from './AuditChanges';
import { actionLabel } from './types';

/** The audit records, newest first: one row each, its sequence number as the row header. */
export function AuditTable({ rows, busy }: { rows: readonly AuditRecord[]; busy: boolean }) {
  return (
    <DataTable
      caption="Audit records, newest first"
      busy={busy}
      tableClassName="audit-table"
      columns={
        <>
          <th scope="col">
            <abbr title="Sequence number in the chain">No.</abbr>
          </th>
          <th scope="col">Time</th>
          <th scope="col">Who</th>
          <th scope="col">Action</th>
          <th scope="col">Entity type</th>
          <th scope="col">Entity id</th>
          <th scope="col">Changes</th>
        </>
      }
    >
      {rows.map((r) => (
        <tr key={r.id}>
          <th scope="row" className="num">
            {r.sequence}
          </th>
          <td className="nowrap">
            <time dateTime={r.occurredAt}>{formatTimestamp(r.occurredAt)}</time>
          </td>
          <td>{r.actorUserId ? r.actorName : <span className="muted">{r.actorName}</span>}</td>
          <td className="nowrap">
            <span className={`tag tag--status audit-action audit-action--${r.action}`}>{actionLabel(r.action)}</span>
          </td>
          <td>{r.entityType}</td>
          <td>
            <code className="audit-table__id">{r.entityId}</code>
          </td>
          <td className="audit-table__changes">
            <AuditChanges record={r} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
