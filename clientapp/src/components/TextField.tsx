import { useId, type InputHTMLAttributes, type ReactNode, type Ref } from 'react';

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'children'> {
  label: string;
  name: string;
  hint?: ReactNode;
  errors?: readonly string[] | undefined;
  ref?: Ref<HTMLInputElement>;
}

/** A labelled input with an optional hint and field errors, both wired up through aria-describedby. */
export function TextField({ label, name, hint, errors, ref, className, ...input }: TextFieldProps) {
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
      <input
        {...input}
        ref={ref}
        id={inputId}
        name={name}
        className="field__input"
        aria-invalid={errorId ? true : undefined}
        aria-describedby={describedBy}
      />
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
