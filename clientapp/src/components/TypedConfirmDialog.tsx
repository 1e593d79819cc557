import { useState, type FormEvent, type ReactNode } from 'react';
import { Alert } from './Alert';
import { Dialog } from './Dialog';
import { DialogActions } from './DialogActions';
import { TextField } from './TextField';

export interface TypedConfirmDialogProps {
  title: string;
  /** What will happen, in plain words. */
  children: ReactNode;
  /** The text that must be typed exactly (e.g. the workspace's name). */
  confirmText: string;
  actionLabel: string;
  busyLabel?: string;
  busy?: boolean;
  /** A readable message when the action failed (the problem's detail). */
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Confirmation of a destructive action: the action button stays disabled until the exact text is typed. */
export function TypedConfirmDialog({
  title,
  children,
  confirmText,
  actionLabel,
  busyLabel,
  busy = false,
  error,
  onConfirm,
  onCancel,
}: TypedConfirmDialogProps) {
  const [typed, setTyped] = useState('');
  const matches = typed === confirmText;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (matches && !busy) onConfirm();
  }

  return (
    <Dialog title={title} onClose={onCancel} tone="danger" busy={busy}>
      <form className="form" onSubmit={onSubmit} noValidate aria-label={title}>
        <div className="dialog__text">{children}</div>
        {error ? <Alert>{error}</Alert> : null}
        <TextField
          label={`Type “${confirmText}” to confirm`}
          name="confirm"
          autoComplete="off"
          spellCheck={false}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          hint="This cannot be undone."
        />
        <DialogActions label={actionLabel} variant="danger" disabled={!matches} busy={busy} busyLabel={busyLabel} onCancel={onCancel} />
      </form>
    </Dialog>
  );
}
