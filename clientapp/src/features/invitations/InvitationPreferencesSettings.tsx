import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { InvitationPreferences, Role } from '../../api/types';
import { Alert, Button, FieldErrors, LoadingState, ProblemAlert, SelectField } from '../../components';
import { useFormErrors } from '../auth/useFormErrors';
import { useRoles } from '../roles/api';
import { sortRoles } from '../roles/RoleOptions';
import { isSupervisorRole } from '../roles/rules';
import { useInvitationPreferences, useSetInvitationPreferences } from './api';

const fields = ['allowedEmailDomains', 'defaultRoleId'] as const;
export const MAX_DOMAINS = 50;

/** "lab.example.org", "@Lab.Example.org " -> "lab.example.org"; null when it is not a domain. */
export function normaliseDomain(value: string): string | null {
  const domain = value.trim().replace(/^@+/, '').toLowerCase();
  if (!/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/.test(domain)) return null;
  return domain;
}

/** Settings › Invitations: which e-mail domains may be invited (empty = any) and the role invitations start with. */
export function InvitationPreferencesSettings({ orgId }: { orgId: string }) {
  const preferences = useInvitationPreferences(orgId);
  const roles = useRoles(orgId);
  return (
    <section className="card" aria-labelledby="invitations-heading">
      <h2 id="invitations-heading" className="card__title">
        Invitations
      </h2>
      {preferences.isPending || roles.isPending ? <LoadingState label="Loading…" /> : null}
      {preferences.isError ? <Alert>{preferences.error.message}</Alert> : null}
      {roles.isError ? <Alert>{roles.error.message}</Alert> : null}
      {preferences.data && roles.data ? (
        <PreferencesForm orgId={orgId} initial={preferences.data} roles={sortRoles(roles.data)} />
      ) : null}
    </section>
  );
}

function PreferencesForm({ orgId, initial, roles }: { orgId: string; initial: InvitationPreferences; roles: Role[] }) {
  const ids = useId();
  const save = useSetInvitationPreferences(orgId);
  const [domains, setDomains] = useState<string[]>(initial.allowedEmailDomains);
  const [draft, setDraft] = useState('');
  const [draftError, setDraftError] = useState<string | null>(null);
  const [defaultRoleId, setDefaultRoleId] = useState(initial.defaultRoleId ?? '');
  const { fieldErrors, summary, field, fieldRef, alertRef } = useFormErrors(fields, save.error);
  // Field errors for single entries come back as allowedEmailDomains[0] etc.; they belong to the list.
  const listErrors = [...(fieldErrors.allowedEmailDomains ?? []), ...(draftError ? [draftError] : [])];

  function add() {
    if (!draft.trim()) return;
    const domain = normaliseDomain(draft);
    if (!domain) {
      setDraftError(`“${draft.trim()}” is not an e-mail domain (expected something like lab.example.org).`);
      return;
    }
    if (domains.length >= MAX_DOMAINS) {
      setDraftError(`At most ${MAX_DOMAINS} domains.`);
      return;
    }
    setDraftError(null);
    save.reset();
    setDomains((current) => (current.includes(domain) ? current : [...current, domain]));
    setDraft('');
  }

  function onDraftKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') {
      event.preventDefault();
      add();
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // A domain typed but not added yet is most likely meant to be included.
    let list = domains;
    if (draft.trim()) {
      const domain = normaliseDomain(draft);
      if (!domain) {
        setDraftError(`“${draft.trim()}” is not an e-mail domain (expected something like lab.example.org).`);
        return;
      }
      list = domains.includes(domain) ? domains : [...domains, domain];
      setDomains(list);
      setDraft('');
    }
    setDraftError(null);
    save.mutate({ allowedEmailDomains: list, defaultRoleId: defaultRoleId || null });
  }

  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-label="Invitation preferences">
      <ProblemAlert ref={alertRef} title="The invitation preferences could not be saved" summary={summary} />
      {save.isSuccess ? <Alert tone="info">Invitation preferences saved.</Alert> : null}
      <fieldset className={listErrors.length > 0 ? 'field field--invalid domains' : 'field domains'}>
        <legend className="field__label">Allowed e-mail domains</legend>
        <p className="field__hint" id={`${ids}-hint`}>
          Only addresses at these domains (and their subdomains) can be invited. Leave the list empty to allow any address.
        </p>
        {domains.length === 0 ? (
          <p className="muted">Any e-mail address can be invited.</p>
        ) : (
          <ul className="domains__list" aria-label="Allowed e-mail domains">
            {domains.map((d) => (
              <li key={d} className="domains__item">
                <span>{d}</span>
                <Button
                  variant="ghost-danger"
                  aria-label={`Remove ${d}`}
                  onClick={() => {
                    save.reset();
                    setDomains((current) => current.filter((x) => x !== d));
                  }}
                >
                  Remove
                </Button>
              </li>
            ))}
          </ul>
        )}
        <div className="domains__add">
          <label className="visually-hidden" htmlFor={`${ids}-add`}>
            Domain to allow
          </label>
          <input
            ref={fieldRef('allowedEmailDomains')}
            id={`${ids}-add`}
            className="field__input"
            placeholder="lab.example.org"
            autoComplete="off"
            spellCheck={false}
            value={draft}
            aria-invalid={listErrors.length > 0 ? true : undefined}
            aria-describedby={[listErrors.length > 0 ? `${ids}-error` : '', `${ids}-hint`].filter(Boolean).join(' ')}
            onChange={(e) => {
              setDraft(e.target.value);
              setDraftError(null);
            }}
            onKeyDown={onDraftKey}
          />
          <Button variant="secondary" onClick={add}>
            Add domain
          </Button>
        </div>
        <FieldErrors id={`${ids}-error`} errors={listErrors} />
      </fieldset>
      <SelectField
        {...field('defaultRoleId')}
        label="Default role for invitations"
        value={defaultRoleId}
        onChange={(e) => {
          save.reset();
          setDefaultRoleId(e.target.value);
        }}
        hint="Pre-selected when someone invites a person; the inviter can still choose another role."
      >
        <option value="">No preference (Analyst)</option>
        {roles.map((r) =>
          isSupervisorRole(r) ? (
            <option key={r.id} value={r.id} disabled title="The Group Supervisor role cannot be the default for invitations.">
              {r.name} — cannot be the default
            </option>
          ) : (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ),
        )}
      </SelectField>
      <div className="form__actions">
        <Button type="submit" busy={save.isPending} busyLabel="Saving…">
          Save invitation preferences
        </Button>
      </div>
    </form>
  );
}
