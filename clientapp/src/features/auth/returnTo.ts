/**
 * Where to go after signing in. Only same-origin paths are accepted, so a crafted
 * `/login?returnTo=https://evil.example` (or `//evil.example`) cannot send the user elsewhere.
 */
export function safeReturnTo(value: string | null | undefined, fallback = '/'): string {
  if (!value) return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\u0000-\u001f\\]/.test(value)) return fallback;
  if (value === '/login' || value.startsWith('/login?') || value === '/register' || value.startsWith('/register?')) {
    return fallback;
  }
  return value;
}

export function loginPathFor(returnTo: string): string {
  return returnTo === '/' ? '/login' : `/login?returnTo=${encodeURIComponent(returnTo)}`;
}

export function registerPathFor(returnTo: string): string {
  return returnTo === '/' ? '/register' : `/register?returnTo=${encodeURIComponent(returnTo)}`;
}
