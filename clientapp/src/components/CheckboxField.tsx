import { useId, type Ref } from 'react';
import { FieldErrors } from './Field';

export interface CheckboxFieldProps {
  name: string;
  label: string;
  hint: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  errors?: readonly string[] | undefined;
  ref?: Ref<HTMLInputElement>;
}

/** A check-box with its hint and the server's errors for it, tied to it through aria-describedby as in a TextField. */
export function CheckboxField({ name, ref, errors, label, hint, checked, onChange }: CheckboxFieldProps) {
  const id = useId();
  const errorId = errors && errors.length > 0 ? `${id}-error` : undefined;
  const hintId = `${id}-hint`;
  return (
    <div className={errorId ? 'field field--invalid' : 'field'}>
      <label className="checklist__item">
        <input
          ref={ref}
          type="checkbox"
          name={name}
          checked={checked}
          aria-invalid={errorId ? true : undefined}
          aria-describedby={[errorId, hintId].filter(Boolean).join(' ')}
          onChange={(e) => onChange(e.target.checked)}
        />
        {label}
      </label>
      <p className="field__hint" id={hintId}>
        {hint}
      </p>
      <FieldErrors id={errorId} errors={errors} />
    </div>
  );
}
