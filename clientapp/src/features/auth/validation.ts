export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** The installation's password rule (length only), counted in code points as the server counts characters. */
export function passwordErrors(password: string): string[] {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return [`Use at least ${PASSWORD_MIN_LENGTH} characters.`];
  if (length > PASSWORD_MAX_LENGTH) return [`Use at most ${PASSWORD_MAX_LENGTH} characters.`];
  return [];
}

/** A new password and its repetition: the rule, then that both are the same. */
export function newPasswordErrors(password: string, confirmation: string): { password: string[]; confirmation: string[] } {
  const rule = passwordErrors(password);
  return {
    password: rule,
    confirmation: rule.length === 0 && confirmation !== password ? ['The two passwords are not the same.'] : [],
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** A plausible e-mail address (the server is the authority). `missing` is the message for an empty field. */
export function emailErrors(email: string, missing = 'Enter your e-mail address.'): string[] {
  if (!email) return [missing];
  if (!EMAIL.test(email)) return ['Enter a valid e-mail address, like name@example.org.'];
  return [];
}

/** A code of an authenticator app: 6 digits. Spaces are dropped first (apps show "123 456"). */
export function appCode(value: string): { code: string; errors: string[] } {
  const code = value.replace(/\s/g, '');
  if (!code) return { code, errors: ['Enter the 6-digit code your app shows.'] };
  return { code, errors: /^\d{6}$/.test(code) ? [] : ['The code is 6 digits.'] };
}

/** The number when `text` is a whole number from `min` to `max`, else null. */
export function wholeNumber(text: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(text)) return null;
  const value = Number(text);
  return value >= min && value <= max ? value : null;
}
