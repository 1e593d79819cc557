import type { ReactNode } from 'react';
import { Button, type ButtonProps } from './Button';

export interface DialogActionsProps {
  /** The main action's text. */
  label: ReactNode;
  busy?: boolean;
  busyLabel?: ReactNode;
  onCancel: () => void;
  variant?: ButtonProps['variant'];
  /** Disables the main action (Cancel stays available). */
  disabled?: boolean;
  /** Without it the main action submits the enclosing form. */
  onConfirm?: () => void;
  /** The dismissing button's text, when "Cancel" would be ambiguous (the action itself cancels something). */
  cancelLabel?: string;
}

/** The standard dialog footer: Cancel (disabled while busy), then the main action with its busy state. */
export function DialogActions({ label, busy = false, busyLabel, onCancel, variant = 'primary', disabled, onConfirm, cancelLabel = 'Cancel' }: DialogActionsProps) {
  return (
    <div className="dialog__actions">
      <Button variant="secondary" onClick={onCancel} disabled={busy}>
        {cancelLabel}
      </Button>
      <Button
        type={onConfirm ? 'button' : 'submit'}
        variant={variant}
        disabled={disabled}
        busy={busy}
        busyLabel={busyLabel}
        onClick={onConfirm}
      >
        {label}
      </Button>
    </div>
  );
}
