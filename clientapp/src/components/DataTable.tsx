import type { ReactNode } from 'react';

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
}

/** A scrollable table with a visually hidden caption and one header row. */
export function DataTable({ caption, columns, children, busy, className, tableClassName }: DataTableProps) {
  return (
    <div className={className ? `table-wrap ${className}` : 'table-wrap'} aria-busy={busy}>
      <table className={tableClassName ? `table ${tableClassName}` : 'table'}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>{columns}</tr>
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
