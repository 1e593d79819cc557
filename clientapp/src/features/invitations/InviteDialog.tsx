import { useId, useMemo, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/problem';
import type { IssuedInvitation, Role } from '../../api/types';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  FieldErrors,
  formatDateTime,
  LoadingState,
  ProblemAlert,
  SelectField,
  TextAreaField,
} from '../../components';
import { useFormErrors } from '../auth/useFormErrors';
import { usePermissions } from '../organizations/permissions';
import { useRoles } from '../roles/api';
import { RoleOptions, sortRoles } from '../roles/RoleOptions';
import { cannotAssignReason, type Actor } from '../roles/rules';
import { useActor } from '../roles/useActor';
import { useWorkspaces } from '../workspaces/api';
import { useInvitationPreferences, useSendInvitations, type InvitationOutcome } from './api';
import { InvitationLink } from './InvitationLink';

const fields = ['email', 'roleId', 'workspaceIds'] as const;

/** At most this many addresses at once (one request each). */
export const MAX_ADDRESSES = 50;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The addresses typed, separated by commas, semicolons, spaces or new lines; each once (any case), in order. */
export function parseAddresses(text: string): string[] {
  const seen = new Set<string>();
  const addresses: string[] = [];
  for (const part of text.split(/[\s,;]+/)) {
    const address = part.trim();
    if (!address || seen.has(address.toLowerCase())) continue;
    seen.add(address.toLowerCase());
    addresses.push(address);
  }
  return addresses;
}

/** Client-side check of the addresses (the server is the authority). */
export function addressErrors(addresses: readonly string[]): string[] {
  if (addresses.length === 0) return ['Enter the e-mail address of the person to invite.'];
  if (addresses.length > MAX_ADDRESSES) return [`Invite at most ${MAX_ADDRESSES} people at once.`];
  return addresses.filter((a) => !EMAIL.test(a)).map((a) => `“${a}” is not a valid e-mail address (like ada@example.org).`);
}

/**
 * The refusals of one batch as one form error: a line per refused address next to the addresses field ("x@y: why"),
 * and role or workspace errors next to their fields.
 */
function refusals(failed: readonly Extract<InvitationOutcome, { error: ApiError }>[]): ApiError {
  const errors: Record<string, string[]> = { email: [] };
  for (const { email, error } of failed) {
    const own = error.fieldErrors.email;
    const others = Object.values(error.fieldErrors).flat();
    errors.email!.push(`${email}: ${(own ?? (others.length > 0 ? others : [error.message])).join(' ')}`);
    for (const key of ['roleId', 'workspaceIds']) {
      for (const message of error.fieldErrors[key] ?? []) {
        if (!errors[key]?.includes(message)) errors[key] = [...(errors[key] ?? []), message];
      }
    }
  }
  const detail = failed.length === 1 ? 'The invitation could not be sent.' : `${failed.length} invitations could not be sent.`;
  return new ApiError(400, { title: detail, detail, errors }, detail);
}

/** The role an invitation starts with: the organization's default when I may give it, else Analyst, else the first I may give. */
export function defaultInvitationRole(roles: readonly Role[], defaultRoleId: string | null | undefined, actor: Actor): string {
  const assignable = roles.filter((r) => cannotAssignReason(r, actor) === null);
  const preferred =
    assignable.find((r) => r.id === defaultRoleId) ?? assignable.find((r) => r.builtInKey === 'Analyst') ?? assignable[0];
  return preferred?.id ?? '';
}

/**
 * "Invite people": one or several e-mail addresses (commas, semicolons, spaces or new lines between them), a role and
 * workspaces. Each address is sent on its own: when all are sent the accept links are shown once (with copy buttons);
 * when some are refused the form stays, holding only the refused addresses, each with the server's reason.
 */
export function InviteDialog({ orgId, onClose }: { orgId: string; onClose: () => void }) {
  const roles = useRoles(orgId);
  const preferences = useInvitationPreferences(orgId);
  const [issued, setIssued] = useState<IssuedInvitation[] | null>(null);
  const [round, setRound] = useState(0);
  const ready = roles.data && !preferences.isPending;

  return (
    <Dialog
      title="Invite people"
      onClose={onClose}
      description={issued ? undefined : 'They join with the role and workspaces you choose here.'}
    >
      {issued ? (
        <>
          {issued.length === 1 ? <InvitationLink invitation={issued[0]!} /> : <SentInvitations invitations={issued} />}
          <div className="dialog__actions">
            <Button
              variant="secondary"
              onClick={() => {
                setIssued(null);
                setRound((r) => r + 1);
              }}
            >
              Invite someone else
            </Button>
            <Button onClick={onClose}>Done</Button>
          </div>
        </>
      ) : roles.isError ? (
        <Alert title="Roles could not be loaded">{roles.error.message}</Alert>
      ) : !ready ? (
        <LoadingState label="Loading roles…" />
      ) : (
        <InviteForm
          key={round}
          orgId={orgId}
          roles={sortRoles(roles.data)}
          defaultRoleId={preferences.data?.defaultRoleId ?? null}
          allowedDomains={preferences.data?.allowedEmailDomains ?? []}
          onIssued={setIssued}
          onCancel={onClose}
        />
      )}
    </Dialog>
  );
}

/** Invitations just sent to several people: each address, until when its link works, and a button copying the link. */
export function SentInvitations({ invitations, intro }: { invitations: readonly IssuedInvitation[]; intro?: string }) {
  const [copied, setCopied] = useState<string | null>(null);

  async function copy(invitation: IssuedInvitation) {
    try {
      await navigator.clipboard.writeText(invitation.acceptUrl);
      setCopied(`Link for ${invitation.email} copied to the clipboard.`);
    } catch {
      setCopied(`The link could not be copied; ${invitation.email} receives it by e-mail.`);
    }
  }

  return (
    <div className="invite-link">
      <p>
        {intro ??
          `Invitation e-mails are on their way to these ${invitations.length} addresses. You can also share the links yourself; each works once, for its address. The links are shown only now.`}
      </p>
      <ul className="list" aria-label="Invitations sent">
        {invitations.map((invitation) => (
          <li key={invitation.id} className="list__item">
            <span className="list__primary wrap-anywhere">{invitation.email}</span>
            <span className="list__secondary">Link valid until {formatDateTime(invitation.expiresAt)}</span>
            <span>
              <Button variant="ghost" aria-label={`Copy invitation link for ${invitation.email}`} onClick={() => void copy(invitation)}>
                Copy link
              </Button>
            </span>
          </li>
        ))}
      </ul>
      <p className="invite-link__status" role="status" aria-live="polite">
        {copied ?? ''}
      </p>
    </div>
  );
}

interface InviteFormProps {
  orgId: string;
  roles: Role[];
  defaultRoleId: string | null;
  allowedDomains: string[];
  onIssued: (invitations: IssuedInvitation[]) => void;
  onCancel: () => void;
}

function InviteForm({ orgId, roles, defaultRoleId, allowedDomains, onIssued, onCancel }: InviteFormProps) {
  const ids = useId();
  const { can } = usePermissions(orgId);
  const actor = useActor(orgId);
  // With access management every workspace may be offered; otherwise only those I can enter (the server checks too).
  const workspaces = useWorkspaces(orgId, { all: can('workspaces.access.manage') });
  const send = useSendInvitations(orgId);
  const [text, setText] = useState('');
  const [roleId, setRoleId] = useState(() => defaultInvitationRole(roles, defaultRoleId, actor));
  const [workspaceIds, setWorkspaceIds] = useState<string[]>([]);
  // The last batch that was partly refused: what was sent, and the refusals (kept next to the fields).
  const [partial, setPartial] = useState<{ sent: IssuedInvitation[]; total: number; refused: ApiError | null } | null>(null);
  const serverError = useMemo(() => send.error ?? partial?.refused ?? null, [send.error, partial]);
  const { fieldErrors, summary, validate, field, alertRef } = useFormErrors(fields, serverError);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const emails = parseAddresses(text);
    const ok = validate({ email: addressErrors(emails), roleId: roleId ? [] : ['Choose a role.'] });
    // The previous refusals no longer apply (what was sent stays listed).
    setPartial((previous) => previous && { ...previous, refused: null });
    if (!ok) {
      send.reset();
      return;
    }
    send.mutate(
      { emails, roleId, workspaceIds },
      {
        onSuccess: (outcomes) => {
          const sent = outcomes.flatMap((o) => (o.issued ? [o.issued] : []));
          const failed = outcomes.filter((o): o is Extract<InvitationOutcome, { error: ApiError }> => o.error !== undefined);
          if (failed.length === 0) {
            onIssued(sent);
            return;
          }
          // Only the refused addresses stay in the field, to be corrected or removed; what was sent is listed above.
          setText(failed.map((f) => f.email).join('\n'));
          setPartial((previous) => ({ sent: [...(previous?.sent ?? []), ...sent], total: outcomes.length, refused: refusals(failed) }));
        },
      },
    );
  }

  function toggleWorkspace(id: string, checked: boolean) {
    setWorkspaceIds((current) => (checked ? [...current, id] : current.filter((w) => w !== id)));
  }

  const refusedCount = partial?.refused?.fieldErrors.email?.length ?? 0;
  const workspaceErrors = fieldErrors.workspaceIds;
  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-label="Invite people">
      <ProblemAlert
        ref={alertRef}
        title={
          partial?.refused && !send.error
            ? `${refusedCount} of ${partial.total} ${partial.total === 1 ? 'invitation' : 'invitations'} could not be sent`
            : 'The invitation could not be sent'
        }
        summary={summary}
      />
      {partial && partial.sent.length > 0 ? (
        <SentInvitations
          invitations={partial.sent}
          intro={`Sent to ${partial.sent.length === 1 ? 'this address' : `these ${partial.sent.length} addresses`}; the links are shown only now. The refused addresses are still in the field below.`}
        />
      ) : null}
      <TextAreaField
        {...field('email')}
        label="E-mail addresses"
        autoComplete="off"
        spellCheck={false}
        required
        rows={3}
        value={text}
        onChange={(e) => setText(e.target.value)}
        hint={
          <>
            One or several addresses, separated by commas, semicolons, spaces or new lines.
            {allowedDomains.length > 0 ? ` Only addresses at ${allowedDomains.join(', ')} can be invited.` : ''}
          </>
        }
      />
      <SelectField
        {...field('roleId')}
        label="Role"
        value={roleId}
        onChange={(e) => setRoleId(e.target.value)}
        hint="What they may do once they join. Roles you may not give are shown but cannot be chosen."
      >
        {roleId ? null : <option value="">Choose a role</option>}
        <RoleOptions roles={roles} actor={actor} />
      </SelectField>
      <fieldset
        className={workspaceErrors ? 'field field--invalid checklist' : 'field checklist'}
        aria-describedby={workspaceErrors ? `${ids}-ws-error` : `${ids}-ws-hint`}
      >
        <legend className="field__label">Workspaces</legend>
        <p className="field__hint" id={`${ids}-ws-hint`}>
          The workspaces they can enter after joining. Group Supervisors enter every workspace.
        </p>
        {workspaces.isPending ? <LoadingState label="Loading workspaces…" /> : null}
        {workspaces.isError ? <Alert>{workspaces.error.message}</Alert> : null}
        {workspaces.data?.length === 0 ? <p className="muted">There are no workspaces you can offer.</p> : null}
        {workspaces.data?.map((w) => (
          <label key={w.id} className="checklist__item">
            <input type="checkbox" checked={workspaceIds.includes(w.id)} onChange={(e) => toggleWorkspace(w.id, e.target.checked)} />
            <span>{w.name}</span>
          </label>
        ))}
        <FieldErrors id={`${ids}-ws-error`} errors={workspaceErrors} />
      </fieldset>
      <DialogActions
        label={parseAddresses(text).length > 1 ? 'Send invitations' : 'Send invitation'}
        busy={send.isPending}
        busyLabel="Sending…"
        onCancel={onCancel}
      />
    </form>
  );
}
