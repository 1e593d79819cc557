import { formatBytes } from '../../components';

/** "12.5 MiB/s". */
export function formatSpeed(bytesPerSecond: number): string {
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** Time left in words a person reads at a glance: "less than a second", "42 s", "3 min 5 s", "12 min", "1 h 20 min". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '';
  if (seconds < 1) return 'less than a second';
  const s = Math.ceil(seconds);
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 10) return s % 60 === 0 ? `${minutes} min` : `${minutes} min ${s % 60} s`;
  if (minutes < 60) return `${Math.round(s / 60)} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}

/** The first characters of a SHA-256 (enough to compare by eye); the whole value goes to the clipboard. */
export function shortHash(sha256: string, length = 12): string {
  return sha256.length > length ? `${sha256.slice(0, length)}…` : sha256;
}

/** "R1", "R2", or "" for a file that is not one read of a pair. */
export function readLabel(readNumber: number | null | undefined): string {
  return readNumber === 1 ? 'R1' : readNumber === 2 ? 'R2' : '';
}
