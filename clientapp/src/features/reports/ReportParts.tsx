import { tierLabel, type Variant } from '../variants/types';
import { formatAlleles, formatConsequence, formatPosition } from '../variants/VariantParts';
import { isDraft, isSigned, reportStatusLabel } from './api';
import './reports.css';

// Small pieces a report is shown with, in the lists and on its page.

/** A report's status in words ("Preliminary (draft)", "Final (signed)", "Cancelled"), coloured by its kind. */
export function ReportStatusBadge({ status }: { status: string }) {
  const tone = isDraft(status) ? 'draft' : isSigned(status) ? 'signed' : 'cancelled';
  return <span className={`report-status report-status--${tone}`}>{reportStatusLabel(status)}</span>;
}

const DELIVERY_STATUSES: Record<string, { label: string; tone: string }> = {
  pending: { label: 'Pending', tone: 'draft' },
  delivered: { label: 'Delivered', tone: 'signed' },
  failed: { label: 'Failed', tone: 'cancelled' },
};

/** A delivery's status in words ("Delivered", "Pending", "Failed"), coloured like the report statuses. */
export function DeliveryStatusBadge({ status }: { status: string }) {
  const known = DELIVERY_STATUSES[status];
  return <span className={`report-status report-status--${known?.tone ?? 'draft'}`}>{known?.label ?? status}</span>;
}

/** "2025-03-05 10:05:00 UTC": the instant of a signature, the same for every reader wherever they are. */
export function formatUtc(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** A SHA-256 shortened to its first and last 8 hex digits; the whole value opens below it (and is in the title). */
export function Sha256({ value }: { value: string }) {
  const short = value.length > 20 ? `${value.slice(0, 8)}…${value.slice(-8)}` : value;
  return (
    <details className="report-hash">
      <summary title={value}>
        <code>{short}</code> <span className="visually-hidden">(show the whole SHA-256)</span>
      </summary>
      <code className="report-hash__full">{value}</code>
    </details>
  );
}

/** "BRCA1 · 17:43,045,712 · G>A · stop_gained · Pathogenic": a variant as a report lists it. */
export function describeVariant(variant: Variant): string {
  return [
    variant.gene ?? 'No gene',
    formatPosition(variant),
    formatAlleles(variant),
    formatConsequence(variant.consequence),
    variant.classification ? tierLabel(variant.classification) : 'Unclassified',
  ].join(' · ');
}

/** A chosen variant by id: its description when it is among the variants read, else its number. */
export function variantText(id: number, byId: ReadonlyMap<number, Variant>): string {
  const variant = byId.get(id);
  return variant ? describeVariant(variant) : `Variant #${id}`;
}
