import { useId, useState } from 'react';
import { asApiError, mutationStatus } from '../../api/problem';
import type { Invitation, IssuedInvitation } from '../../api/types';
import { ActionsHeader, Alert, Button, ConfirmDialog, DataTable, Dialog, formatDate, formatDateTime, LoadingState, RelativeTime, RetryAlert, RowActions } from '../../components';
import { useInvitations, useResendInvitation, useRevokeInvitation } from './api';
import { InvitationLink } from './InvitationLink';

type Open = { kind: 'revoke'; invitation: Invitation } | { kind: 'resent'; issued: IssuedInvitation } | null;

/** Pending invitations with Resend (a new link, shown once) and Revoke (users.invite). */
export function InvitationsSection({ orgId }: { orgId: string }) {
  const ids = useId();
  const invitations = useInvitations(orgId);
  const resend = useResendInvitation(orgId);
  const [open, setOpen] = useState<Open>(null);
  const [resending, setResending] = useState<string | null>(null);
  const pending = invitations.data?.filter((i) => i.status.toLowerCase() === 'pending') ?? [];

  return (
    <section className="card card--flush people" aria-labelledby={`${ids}-heading`}>
      <div className="people__header">
        <h2 id={`${ids}-heading`} className="card__title">
          Pending invitations
        </h2>
      </div>
      {invitations.isPending ? <LoadingState label="Loading invitations…" /> : null}
      {invitations.isError ? (
        <div className="people__message">
          <RetryAlert
            title="Invitations could not be loaded"
            message={invitations.error.message}
            onRetry={() => void invitations.refetch()}
          />
        </div>
      ) : null}
      {resend.isError ? (
        <div className="people__message">
          <Alert title="The invitation could not be re-sent">{asApiError(resend.error).message}</Alert>
        </div>
      ) : null}
      {invitations.isSuccess && pending.length === 0 ? (
        <p className="people__message muted">No invitations are waiting for an answer.</p>
      ) : null}
      {pending.length > 0 ? (
        <DataTable
          caption="Pending invitations"
          columns={
            <>
              <th scope="col">E-mail</th>
              <th scope="col">Role</th>
              <th scope="col">Sent</th>
              <th scope="col">Expires</th>
              <th scope="col" className="num">
                Times sent
              </th>
              <ActionsHeader />
            </>
          }
        >
          {pending.map((i) => (
            <tr key={i.id}>
              <th scope="row" className="table__primary">
                <span className="table__name">{i.email}</span>
              </th>
              <td>{i.role.name}</td>
              <td className="nowrap">
                <RelativeTime value={i.lastSentAt} />
              </td>
              <td className="nowrap">
                {i.expired ? (
                  <span className="tag tag--warning" title={`Expired ${formatDateTime(i.expiresAt)}`}>
                    Expired
                  </span>
                ) : (
                  <time dateTime={i.expiresAt} title={formatDateTime(i.expiresAt)}>
                    {formatDate(i.expiresAt)}
                  </time>
                )}
              </td>
              <td className="num">{i.sendCount}</td>
              <RowActions>
                <Button
                  variant="ghost"
                  aria-label={`Resend invitation to ${i.email}`}
                  busy={resending === i.id}
                  busyLabel="Sending…"
                  disabled={resending !== null}
                  onClick={() => {
                    setResending(i.id);
                    resend.mutate(i.id, {
                      onSuccess: (issued) => setOpen({ kind: 'resent', issued }),
                      onSettled: () => setResending(null),
                    });
                  }}
                >
                  Resend
                </Button>
                <Button
                  variant="ghost-danger"
                  aria-label={`Revoke invitation to ${i.email}`}
                  onClick={() => setOpen({ kind: 'revoke', invitation: i })}
                >
                  Revoke
                </Button>
              </RowActions>
            </tr>
          ))}
        </DataTable>
      ) : null}
      {open?.kind === 'resent' ? (
        <Dialog title="Invitation re-sent" onClose={() => setOpen(null)}>
          <InvitationLink invitation={open.issued} />
          <p className="muted">The previous link no longer works.</p>
          <div className="dialog__actions">
            <Button onClick={() => setOpen(null)}>Done</Button>
          </div>
        </Dialog>
      ) : null}
      {open?.kind === 'revoke' ? <RevokeDialog orgId={orgId} invitation={open.invitation} onClose={() => setOpen(null)} /> : null}
    </section>
  );
}

function RevokeDialog({ orgId, invitation, onClose }: { orgId: string; invitation: Invitation; onClose: () => void }) {
  const revoke = useRevokeInvitation(orgId);
  return (
    <ConfirmDialog
      title="Revoke invitation"
      tone="danger"
      actionLabel="Revoke invitation"
      busyLabel="Revoking…"
      {...mutationStatus(revoke)}
      onCancel={onClose}
      onConfirm={() => revoke.mutate(invitation.id, { onSuccess: onClose })}
    >
      <p>
        Revoke the invitation to {invitation.email}? Their link stops working at once. You can invite them again later.
      </p>
    </ConfirmDialog>
  );
}
