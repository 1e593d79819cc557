import { useId, useState } from 'react';
import { FieldErrors, LoadingState } from '../../components';
import type { Candidates } from './useAssigneeCandidates';

export interface UserPickerProps {
  /** The legend of the group, e.g. "Assign to". */
  label: string;
  candidates: Candidates;
  selected: readonly string[];
  onChange: (userIds: string[]) => void;
  hint?: string;
  errors?: readonly string[] | undefined;
  disabled?: boolean;
  /**
   * Someone who is on the list whatever is ticked (the creator of a new sample, assigned by the server): shown ticked
   * and disabled with `reason`, and not part of `selected`.
   */
  fixed?: { userId: string; reason: string } | undefined;
}

/**
 * Picks several people: a search box that narrows the list (by name or e-mail) and one check-box per person.
 * Ticking adds, unticking removes; the order of `selected` follows the clicks.
 */
export function UserPicker({ label, candidates, selected, onChange, hint, errors, disabled = false, fixed }: UserPickerProps) {
  const id = useId();
  const [search, setSearch] = useState('');
  const term = search.trim().toLowerCase();
  const shown = term
    ? candidates.people.filter((p) => p.displayName.toLowerCase().includes(term) || (p.email ?? '').toLowerCase().includes(term))
    : candidates.people;
  const chosen = new Set(selected);
  const count = selected.filter((u) => u !== fixed?.userId).length + (fixed ? 1 : 0);
  const errorId = errors && errors.length > 0 ? `${id}-error` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;

  function toggle(userId: string, on: boolean) {
    onChange(on ? [...selected.filter((u) => u !== userId), userId] : selected.filter((u) => u !== userId));
  }

  return (
    <fieldset className={['checklist', 'picker', errorId ? 'field--invalid' : ''].filter(Boolean).join(' ')} aria-describedby={describedBy}>
      <legend className="field__label">{label}</legend>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {candidates.limited ? (
        <p className="field__hint">
          Your role cannot assign samples, so only people already assigned here (and you) are shown. Ask someone who can
          assign samples to change this.
        </p>
      ) : null}
      <div className="field">
        <label className="visually-hidden" htmlFor={`${id}-search`}>
          Find people
        </label>
        <input
          id={`${id}-search`}
          className="field__input field__input--compact"
          type="search"
          placeholder="Find people by name or e-mail"
          autoComplete="off"
          spellCheck={false}
          value={search}
          disabled={disabled}
          onChange={(e) => setSearch(e.target.value)}
        />
      </div>
      {candidates.isLoading ? <LoadingState label="Loading people…" /> : null}
      {candidates.error ? (
        <p className="field__error" role="alert">
          People could not be loaded: {candidates.error.message}
        </p>
      ) : null}
      {!candidates.isLoading && shown.length === 0 ? (
        <p className="muted">{term ? 'Nobody matches the search.' : 'Nobody can be assigned in this workspace yet.'}</p>
      ) : null}
      {shown.length > 0 ? (
        <ul className="picker__list">
          {shown.map((p) => {
            const nameId = `${id}-${p.userId}-name`;
            const emailId = p.email ? `${id}-${p.userId}-email` : undefined;
            const isFixed = fixed?.userId === p.userId;
            const reasonId = isFixed ? `${id}-${p.userId}-reason` : undefined;
            return (
              <li key={p.userId}>
                <label className="checklist__item">
                  <input
                    type="checkbox"
                    checked={isFixed || chosen.has(p.userId)}
                    disabled={disabled || isFixed}
                    // The name only: the e-mail is its description, not read a second time as part of the name.
                    aria-labelledby={nameId}
                    aria-describedby={[reasonId, emailId].filter(Boolean).join(' ') || undefined}
                    onChange={(e) => toggle(p.userId, e.target.checked)}
                  />
                  <span className="avatar" aria-hidden="true">
                    {initials(p.displayName)}
                  </span>
                  <span className="picker__who">
                    <span id={nameId}>{p.displayName}</span>
                    {isFixed ? (
                      <span id={reasonId} className="muted picker__email">
                        {fixed.reason}
                      </span>
                    ) : null}
                    {p.email ? (
                      <span id={emailId} className="muted picker__email">
                        {p.email}
                      </span>
                    ) : null}
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
      ) : null}
      <p className="muted picker__count" aria-live="polite">
        {count === 0 ? 'Nobody selected' : `${count} selected`}
      </p>
      <FieldErrors id={errorId} errors={errors} />
    </fieldset>
  );
}

/** "Ada Lovelace" → "AL"; one word → its first two letters. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  if (words.length === 1) return words[0]!.slice(0, 2).toUpperCase();
  return (words[0]![0]! + words[words.length - 1]![0]!).toUpperCase();
}
