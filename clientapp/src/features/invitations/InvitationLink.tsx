import { useId, useRef, useState } from 'react';
import type { IssuedInvitation } from '../../api/types';
import { Button, formatDateTime } from '../../components';

/**
 * The accept link of an invitation just created or re-sent. The server stores only a hash of the token, so the link
 * can be shown this once; closing the dialog forgets it (re-sending issues a new one).
 */
export function InvitationLink({ invitation }: { invitation: IssuedInvitation }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'select' | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(invitation.acceptUrl);
      setCopied('yes');
    } catch {
      // No clipboard access (permissions, insecure origin): select the text so it can be copied by hand.
      input.current?.focus();
      input.current?.select();
      setCopied('select');
    }
  }

  return (
    <div className="invite-link">
      <p>
        An invitation e-mail is on its way to <strong>{invitation.email}</strong>. You can also share this link with them
        yourself; it works once, for that address, until {formatDateTime(invitation.expiresAt)}.
      </p>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-link`}>
          Invitation link
        </label>
        <div className="invite-link__row">
          <input
            ref={input}
            id={`${id}-link`}
            className="field__input invite-link__url"
            readOnly
            value={invitation.acceptUrl}
            onFocus={(e) => e.currentTarget.select()}
            aria-describedby={`${id}-once`}
          />
          <Button variant="secondary" onClick={() => void copy()}>
            Copy invitation link
          </Button>
        </div>
        <p className="field__hint" id={`${id}-once`}>
          This link is shown only once. If it is lost, re-send the invitation to get a new one.
        </p>
      </div>
      <p className="invite-link__status" role="status" aria-live="polite">
        {copied === 'yes' ? 'Link copied to the clipboard.' : copied === 'select' ? 'Press Ctrl+C (⌘C) to copy the selected link.' : ''}
      </p>
    </div>
  );
}
