import type { InputHTMLAttributes, ReactNode, Ref } from 'react';
import { Field } from './Field';

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'children'> {
  label: string;
  name: string;
  hint?: ReactNode;
  errors?: readonly string[] | undefined;
  ref?: Ref<HTMLInputElement>;
}

/** A labelled input with an optional hint and field errors, both wired up through aria-describedby. */
export function TextField({ label, name, hint, errors, ref, className, ...input }: TextFieldProps) {
  return (
    <Field label={label} hint={hint} errors={errors} className={className}>
      {(control) => <input {...input} {...control} ref={ref} name={name} className="field__input" />}
    </Field>
  );
}
