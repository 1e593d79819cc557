import { TextField, type TextFieldProps } from './TextField';

/** A TextField for an e-mail address: the e-mail keyboard and no spell checking. */
export function EmailField(props: Omit<TextFieldProps, 'type' | 'inputMode' | 'spellCheck'>) {
  return <TextField {...props} type="email" inputMode="email" spellCheck={false} />;
}
