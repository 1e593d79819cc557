import { formatDuration } from '../files/format';
import { isRunStatus, STATUS_LABELS, type Analysis } from './types';
import './analyses.css';

// Small pieces a run is shown with, in the tables and on its page.

const TONES: Record<string, string> = {
  QUEUED: 'waiting',
  INITIALIZING: 'active',
  RUNNING: 'active',
  CANCELING: 'active',
  COMPLETE: 'done',
  EXECUTOR_ERROR: 'failed',
  SYSTEM_ERROR: 'failed',
  CANCELED: 'waiting',
};

/** "Running", "Failed", … in a coloured badge; an unknown state as the server sent it. */
export function RunStatusBadge({ status }: { status: string }) {
  return <span className={`run-status run-status--${TONES[status] ?? 'waiting'}`}>{statusLabel(status)}</span>;
}

export function statusLabel(status: string): string {
  return isRunStatus(status) ? STATUS_LABELS[status] : status;
}

/** Complete steps out of all steps. */
export function stepProgress(steps: Analysis['steps']): { done: number; total: number } {
  return { done: steps.filter((s) => s.status === 'COMPLETE').length, total: steps.length };
}

/** The steps as a progress bar: "2 of 6 steps complete". `label` names the bar (which run). */
export function RunProgress({ steps, label }: { steps: Analysis['steps']; label: string }) {
  const { done, total } = stepProgress(steps);
  const percent = total === 0 ? 0 : Math.round((done / total) * 100);
  const text = `${done} of ${total} ${total === 1 ? 'step' : 'steps'} complete`;
  return (
    <div className="run-progress">
      <div
        className="run-progress__track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={text}
      >
        <div className="run-progress__fill" style={{ width: `${percent}%` }} />
      </div>
      <span className="run-progress__text">{text}</span>
    </div>
  );
}

/** Seconds of processing as a person reads them ("3 min 5 s"); a dash when not measured (yet). */
export function processingTime(seconds: number | null | undefined): string {
  return seconds === null || seconds === undefined ? '—' : formatDuration(seconds);
}
