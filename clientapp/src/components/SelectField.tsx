import type { ReactNode, Ref, SelectHTMLAttributes } from 'react';
import { Field } from './Field';

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
  return (
    <Field label={label} hint={hint} errors={errors} className={className}>
      {(control) => (
        <select {...select} {...control} ref={ref} name={name} className="field__input field__input--select">
          {children}
        </select>
      )}
    </Field>
  );
}
