import { useId, type ReactNode, type Ref, type TextareaHTMLAttributes } from 'react';

export interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'children'> {
  label: string;
  name: string;
  hint?: ReactNode;
  errors?: readonly string[] | undefined;
  ref?: Ref<HTMLTextAreaElement>;
}

/** The multi-line sibling of TextField: label, hint and errors wired up through aria-describedby. */
export function TextAreaField({ label, name, hint, errors, ref, className, rows = 3, ...input }: TextAreaFieldProps) {
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
      <textarea
        {...input}
        ref={ref}
        id={inputId}
        name={name}
        rows={rows}
        className="field__input field__input--multiline"
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
