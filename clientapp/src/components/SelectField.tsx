import { useId, type ReactNode, type Ref, type SelectHTMLAttributes } from 'react';

export interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> {
  label: string;
  name: string;
  hint?: ReactNode;
  errors?: readonly string[] | undefined;
  ref?: Ref<HTMLSelectElement>;
  /** The <option> elements. */
  children: ReactNode;
}

/** A labelled <select> with an optional hint and field errors, wired up like TextField. */
export function SelectField({ label, name, hint, errors, ref, className, children, ...select }: SelectFieldProps) {
  const id = useId();
  const inputId = `${id}-input`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors && errors.length > 0 ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={['field', errorId ? 'field--invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={inputId}>
        {label}
      </label>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <select
        {...select}
        ref={ref}
        id={inputId}
        name={name}
        className="field__input field__input--select"
        aria-invalid={errorId ? true : undefined}
        aria-describedby={describedBy}
      >
        {children}
      </select>
      {errorId ? (
        <div className="field__error" id={errorId}>
          {errors!.map((message) => (
            <p key={message}>
              <span className="visually-hidden">Error: </span>
              {message}
            </p>
          ))}
        </div>
      ) : null}
    </div>
  );
}
