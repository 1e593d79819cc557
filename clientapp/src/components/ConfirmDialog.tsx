import type { ReactNode } from 'react';
import { Alert } from './Alert';
import { Dialog } from './Dialog';
import { DialogActions } from './DialogActions';

export interface ConfirmDialogProps {
  title: string;
  /** What will happen, in plain words. */
  children: ReactNode;
  actionLabel: string;
  busyLabel?: string;
  busy?: boolean;
  tone?: 'default' | 'danger';
  /** A readable message when the action failed (the problem's detail). */
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
  /** The dismissing button's text (default "Cancel"). */
  cancelLabel?: string;
}

/** A yes/no confirmation for actions that are not destructive enough to need typing (see TypedConfirmDialog). */
export function ConfirmDialog({
  title,
  children,
  actionLabel,
  busyLabel,
  busy = false,
  tone = 'default',
  error,
  onConfirm,
  onCancel,
  cancelLabel,
}: ConfirmDialogProps) {
  return (
    <Dialog title={title} onClose={onCancel} tone={tone} busy={busy}>
      <div className="dialog__text">{children}</div>
      {error ? <Alert>{error}</Alert> : null}
      <DialogActions
        label={actionLabel}
        variant={tone === 'danger' ? 'danger' : 'primary'}
        busy={busy}
        busyLabel={busyLabel}
        onCancel={onCancel}
        onConfirm={onConfirm}
        cancelLabel={cancelLabel}
      />
    </Dialog>
  );
}
