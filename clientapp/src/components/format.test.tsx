import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatBytes, formatRelativeTime, usagePercent } from './format';
import { StorageBar } from './StorageBar';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [-5, '0 B'],
    [512, '512 B'],
    [1024, '1 KiB'],
    [1536, '1.5 KiB'],
    [10 * 1024 ** 2, '10 MiB'],
    [12.34 * 1024 ** 3, '12 GiB'],
    [1.25 * 1024 ** 3, '1.3 GiB'],
    [1024 ** 4, '1 TiB'],
    [1023.99 * 1024, '1 MiB'],
    [2.5 * 1024 ** 5, '2.5 PiB'],
  ])('%d bytes -> %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('usagePercent', () => {
  it('is the share of the quota with one decimal, null without a quota', () => {
    expect(usagePercent(256, 1024)).toBe(25);
    expect(usagePercent(1, 3)).toBe(33.3);
    expect(usagePercent(5, 0)).toBeNull();
  });
});

describe('StorageBar', () => {
  it('shows used and quota in readable units with the percentage', () => {
    render(<StorageBar usedBytes={1.5 * 1024 ** 3} quotaBytes={1024 ** 3 * 10} />);
    const meter = screen.getByRole('meter', { name: 'Storage used' });
    expect(meter.getAttribute('aria-valuenow')).toBe('15');
    expect(meter.getAttribute('aria-valuetext')).toBe('1.5 GiB of 10 GiB used (15 %)');
    expect(screen.getByText('1.5 GiB of 10 GiB used (15 %)')).toBeTruthy();
    expect((meter.firstElementChild as HTMLElement).style.width).toBe('15%');
  });

  it('caps the bar at 100 % and says when the quota is exceeded', () => {
    render(<StorageBar usedBytes={3 * 1024 ** 4} quotaBytes={2 * 1024 ** 4} />);
    const meter = screen.getByRole('meter');
    expect(meter.getAttribute('aria-valuenow')).toBe('100');
    expect(screen.getByText('3 TiB of 2 TiB used — over quota')).toBeTruthy();
    expect(meter.closest('.storage')!.className).toContain('storage--critical');
  });

  it('shows only the amount used when there is no quota', () => {
    render(<StorageBar usedBytes={2048} quotaBytes={0} />);
    expect(screen.queryByRole('meter')).toBeNull();
    expect(screen.getByText('2 KiB used · no quota set')).toBeTruthy();
  });
});

describe('formatRelativeTime', () => {
  const now = new Date('2025-06-10T12:00:00Z');
  it.each([
    ['2025-06-10T11:59:30Z', 'just now'],
    ['2025-06-10T11:55:00Z', '5 minutes ago'],
    ['2025-06-10T09:00:00Z', '3 hours ago'],
    ['2025-06-09T12:00:00Z', 'yesterday'],
    ['2025-06-03T12:00:00Z', '7 days ago'],
    ['2025-01-02T12:00:00Z', '2 Jan 2025'],
  ])('%s -> %s', (iso, text) => {
    expect(formatRelativeTime(iso, now)).toBe(text);
  });
});
