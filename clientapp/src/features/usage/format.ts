// Figures of the usage and billing pages. Storage is billed in GB of 10⁹ bytes (GB-months): sizes here are decimal,
// as on the statements and in the quota alerts the server sends.

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Whether `text` is a month written yyyy-MM (2026-09). */
export function isMonth(text: string | null | undefined): text is string {
  return typeof text === 'string' && MONTH.test(text);
}

function parts(month: string): [number, number] {
  const [, year, m] = MONTH.exec(month) ?? [];
  return [Number(year), Number(m)];
}

/** How many months from `from` to `to`, both included (0 when `to` is before `from`). */
export function monthCount(from: string, to: string): number {
  const [y1, m1] = parts(from);
  const [y2, m2] = parts(to);
  return Math.max(0, (y2 - y1) * 12 + (m2 - m1) + 1);
}

/** Every month from `from` to `to`, both included, in order. */
export function monthsBetween(from: string, to: string): string[] {
  if (!isMonth(from) || !isMonth(to)) return [];
  const [year, month] = parts(from);
  return Array.from({ length: monthCount(from, to) }, (_, i) => {
    const index = month - 1 + i;
    return `${year + Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}

// Month names written out here rather than by Intl: "Sep" everywhere (some locale data says "Sept").
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** "2026-10" → "Oct 2026" (anything else as it is). */
export function monthLabel(month: string): string {
  if (!isMonth(month)) return month;
  const [year, m] = parts(month);
  return `${MONTH_NAMES[m - 1]} ${year}`;
}

/** "2026-10-01" → "1 Oct 2026" (anything else as it is). */
export function dayLabel(day: string): string {
  const match = /^(\d{4}-(?:0[1-9]|1[0-2]))-(\d{2})$/.exec(day);
  return match ? `${Number(match[2])} ${monthLabel(match[1]!)}` : day;
}

const BYTES_PER_GB = 1e9;
const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'] as const;

/** A number with at most `digits` decimals: 1234.5 → "1,234.5". */
export function formatNumber(value: number, digits = 2): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** Decimal size, one decimal at most: 12_300_000_000 → "12.3 GB", 10¹¹ → "100 GB", 0 → "0 B". */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 B';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  // Round first, so that 999.96 GB becomes "1 TB" rather than "1,000 GB".
  let rounded = Math.round(value * 10) / 10;
  if (rounded >= 1000 && unit < UNITS.length - 1) {
    rounded = 1;
    unit++;
  }
  return `${formatNumber(rounded, 1)} ${UNITS[unit]}`;
}

/** Bytes → GB (10⁹ bytes), for a chart's axis. */
export function gigabytes(bytes: number): number {
  return bytes / BYTES_PER_GB;
}

/** "12 %" of a quota (whole percent; "< 1 %" for a little above nothing); null without a quota. */
export function percentText(used: number, quota: number | null): string | null {
  if (quota === null || !Number.isFinite(quota) || quota <= 0) return null;
  const percent = (Math.max(0, used) / quota) * 100;
  if (percent > 0 && percent < 0.5) return '< 1 %';
  return `${Math.round(percent)} %`;
}

/** The share of a quota used, 0–100 (for a meter); null without a quota. */
export function meterValue(used: number, quota: number | null): number | null {
  if (quota === null || !Number.isFinite(quota) || quota <= 0) return null;
  return Math.min(100, Math.round((Math.max(0, used) / quota) * 1000) / 10);
}

/** Hours, two decimals at most: 41.456 → "41.46"; a little that would round to 0 says so: 0.003 → "< 0.01". */
export function formatHours(hours: number): string {
  if (hours > 0 && hours < 0.01) return '< 0.01';
  return formatNumber(hours, 2);
}

/**
 * An amount in the statement's currency (ISO 4217): 1234.5, "EUR" → "€1,234.50". Unit prices (`precise`) keep up to
 * four decimals (a price per GB-month of €0.023). An unknown code is written after the number.
 */
export function formatMoney(amount: number, currency: string, { precise = false }: { precise?: boolean } = {}): string {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency, ...(precise ? { maximumFractionDigits: 4 } : {}) }).format(amount);
  } catch {
    return `${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: precise ? 4 : 2 })} ${currency}`;
  }
}
