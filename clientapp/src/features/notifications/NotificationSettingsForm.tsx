import { useId, useState, type FormEvent } from 'react';
import type { UseMutationResult } from '@tanstack/react-query';
import { Button, DataTable, FieldErrors, ProblemAlert, useStatusMessage } from '../../components';
import { useFormErrors } from '../auth/useFormErrors';
import type { NotificationAudience, NotificationSetting, NotificationSettingInput } from './api';

/** The server's keys for one event's errors: settings[i].event, .inApp, .email, .audience (i: its place in the PUT). */
const PARTS = ['event', 'inApp', 'email', 'audience'] as const;
type Part = (typeof PARTS)[number];

function fieldName(index: number, part: Part) {
  return `settings[${index}].${part}`;
}

interface Row {
  event: string;
  inApp: boolean;
  email: boolean;
  audience: NotificationAudience;
}

function toRow(setting: NotificationSetting): Row {
  return {
    event: setting.event,
    inApp: setting.inApp,
    email: setting.email,
    audience: setting.mayReachEveryone && setting.audience === 'everyone' ? 'everyone' : 'involved',
  };
}

/** Who is told, in words: what the organization's select offers, and what my own table says for each event. */
export function involvedText(setting: Pick<NotificationSetting, 'involved'>): string {
  return `The people involved — ${setting.involved}`;
}

export const EVERYONE_TEXT = 'Everyone who may see it';

export interface NotificationSettingsFormProps {
  /** Every event, in the server's order. */
  settings: NotificationSetting[];
  /**
   * "mine": in the app and by e-mail, for me (who is told is shown, not chosen). "organization": the defaults, with who
   * is told chosen where the event may reach everyone.
   */
  mode: 'mine' | 'organization';
  save: UseMutationResult<NotificationSetting[], Error, NotificationSettingInput[]>;
  /** The form's (and the table's) accessible name. */
  label: string;
  savedMessage: string;
  errorTitle: string;
}

/**
 * A table of every event — its label, (the organization's) who is told, "In the app", "By e-mail" — saved together with
 * one Save button: the PUT lists every event. The server's errors (keyed settings[i].…) are shown on their event's row,
 * anything else in the summary above the table.
 */
export function NotificationSettingsForm({ settings, mode, save, label, savedMessage, errorTitle }: NotificationSettingsFormProps) {
  const announce = useStatusMessage();
  const id = useId();
  const [rows, setRows] = useState<Row[]>(() => settings.map(toRow));
  const fields = settings.flatMap((_, i) => PARTS.map((part) => fieldName(i, part)));
  const { summary, fieldErrors, fieldRef, alertRef } = useFormErrors(fields, save.error);
  const organization = mode === 'organization';

  function change(index: number, next: Partial<Row>) {
    setRows((current) => current.map((row, i) => (i === index ? { ...row, ...next } : row)));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body: NotificationSettingInput[] = rows.map((row, i) => {
      const input: NotificationSettingInput = { event: row.event, inApp: row.inApp, email: row.email };
      // Who is told is the organization's choice, and a choice only where the event may reach everyone.
      if (organization && settings[i]?.mayReachEveryone) input.audience = row.audience;
      return input;
    });
    save.mutate(body, {
      onSuccess: (saved) => {
        setRows(saved.map(toRow));
        announce(savedMessage);
      },
    });
  }

  return (
    <form className="form notification-settings" noValidate onSubmit={onSubmit} aria-label={label}>
      <ProblemAlert ref={alertRef} title={errorTitle} summary={summary} />
      <DataTable
        caption={label}
        columns={
          <>
            <th scope="col">Event</th>
            {organization ? <th scope="col">Who is told</th> : null}
            <th scope="col" className="check-col">
              In the app
            </th>
            <th scope="col" className="check-col">
              By e-mail
            </th>
          </>
        }
      >
        {settings.map((setting, i) => {
          const row = rows[i];
          if (!row) return null;
          const errors = PARTS.flatMap((part) => fieldErrors[fieldName(i, part)] ?? []);
          const errorId = errors.length > 0 ? `${id}-${i}-error` : undefined;
          const invalid = errorId ? true : undefined;
          const choosesAudience = organization && setting.mayReachEveryone;
          // The server's errors move the focus to the first of the row's controls that they name.
          const firstRef = (el: HTMLElement | null) => {
            fieldRef(fieldName(i, 'event'))(el);
            fieldRef(fieldName(i, 'inApp'))(el);
            if (!choosesAudience) fieldRef(fieldName(i, 'audience'))(el);
          };
          return (
            <tr key={setting.event} className={errorId ? 'field--invalid' : undefined}>
              <th scope="row" className="table__primary">
                <span className="table__name">{setting.label}</span>
                {mode === 'mine' ? (
                  <span className="table__secondary">
                    Told to {setting.audience === 'everyone' ? 'everyone who may see it' : `the people involved: ${setting.involved}`}
                  </span>
                ) : null}
                <FieldErrors id={errorId} errors={errors.length > 0 ? errors : undefined} />
              </th>
              {organization ? (
                <td>
                  {choosesAudience ? (
                    <select
                      ref={(el) => fieldRef(fieldName(i, 'audience'))(el)}
                      className="field__input field__input--select field__input--compact"
                      name={fieldName(i, 'audience')}
                      aria-label={`Who is told: ${setting.label}`}
                      aria-invalid={invalid}
                      aria-describedby={errorId}
                      value={row.audience}
                      onChange={(e) => change(i, { audience: e.target.value === 'everyone' ? 'everyone' : 'involved' })}
                    >
                      <option value="involved">{involvedText(setting)}</option>
                      <option value="everyone">{EVERYONE_TEXT}</option>
                    </select>
                  ) : (
                    <span>{involvedText(setting)}</span>
                  )}
                </td>
              ) : null}
              <td className="check-col">
                <input
                  ref={firstRef}
                  type="checkbox"
                  name={fieldName(i, 'inApp')}
                  aria-label={`In the app: ${setting.label}`}
                  aria-invalid={invalid}
                  aria-describedby={errorId}
                  checked={row.inApp}
                  onChange={(e) => change(i, { inApp: e.target.checked })}
                />
              </td>
              <td className="check-col">
                <input
                  ref={(el) => fieldRef(fieldName(i, 'email'))(el)}
                  type="checkbox"
                  name={fieldName(i, 'email')}
                  aria-label={`By e-mail: ${setting.label}`}
                  aria-invalid={invalid}
                  aria-describedby={errorId}
                  checked={row.email}
                  onChange={(e) => change(i, { email: e.target.checked })}
                />
              </td>
            </tr>
          );
        })}
      </DataTable>
      <div className="form__actions">
        <Button type="submit" busy={save.isPending} busyLabel="Saving…">
          Save
        </Button>
      </div>
    </form>
  );
}
