import type { ReactNode } from 'react';
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { dayLabel, formatHours, formatNumber, formatSize, gigabytes, monthLabel } from './format';

// The charts are pictures of the tables under them: each is one image (role img) named by what it shows, and the
// table beside it holds the same figures for those who do not see it — the chart itself takes no focus and says nothing
// more (no accessibility layer, no keyboard tooltip).

const HEIGHT = 280;
/** The size drawn before the container is measured (and where it cannot be, as in tests). */
const INITIAL = { width: 720, height: HEIGHT };
const AXIS = { fontSize: 12, fill: '#55626f' };

/** Workspace colours of the stacked bars, told apart by the legend and the table too. */
export const SERIES_COLOURS = ['#0b5c6b', '#b7791f', '#6b46c1', '#2f855a', '#c53030', '#2b6cb0', '#975a16', '#702459'] as const;

/** A chart with its caption: the figure is named by `title` (the section's heading id); `summary` is the image's name. */
export function ChartFigure({ labelledBy, summary, caption, children }: { labelledBy: string; summary: string; caption: ReactNode; children: ReactNode }) {
  return (
    <figure className="usage-figure" aria-labelledby={labelledBy}>
      <div className="usage-chart" role="img" aria-label={summary}>
        <ResponsiveContainer width="100%" height={HEIGHT} initialDimension={INITIAL}>
          {children}
        </ResponsiveContainer>
      </div>
      <figcaption className="usage-figure__caption">{caption}</figcaption>
    </figure>
  );
}

export interface StoragePoint {
  day: string;
  gb: number;
}

/** The organization's storage per day (GB), with the quota as a dashed line. */
export function StorageChart({ data, quotaBytes }: { data: StoragePoint[]; quotaBytes: number }) {
  const quota = quotaBytes > 0 ? gigabytes(quotaBytes) : null;
  return (
    <AreaChart data={data} accessibilityLayer={false} margin={{ top: 16, right: 24, bottom: 4, left: 8 }}>
      <CartesianGrid strokeDasharray="3 3" stroke="#d8dee4" />
      <XAxis dataKey="day" tickFormatter={(day: string) => dayLabel(day)} tick={AXIS} minTickGap={32} />
      <YAxis tickFormatter={(gb: number) => `${formatNumber(gb, 1)} GB`} tick={AXIS} width={72} />
      <Tooltip
        labelFormatter={(day) => dayLabel(String(day))}
        formatter={(gb) => [formatSize(Number(gb) * 1e9), 'Stored']}
      />
      <Area type="monotone" dataKey="gb" name="Stored" stroke="#0b5c6b" fill="#0b5c6b" fillOpacity={0.15} isAnimationActive={false} />
      {quota !== null ? (
        <ReferenceLine
          y={quota}
          stroke="#b3261e"
          strokeDasharray="6 4"
          ifOverflow="extendDomain"
          label={{ value: `Quota ${formatSize(quotaBytes)}`, position: 'insideTopRight', fill: '#b3261e', fontSize: 12 }}
        />
      ) : null}
    </AreaChart>
  );
}

export interface Series {
  key: string;
  name: string;
}

/** Bars per month (`data[i].month` yyyy-MM), one per series, stacked when there are several. */
export function MonthlyHoursChart({ data, series }: { data: Record<string, number | string>[]; series: Series[] }) {
  return (
    <BarChart data={data} accessibilityLayer={false} margin={{ top: 16, right: 24, bottom: 4, left: 8 }}>
      <CartesianGrid strokeDasharray="3 3" stroke="#d8dee4" vertical={false} />
      <XAxis dataKey="month" tickFormatter={(month: string) => monthLabel(month)} tick={AXIS} />
      <YAxis tickFormatter={(hours: number) => formatNumber(hours, hours > 0 && hours < 1 ? 3 : 1)} tick={AXIS} width={56} label={{ value: 'CPU hours', angle: -90, position: 'insideLeft', ...AXIS }} />
      <Tooltip labelFormatter={(month) => monthLabel(String(month))} formatter={(hours, name) => [`${formatHours(Number(hours))} CPU hours`, name]} />
      {series.length > 1 ? <Legend /> : null}
      {series.map((s, i) => (
        <Bar key={s.key} dataKey={s.key} name={s.name} stackId="hours" fill={SERIES_COLOURS[i % SERIES_COLOURS.length]} isAnimationActive={false} />
      ))}
    </BarChart>
  );
}
