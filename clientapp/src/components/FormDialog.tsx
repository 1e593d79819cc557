import type { FormEvent, ReactNode, Ref } from 'react';
import { Dialog } from './Dialog';
import { DialogActions } from './DialogActions';
import { ProblemAlert } from './ProblemAlert';

export interface FormDialogProps {
  title: string;
  description?: ReactNode;
  /** The form's accessible name (default: the title). */
  formLabel?: string;
  onClose: () => void;
  /** Called on submit; the browser's own submission is already prevented. */
  onSubmit: () => void;
  /** A request is in flight: the dialog stays open and the submit button shows `busyLabel`. */
  busy: boolean;
  submitLabel: ReactNode;
  busyLabel: string;
  /** The error summary's title and text (nothing shows while `summary` is empty). */
  errorTitle: string;
  summary: ReactNode;
  alertRef?: Ref<HTMLDivElement>;
  /** `danger`: the submit button (and the dialog) show that the action takes something away. */
  tone?: 'default' | 'danger';
  /** The fields. */
  children: ReactNode;
}

/** A dialog holding one form: the error summary, the fields, and the Cancel / submit footer. */
export function FormDialog({
  title,
  description,
  formLabel,
  onClose,
  onSubmit,
  busy,
  submitLabel,
  busyLabel,
  errorTitle,
  summary,
  alertRef,
  tone = 'default',
  children,
}: FormDialogProps) {
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSubmit();
  }

  return (
    <Dialog title={title} description={description} onClose={onClose} busy={busy} tone={tone}>
      <form className="form" noValidate onSubmit={submit} aria-label={formLabel ?? title}>
        <ProblemAlert ref={alertRef} title={errorTitle} summary={summary} />
        {children}
        <DialogActions label={submitLabel} variant={tone === 'danger' ? 'danger' : 'primary'} busy={busy} busyLabel={busyLabel} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
