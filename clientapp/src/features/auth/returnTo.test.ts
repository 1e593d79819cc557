import { describe, expect, it } from 'vitest';
import { loginPathFor, safeReturnTo } from './returnTo';

describe('safeReturnTo', () => {
  it('keeps same-origin paths', () => {
    expect(safeReturnTo('/organizations/42?tab=members#top')).toBe('/organizations/42?tab=members#top');
  });

  it.each([null, '', 'https://evil.example/', '//evil.example/', '/\\evil.example', 'javascript:alert(1)', '/login', '/register?x=1'])(
    'falls back to / for %s',
    (value) => {
      expect(safeReturnTo(value)).toBe('/');
    },
  );

  it('builds the login path', () => {
    expect(loginPathFor('/')).toBe('/login');
    expect(loginPathFor('/a?b=c')).toBe('/login?returnTo=%2Fa%3Fb%3Dc');
  });
});
