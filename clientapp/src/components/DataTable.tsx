import type { KeyboardEventHandler, ReactNode, Ref } from 'react';

export interface DataTableProps {
  /** The table's name, read by assistive technology only. */
  caption: string;
  /** The header cells (`<th scope="col">`). */
  columns: ReactNode;
  /** The rows. */
  children: ReactNode;
  /** True while the rows are being reloaded. */
  busy?: boolean;
  /** Extra classes of the scrolling wrapper, and of the table itself. */
  className?: string;
  tableClassName?: string;
  /** The scrolling wrapper (a virtualised table scrolls inside it). */
  ref?: Ref<HTMLDivElement>;
  /** When only some rows are in the page (virtualised): how many rows the table has, header row included (-1: unknown). */
  rowCount?: number;
  /** Keys pressed inside the table (moving between rows). */
  onKeyDown?: KeyboardEventHandler<HTMLDivElement>;
}

/** A scrollable table with a visually hidden caption and one header row. */
export function DataTable({ caption, columns, children, busy, className, tableClassName, ref, rowCount, onKeyDown }: DataTableProps) {
  return (
    <div ref={ref} className={className ? `table-wrap ${className}` : 'table-wrap'} aria-busy={busy} onKeyDown={onKeyDown}>
      <table className={tableClassName ? `table ${tableClassName}` : 'table'} aria-rowcount={rowCount}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr aria-rowindex={rowCount === undefined ? undefined : 1}>{columns}</tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** The header cell above a column of RowActions (named "Actions" for assistive technology). */
export function ActionsHeader() {
  return (
    <th scope="col" className="actions-col">
      <span className="visually-hidden">Actions</span>
    </th>
  );
}

/** The last cell of a row: its buttons (Edit, Remove, …). */
export function RowActions({ children }: { children: ReactNode }) {
  return (
    <td className="actions-col">
      <div className="row-actions">{children}</div>
    </td>
  );
}
