const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'] as const;

/**
 * Human-readable size in binary units (1 KiB = 1024 B), as storage quotas are allocated:
 * 0 -> "0 B", 1536 -> "1.5 KiB", 1099511627776 -> "1 TiB". One decimal below 10, none above.
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 B';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${Math.round(value)} B`;
  // Round first, so that 1023.96 KiB becomes "1 MiB" rather than "1024 KiB".
  let rounded = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  if (rounded >= 1024 && unit < UNITS.length - 1) {
    rounded = 1;
    unit++;
  }
  return `${rounded.toLocaleString('en-US', { maximumFractionDigits: 1 })} ${UNITS[unit]}`;
}

/** Share of the quota in use, 0–100 (one decimal, so small amounts do not show as 0 % too early); null without a quota. */
export function usagePercent(used: number, quota: number): number | null {
  if (!Number.isFinite(quota) || quota <= 0) return null;
  const percent = (Math.max(0, used) / quota) * 100;
  return Math.round(percent * 10) / 10;
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const absolute = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' });
const withSeconds = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });

/** "just now", "5 minutes ago", "yesterday", "3 days ago"; older than 30 days: the date. */
export function formatRelativeTime(iso: string, now: Date = new Date()): string {
  const then = new Date(iso);
  const seconds = Math.round((then.getTime() - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  if (Number.isNaN(abs)) return iso;
  if (abs < 45) return 'just now';
  if (abs < 45 * 60) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 22 * 3600) return relative.format(Math.round(seconds / 3600), 'hour');
  if (abs < 30 * 86400) return relative.format(Math.round(seconds / 86400), 'day');
  return dateOnly.format(then);
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : absolute.format(date);
}

export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateOnly.format(date);
}

/** Date and time to the second, for records that must be told apart (the audit trail): "26 Nov 2026, 14:53:06". */
export function formatTimestamp(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : withSeconds.format(date);
}
