import { formatDate, formatDateTime, formatRelativeTime } from './format';

/** A <time> showing "5 minutes ago", with the exact date and time on hover and for assistive technology. */
export function RelativeTime({ value }: { value: string }) {
  const exact = formatDateTime(value);
  return (
    <time dateTime={value} title={exact}>
      {formatRelativeTime(value)}
    </time>
  );
}

/** A <time> showing the date, with the date and time on hover. */
export function Day({ value }: { value: string }) {
  return (
    <time dateTime={value} title={formatDateTime(value)}>
      {formatDate(value)}
    </time>
  );
}
