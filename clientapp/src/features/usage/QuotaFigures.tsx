import { formatHours, formatSize, meterValue, percentText } from './format';

/** "12.3 GB of 100 GB (12 %)", or what is stored when there is no storage quota. */
export function storageText(usedBytes: number, quotaBytes: number): string {
  const percent = percentText(usedBytes, quotaBytes);
  return percent === null
    ? `${formatSize(usedBytes)} stored · no storage quota`
    : `${formatSize(usedBytes)} of ${formatSize(quotaBytes)} (${percent})`;
}

/** "41.5 of 100 CPU hours (42 %)", or "41.5 CPU hours · no processing quota". */
export function processingText(hoursThisMonth: number, quotaHours: number | null): string {
  const percent = percentText(hoursThisMonth, quotaHours);
  return percent === null || quotaHours === null
    ? `${formatHours(hoursThisMonth)} CPU hours · no processing quota`
    : `${formatHours(hoursThisMonth)} of ${formatHours(quotaHours)} CPU hours (${percent})`;
}

/** A bar of the share used (role meter, its words as the value text), coloured from 80 % and 95 %; just the words without a quota. */
function QuotaMeter({ label, used, quota, text }: { label: string; used: number; quota: number | null; text: string }) {
  const value = meterValue(used, quota);
  if (value === null) {
    return (
      <div className="storage">
        <p className="storage__text">{text}</p>
      </div>
    );
  }
  const share = quota ? used / quota : 0;
  const level = share >= 0.95 ? 'critical' : share >= 0.8 ? 'high' : 'normal';
  return (
    <div className={`storage storage--${level}`}>
      <div className="storage__track" role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={value} aria-valuetext={text}>
        <div className="storage__fill" style={{ width: `${value}%` }} />
      </div>
      <p className="storage__text">{text}</p>
    </div>
  );
}

export interface QuotaFiguresProps {
  storageUsedBytes: number;
  storageQuotaBytes: number;
  processingHoursThisMonth: number;
  processingHoursQuota: number | null;
  /** The level of the two figures' headings (3 inside a section of its own). */
  headingLevel?: 2 | 3;
}

/** The headline figures: storage held now against its quota, and this month's processing against its quota. */
export function QuotaFigures({
  storageUsedBytes,
  storageQuotaBytes,
  processingHoursThisMonth,
  processingHoursQuota,
  headingLevel = 2,
}: QuotaFiguresProps) {
  const Heading = headingLevel === 3 ? 'h3' : 'h2';
  return (
    <div className="stats usage-figures">
      <div className="card stat">
        <Heading className="stat__label">Storage used</Heading>
        <QuotaMeter
          label="Storage used"
          used={storageUsedBytes}
          quota={storageQuotaBytes}
          text={storageText(storageUsedBytes, storageQuotaBytes)}
        />
      </div>
      <div className="card stat">
        <Heading className="stat__label">Processing this month</Heading>
        <QuotaMeter
          label="Processing this month"
          used={processingHoursThisMonth}
          quota={processingHoursQuota}
          text={processingText(processingHoursThisMonth, processingHoursQuota)}
        />
      </div>
    </div>
  );
}
