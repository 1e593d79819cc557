import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { FIELDS_SUMMARY, formErrors } from '../../api/problem';

type Errors<F extends string> = Partial<Record<F, string[]>>;

/** What `field(name)` gives a form control: its name, the ref that receives focus, and its errors. */
export interface FieldBinding<F extends string = string> {
  name: F;
  ref: (el: HTMLElement | null) => void;
  errors: string[] | undefined;
}

/**
 * Combines client-side validation errors with the server's problem details for one form,
 * and moves focus to the first field in error (or to the summary) when errors appear.
 */
export function useFormErrors<F extends string>(fields: readonly F[], serverError: unknown) {
  const [clientErrors, setClientErrors] = useState<Errors<F>>({});
  const refs = useRef<Partial<Record<F, HTMLElement | null>>>({});
  const alertRef = useRef<HTMLDivElement | null>(null);

  const server = serverError ? formErrors(serverError, fields) : null;
  const fieldErrors: Errors<F> = {};
  for (const f of fields) {
    const messages = clientErrors[f] ?? server?.fieldErrors[f];
    if (messages && messages.length > 0) fieldErrors[f] = messages;
  }
  const firstInvalid = fields.find((f) => fieldErrors[f]);

  // Focus once per new set of errors: client validation or a new server error.
  useEffect(() => {
    if (!serverError) return;
    const target = firstInvalid ? refs.current[firstInvalid] : null;
    if (target) target.focus();
    else alertRef.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new server error moves focus, not every re-render's field list
  }, [serverError]);

  /** Runs validation; returns true when the form may be submitted. */
  function validate(errors: Errors<F>): boolean {
    const present: Errors<F> = {};
    for (const f of fields) if (errors[f]?.length) present[f] = errors[f];
    setClientErrors(present);
    const first = fields.find((f) => present[f]);
    if (first) {
      refs.current[first]?.focus();
      return false;
    }
    return true;
  }

  function fieldRef(f: F) {
    return (el: HTMLElement | null) => {
      refs.current[f] = el;
    };
  }

  return {
    fieldErrors,
    /** The summary for the alert: the server's message, or a pointer to the fields after client validation. */
    summary: server?.summary ?? (firstInvalid ? FIELDS_SUMMARY : null),
    validate,
    fieldRef,
    /** Spread on a TextField, SelectField, …: its name, the ref that receives focus, and its errors. */
    field: (f: F): FieldBinding<F> => ({ name: f, ref: fieldRef(f), errors: fieldErrors[f] }),
    alertRef,
  };
}

type TextControl = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/**
 * useFormErrors plus the text values of the form's fields (those in `initial`; other fields only carry errors).
 * `input(name)` is spread on a TextField, TextAreaField or SelectField: its name, ref, errors, value and onChange.
 */
export function useFormFields<F extends string, V extends F>(fields: readonly F[], initial: Record<V, string>, serverError: unknown) {
  const form = useFormErrors(fields, serverError);
  const [values, setValues] = useState(initial);
  return {
    ...form,
    values,
    input: (f: V) => ({
      ...form.field(f),
      value: values[f],
      onChange: (event: ChangeEvent<TextControl>) => {
        const value = event.target.value;
        setValues((current) => ({ ...current, [f]: value }));
      },
    }),
  };
}
