import { formatBytes, usagePercent } from './format';

export interface StorageBarProps {
  usedBytes: number;
  quotaBytes: number;
  /** Accessible name of the meter. */
  label?: string;
}

/** Storage used against the quota: a meter plus "12.5 GiB of 1 TiB used (1.2 %)". */
export function StorageBar({ usedBytes, quotaBytes, label = 'Storage used' }: StorageBarProps) {
  const percent = usagePercent(usedBytes, quotaBytes);
  const used = formatBytes(usedBytes);
  if (percent === null) {
    return (
      <div className="storage">
        <p className="storage__text">{used} used · no quota set</p>
      </div>
    );
  }
  const quota = formatBytes(quotaBytes);
  const over = usedBytes > quotaBytes;
  const level = percent >= 95 ? 'critical' : percent >= 80 ? 'high' : 'normal';
  const text = over ? `${used} of ${quota} used — over quota` : `${used} of ${quota} used (${percent} %)`;
  return (
    <div className={`storage storage--${level}`}>
      <div
        className="storage__track"
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.min(percent, 100)}
        aria-valuetext={text}
      >
        <div className="storage__fill" style={{ width: `${Math.min(percent, 100)}%` }} />
      </div>
      <p className="storage__text">{text}</p>
    </div>
  );
}
