import type { ReactNode } from 'react';
import { Alert } from './Alert';
import { Button } from './Button';
import { CopyButton } from './CopyButton';
import { Dialog } from './Dialog';

export interface ShownOnceDialogProps {
  title: string;
  /** What must be copied now, e.g. "token". */
  what: string;
  /** What to do when it is lost, e.g. "If it is lost, revoke it and create another one." */
  ifLost: string;
  onClose: () => void;
  /** The values (SecretValue) and how to use them (CodeExample). */
  children: ReactNode;
}

/**
 * A credential just created (a token, a client's secret): the server keeps only a hash of it, so this dialog is the one
 * time it is seen. Closing it forgets it.
 */
export function ShownOnceDialog({ title, what, ifLost, onClose, children }: ShownOnceDialogProps) {
  return (
    <Dialog title={title} onClose={onClose}>
      <Alert tone="info" title={`Copy the ${what} now: it will not be shown again`}>
        {ifLost}
      </Alert>
      {children}
      <div className="dialog__actions">
        <Button onClick={onClose}>Done</Button>
      </div>
    </Dialog>
  );
}

/** A value to copy (a token, a client id or secret), with its copy button. */
export function SecretValue({ value, copyLabel, copied }: { value: string; copyLabel: string; copied: string }) {
  return (
    <div className="secret">
      <code className="secret__value">{value}</code>
      <CopyButton text={value} label={copyLabel} copied={copied} />
    </div>
  );
}

/** A command to run as it is (real values filled in), with its copy button. */
export function CodeExample({ text, copyLabel, copied }: { text: string; copyLabel: string; copied: string }) {
  return (
    <>
      <pre className="code-example">
        <code>{text}</code>
      </pre>
      <div className="actions">
        <CopyButton text={text} label={copyLabel} copied={copied} />
      </div>
    </>
  );
}
