import { TextField } from '../../components';
import type { TextFieldProps } from '../../components/TextField';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './validation';

type PasswordInput = Omit<TextFieldProps, 'label' | 'type' | 'value'> & { value: string };

export interface NewPasswordFieldsProps {
  /** `input('newPassword')` of the form (name, ref, errors, value, onChange). */
  password: PasswordInput;
  /** `input('confirmation')`. */
  confirmation: PasswordInput;
  label?: string;
}

/** A new password with the length rule and a live count of what is missing, and its repetition. */
export function NewPasswordFields({ password, confirmation, label = 'New password' }: NewPasswordFieldsProps) {
  const length = [...password.value].length;
  const remaining = PASSWORD_MIN_LENGTH - length;
  return (
    <>
      <TextField
        {...password}
        label={label}
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN_LENGTH}
        maxLength={PASSWORD_MAX_LENGTH}
        hint={
          <>
            At least {PASSWORD_MIN_LENGTH} characters. A passphrase of several unrelated words works well.
            {length > 0 && remaining > 0 ? <span className="field__counter"> {remaining} more needed.</span> : null}
          </>
        }
      />
      <TextField {...confirmation} label={`Repeat the ${label.toLowerCase()}`} type="password" autoComplete="new-password" required />
    </>
  );
}
