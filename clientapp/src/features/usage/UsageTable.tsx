import type { ReactNode } from 'react';

export interface UsageTableProps {
  /** The table's name (a caption read by assistive technology; the section's heading says it on screen). */
  caption: string;
  /** The header cells (`<th scope="col">`). */
  columns: ReactNode;
  children: ReactNode;
  /** A footer row (totals). */
  footer?: ReactNode;
  /**
   * A long table (a day per row) scrolls within a bounded height: the scrolling region is focusable and named, so it
   * can be scrolled with the keyboard.
   */
  scroll?: boolean;
}

/** A table of a usage or billing page: numbers right-aligned (class num), one header row, an optional totals row. */
export function UsageTable({ caption, columns, children, footer, scroll = false }: UsageTableProps) {
  const table = (
    <table className="table usage-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>{columns}</tr>
      </thead>
      <tbody>{children}</tbody>
      {footer ? <tfoot>{footer}</tfoot> : null}
    </table>
  );
  return scroll ? (
    <div className="table-wrap usage-scroll" role="region" aria-label={caption} tabIndex={0}>
      {table}
    </div>
  ) : (
    <div className="table-wrap">{table}</div>
  );
}
