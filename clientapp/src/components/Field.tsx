import { useId, type ReactNode } from 'react';

/** What a field's control needs to be labelled and described. */
export interface FieldControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

export interface FieldProps {
  label: string;
  hint?: ReactNode;
  errors?: readonly string[] | undefined;
  className?: string | undefined;
  /** Renders the control (input, textarea, select) with the ids that tie it to the label, hint and errors. */
  children: (control: FieldControlProps) => ReactNode;
}

/** The one layout of a labelled form control: label, optional hint, the control, field errors (aria-describedby). */
export function Field({ label, hint, errors, className, children }: FieldProps) {
  const id = useId();
  const controlId = `${id}-input`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors && errors.length > 0 ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;

  return (
    <div className={['field', errorId ? 'field--invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={controlId}>
        {label}
      </label>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {children({ id: controlId, 'aria-invalid': errorId ? true : undefined, 'aria-describedby': describedBy })}
      <FieldErrors id={errorId} errors={errors} />
    </div>
  );
}

/** A control's error messages, each announced with "Error: "; nothing when there are none. `id` is for aria-describedby. */
export function FieldErrors({ id, errors }: { id: string | undefined; errors: readonly string[] | undefined }) {
  if (!errors || errors.length === 0) return null;
  return (
    <div className="field__error" id={id}>
      {errors.map((message) => (
        <p key={message}>
          <span className="visually-hidden">Error: </span>
          {message}
        </p>
      ))}
    </div>
  );
}
