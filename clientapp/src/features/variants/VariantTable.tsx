import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { DataTable } from '../../components';
import { variantPagePath } from './api';
import type { Variant } from './types';
import {
  ClassificationBadge,
  formatAf,
  formatAlleles,
  formatCall,
  formatClinVar,
  formatConsequence,
  formatPosition,
  formatQuality,
  orDash,
  zygosityLabel,
} from './VariantParts';
import './variants.css';

/** The columns one may hide (the position, which opens the variant, always shows), in table order. */
export const VARIANT_COLUMNS = [
  { key: 'alleles', label: 'Ref>Alt' },
  { key: 'gene', label: 'Gene' },
  { key: 'consequence', label: 'Consequence' },
  { key: 'protein', label: 'Protein change' },
  { key: 'clinVar', label: 'ClinVar' },
  { key: 'populationAf', label: 'Population AF' },
  { key: 'classification', label: 'Classification' },
  { key: 'genotype', label: 'Genotype (each sample)' },
  { key: 'quality', label: 'QUAL' },
  { key: 'gq', label: 'GQ' },
  { key: 'dp', label: 'DP' },
] as const;
export type VariantColumn = (typeof VARIANT_COLUMNS)[number]['key'];

const COLUMNS_KEY = 'variantminer.variantColumns.hidden';
const COLUMN_KEYS: ReadonlySet<string> = new Set(VARIANT_COLUMNS.map((c) => c.key));

function readHiddenColumns(): ReadonlySet<VariantColumn> {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(COLUMNS_KEY) ?? '[]');
    return new Set(Array.isArray(stored) ? stored.filter((k): k is VariantColumn => typeof k === 'string' && COLUMN_KEYS.has(k)) : []);
  } catch {
    return new Set();
  }
}

/** The columns hidden by the column chooser, remembered in this browser (a column added later shows). */
export function useHiddenColumns() {
  const [hidden, setHidden] = useState(readHiddenColumns);
  return {
    hidden,
    setShown: (key: VariantColumn, shown: boolean) => {
      const next = new Set(hidden);
      if (shown) next.delete(key);
      else next.add(key);
      setHidden(next);
      try {
        localStorage.setItem(COLUMNS_KEY, JSON.stringify([...next]));
      } catch {
        // Storage may be unavailable (private mode): the choice lasts while the page is open.
      }
    },
  };
}

/** "Columns": a disclosure with a check-box per column (Escape closes it). */
export function ColumnChooser({ hidden, onChange }: { hidden: ReadonlySet<VariantColumn>; onChange: (key: VariantColumn, shown: boolean) => void }) {
  const details = useRef<HTMLDetailsElement>(null);
  return (
    <details
      ref={details}
      className="column-chooser"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && details.current?.open) {
          e.stopPropagation();
          details.current.open = false;
          details.current.querySelector('summary')?.focus();
        }
      }}
    >
      <summary className="btn btn--secondary">
        <span>Columns</span>
      </summary>
      <div className="column-chooser__panel">
        <fieldset className="checklist">
          <legend className="field__label">Show columns</legend>
          {VARIANT_COLUMNS.map((c) => (
            <label key={c.key} className="checklist__item">
              <input type="checkbox" checked={!hidden.has(c.key)} onChange={(e) => onChange(c.key, e.target.checked)} />
              {c.label}
            </label>
          ))}
        </fieldset>
      </div>
    </details>
  );
}

/** The height of a row (variants.css gives every row this height: the virtualiser places rows by it). */
export const ROW_HEIGHT = 44;
/** Rows rendered beyond the visible ones, above and below. */
const OVERSCAN = 10;

export interface VariantTableProps {
  orgId: string;
  workspaceId: string;
  analysisId: string;
  rows: readonly Variant[];
  hidden: ReadonlySet<VariantColumn>;
  /** The table's name for assistive technology. */
  caption: string;
  /** How many rows match (the server's count), when it is exact. */
  total: number | null;
  busy: boolean;
  /** The table's query string, kept for the way back from a variant's page. */
  search: string;
}

/**
 * The variants as a table: only the rows in view (and a few around them) are in the page; the others are stood in for
 * by two spacer rows, so that the scroll bar is that of every row loaded, and each row says its place (aria-rowindex)
 * among all those that match (aria-rowcount; -1 when the server stopped counting). Each row opens the variant: its position is a link (Tab reaches it; ↑ ↓ Home End move between rows), and a
 * click anywhere on the row follows it.
 */
export function VariantTable({ orgId, workspaceId, analysisId, rows, hidden, caption, total, busy, search }: VariantTableProps) {
  const navigate = useNavigate();
  const scroller = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef<number | null>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualiser's measurements change under the same object; this component reads them on every render
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => rows[index]?.id ?? index,
    overscan: OVERSCAN,
    // The sticky header covers the top of the box: a row scrolled to stays below it.
    scrollPaddingStart: ROW_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = Math.max(0, virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0));
  // The samples' calls come in the VCF's order, the same on every row.
  const samples = rows[0]?.calls.map((c) => c.sample) ?? [];
  const show = (key: VariantColumn) => !hidden.has(key);
  const columnCount = 1 + VARIANT_COLUMNS.filter((c) => show(c.key)).length + (show('genotype') ? Math.max(samples.length - 1, 0) : 0);
  const linkState = { variantsSearch: search };

  // Other filters: back to the first row.
  useEffect(() => {
    virtualizer.scrollToOffset(0);
  }, [search, virtualizer]);

  const rowLink = (index: number) => scroller.current?.querySelector<HTMLElement>(`tr[data-index="${index}"] a`) ?? null;

  // A row moved to with the keyboard that was not in the page yet: focused once the virtualiser has rendered it.
  useEffect(() => {
    if (pendingFocus.current === null) return;
    const link = rowLink(pendingFocus.current);
    if (link) {
      pendingFocus.current = null;
      link.focus();
    }
  });

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const row = event.target instanceof Element ? event.target.closest('tr[data-index]') : null;
    if (!row || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const index = Number(row.getAttribute('data-index'));
    const last = rows.length - 1;
    const target =
      event.key === 'ArrowDown' ? Math.min(index + 1, last) : event.key === 'ArrowUp' ? Math.max(index - 1, 0) : event.key === 'Home' ? 0 : event.key === 'End' ? last : null;
    if (target === null) return;
    event.preventDefault();
    if (target === index) return;
    virtualizer.scrollToIndex(target, { align: 'auto' });
    const link = rowLink(target);
    if (link) link.focus();
    else pendingFocus.current = target;
  }

  return (
    <DataTable
      ref={scroller}
      caption={caption}
      busy={busy}
      className="variants-scroll"
      tableClassName="variants-table"
      rowCount={total !== null ? total + 1 : -1}
      onKeyDown={onKeyDown}
      columns={
        <>
          <th scope="col">Position</th>
          {show('alleles') ? <th scope="col">Ref&gt;Alt</th> : null}
          {show('gene') ? <th scope="col">Gene</th> : null}
          {show('consequence') ? <th scope="col">Consequence</th> : null}
          {show('protein') ? <th scope="col">Protein change</th> : null}
          {show('clinVar') ? <th scope="col">ClinVar</th> : null}
          {show('populationAf') ? (
            <th scope="col" className="num">
              Population AF
            </th>
          ) : null}
          {show('classification') ? <th scope="col">Classification</th> : null}
          {show('genotype')
            ? samples.map((sample) => (
                <th scope="col" key={sample}>
                  <span className="visually-hidden">Genotype of </span>
                  {sample}
                </th>
              ))
            : null}
          {show('quality') ? (
            <th scope="col" className="num">
              QUAL
            </th>
          ) : null}
          {show('gq') ? (
            <th scope="col" className="num">
              GQ
            </th>
          ) : null}
          {show('dp') ? (
            <th scope="col" className="num">
              DP
            </th>
          ) : null}
        </>
      }
    >
      {paddingTop > 0 ? (
        <tr className="variants-table__spacer" aria-hidden="true">
          <td colSpan={columnCount} style={{ height: paddingTop }} />
        </tr>
      ) : null}
      {items.map((item) => {
        const v = rows[item.index]!;
        const path = variantPagePath(orgId, workspaceId, analysisId, v.id);
        return (
          <tr
            key={item.key}
            data-index={item.index}
            aria-rowindex={item.index + 2}
            onClick={(e) => {
              // The link itself navigates; a click elsewhere on the row follows it (not while selecting text).
              if (e.target instanceof Element && e.target.closest('a, button')) return;
              if (window.getSelection()?.toString()) return;
              navigate(path, { state: linkState });
            }}
          >
            <th scope="row" className="table__primary">
              <Link className="table__name" to={path} state={linkState}>
                {formatPosition(v)}
              </Link>
            </th>
            {show('alleles') ? (
              <td className="variants-mono" title={`${v.ref}>${v.alt}`}>
                {formatAlleles(v)}
              </td>
            ) : null}
            {show('gene') ? <td>{v.gene ?? <span className="muted">—</span>}</td> : null}
            {show('consequence') ? (
              <td title={v.consequence ?? undefined}>
                <span className="variants-table__clip">{formatConsequence(v.consequence)}</span>
              </td>
            ) : null}
            {show('protein') ? (
              <td className="variants-mono" title={v.proteinChange ?? undefined}>
                <span className="variants-table__clip">{orDash(v.proteinChange)}</span>
              </td>
            ) : null}
            {show('clinVar') ? (
              <td title={v.clinVar ?? undefined}>
                <span className="variants-table__clip">{formatClinVar(v.clinVar)}</span>
              </td>
            ) : null}
            {show('populationAf') ? <td className="num">{formatAf(v.populationAf)}</td> : null}
            {show('classification') ? (
              <td>
                <ClassificationBadge value={v.classification} />
              </td>
            ) : null}
            {show('genotype')
              ? samples.map((sample, i) => {
                  const call = v.calls[i];
                  return (
                    <td key={sample} title={call ? zygosityLabel(call.zygosity) : undefined}>
                      {call ? formatCall(call) : '—'}
                    </td>
                  );
                })
              : null}
            {show('quality') ? <td className="num">{formatQuality(v.quality)}</td> : null}
            {show('gq') ? <td className="num">{v.calls.map((c) => orDash(c.gq)).join(' / ') || '—'}</td> : null}
            {show('dp') ? <td className="num">{v.calls.map((c) => orDash(c.dp)).join(' / ') || '—'}</td> : null}
          </tr>
        );
      })}
      {paddingBottom > 0 ? (
        <tr className="variants-table__spacer" aria-hidden="true">
          <td colSpan={columnCount} style={{ height: paddingBottom }} />
        </tr>
      ) : null}
    </DataTable>
  );
}
