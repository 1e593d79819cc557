import { describe, expect, it } from 'vitest';
import { dayLabel, formatHours, formatMoney, formatSize, isMonth, monthCount, monthLabel, monthsBetween, percentText } from './format';
import { processingText, storageText } from './QuotaFigures';

describe('months', () => {
  it('reads yyyy-MM only', () => {
    expect(isMonth('2026-09')).toBe(true);
    expect(isMonth('2026-13')).toBe(false);
    expect(isMonth('2026-9')).toBe(false);
    expect(isMonth(null)).toBe(false);
  });

  it('counts and lists the months of a range across years', () => {
    expect(monthCount('2025-12', '2026-11')).toBe(12);
    expect(monthCount('2026-02', '2026-01')).toBe(0);
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-02', '2026-01')).toEqual([]);
  });

  it('writes months and days in words', () => {
    expect(monthLabel('2026-09')).toBe('Sep 2026');
    expect(dayLabel('2026-10-01')).toBe('1 Oct 2026');
    expect(dayLabel('yesterday')).toBe('yesterday');
  });
});

describe('figures', () => {
  it('writes sizes in decimal units, as storage is billed', () => {
    expect(formatSize(0)).toBe('0 B');
    expect(formatSize(12.3e9)).toBe('12.3 GB');
    expect(formatSize(100e9)).toBe('100 GB');
    expect(formatSize(999.96e9)).toBe('1 TB');
    expect(formatSize(1_500)).toBe('1.5 kB');
  });

  it('writes the share of a quota in whole percent', () => {
    expect(percentText(12.3, 100)).toBe('12 %');
    expect(percentText(0.1, 100)).toBe('< 1 %');
    expect(percentText(120, 100)).toBe('120 %');
    expect(percentText(5, null)).toBeNull();
    expect(percentText(5, 0)).toBeNull();
  });

  it('says the headline figures in words', () => {
    expect(storageText(12.3e9, 100e9)).toBe('12.3 GB of 100 GB (12 %)');
    expect(storageText(12.3e9, 0)).toBe('12.3 GB stored · no storage quota');
    expect(processingText(41.5, 100)).toBe('41.5 of 100 CPU hours (42 %)');
    expect(processingText(41.5, null)).toBe('41.5 CPU hours · no processing quota');
  });

  it('writes money in the statement’s currency, unit prices to four decimals', () => {
    expect(formatMoney(1234.5, 'EUR')).toBe('€1,234.50');
    expect(formatMoney(0.023, 'USD', { precise: true })).toBe('$0.023');
    expect(formatMoney(2.5, 'not-a-code')).toBe('2.50 not-a-code');
  });

  it('says a little processing is a little, not nothing', () => {
    expect(formatHours(41.456)).toBe('41.46');
    expect(formatHours(0.003)).toBe('< 0.01');
    expect(formatHours(0)).toBe('0');
  });
});
