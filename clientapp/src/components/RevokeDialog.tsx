import { mutationStatus } from '../api/problem';
import { ConfirmDialog } from './ConfirmDialog';
import { useStatusMessage } from './StatusMessages';

export interface RevokeDialogProps {
  /** What is revoked, e.g. "token": the title and the button say "Revoke token". */
  noun: string;
  name: string;
  /** What stops, said after "Revoke <name>?". */
  consequence: string;
  /** The revoke mutation (one per opening of the dialog), called with `id`. */
  revoke: {
    isPending: boolean;
    error: unknown;
    mutate: (id: string, options: { onSuccess: () => void }) => void;
  };
  id: string;
  onClose: () => void;
}

/** Asks before revoking a credential (a token, a client), then revokes it, announces it and closes. */
export function RevokeDialog({ noun, name, consequence, revoke, id, onClose }: RevokeDialogProps) {
  const announce = useStatusMessage();
  const title = `Revoke ${noun}`;
  return (
    <ConfirmDialog
      title={title}
      tone="danger"
      actionLabel={title}
      busyLabel="Revoking…"
      {...mutationStatus(revoke)}
      onCancel={onClose}
      onConfirm={() =>
        revoke.mutate(id, {
          onSuccess: () => {
            announce(`${noun.charAt(0).toUpperCase()}${noun.slice(1)} “${name}” revoked.`);
            onClose();
          },
        })
      }
    >
      <p>
        Revoke <strong>{name}</strong>? {consequence}
      </p>
    </ConfirmDialog>
  );
}
