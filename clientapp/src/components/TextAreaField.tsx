import type { ReactNode, Ref, TextareaHTMLAttributes } from 'react';
import { Field } from './Field';

export interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'children'> {
  label: string;
  name: string;
  hint?: ReactNode;
  errors?: readonly string[] | undefined;
  ref?: Ref<HTMLTextAreaElement>;
}

/** The multi-line sibling of TextField. */
export function TextAreaField({ label, name, hint, errors, ref, className, rows = 3, ...input }: TextAreaFieldProps) {
  return (
    <Field label={label} hint={hint} errors={errors} className={className}>
      {(control) => (
        <textarea {...input} {...control} ref={ref} name={name} rows={rows} className="field__input field__input--multiline" />
      )}
    </Field>
  );
}
