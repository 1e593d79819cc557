import type { ReactNode } from 'react';

export interface UsageTableProps {
  /** The table's name (a caption read by assistive technology; the section's heading says it on screen). */
  caption: string;
  /** The header cells (`<th scope="col">`). */
  columns: ReactNode;
  children: ReactNode;
  /** A footer row (totals). */
  footer?: ReactNode;
  /** A long table (a day per row) scrolls within a bounded height. */
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
  // Any of these tables can be wider than the screen (it then scrolls sideways in its wrapper): the wrapper is a named,
  // focusable region so it can be scrolled with the keyboard (WCAG 2.1.1).
  return (
    <div className={scroll ? 'table-wrap usage-scroll' : 'table-wrap'} role="region" aria-label={caption} tabIndex={0}>
      {table}
    </div>
  );
}
