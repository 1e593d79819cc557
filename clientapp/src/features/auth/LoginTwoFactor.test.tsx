import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ANTIFORGERY_HEADER } from '../../api/client';
import { axeViolations } from '../../test/axe';
import { anonymous, json, mockFetch, problem, user, type Handler } from '../../test/fetchMock';
import { renderApp } from '../../test/render';

const CODE_NEEDED = 'Enter the code from your authenticator app to finish signing in.';
const WRONG_CODE = 'That code is not right, or it was used already. Sign in again if this keeps happening.';

/** The text of the elements an input's aria-describedby points to. */
function description(input: HTMLElement): string {
  return (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

/** A server where ada's password is right and her account has two-factor on; `secondFactor` answers the code. */
function server(secondFactor: Handler) {
  let signedIn = false;
  return mockFetch({
    'GET /api/auth/me': () => (signedIn ? json(200, user) : anonymous()),
    'POST /api/auth/login': () => problem(401, { title: 'Unauthorized', detail: CODE_NEEDED, reason: 'two-factor-required' }),
    'POST /api/auth/login/two-factor': async (request, body) => {
      const response = await secondFactor(request, body);
      signedIn = response.ok;
      return response;
    },
  });
}

async function signInWithPassword(route = '/login') {
  renderApp(route);
  const u = userEvent.setup();
  await screen.findByRole('form', { name: 'Sign in' });
  await u.type(screen.getByLabelText('E-mail address'), 'ada@example.org');
  await u.type(screen.getByLabelText('Password'), 'correct horse battery staple');
  await u.click(screen.getByRole('button', { name: 'Sign in' }));
  await screen.findByRole('form', { name: 'Two-factor sign-in' });
  return u;
}

describe('Sign in with two-factor', () => {
  it('asks for the code of the app after the right password, with no error', async () => {
    const { calls } = server(() => json(200, user));
    await signInWithPassword();

    expect(screen.queryByRole('form', { name: 'Sign in' })).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText(CODE_NEEDED)).toBeTruthy();
    const code = screen.getByLabelText('Authentication code');
    expect(code.getAttribute('inputmode')).toBe('numeric');
    expect(code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(document.activeElement).toBe(code);
    expect(screen.getByRole('button', { name: 'Verify' })).toBeTruthy();
    expect(screen.getByTestId('location').textContent).toBe('/login');
    expect(calls('POST /api/auth/login/two-factor')).toHaveLength(0);
    expect(await axeViolations()).toEqual([]);
  });

  it('checks for 6 digits before calling the server', async () => {
    const { calls } = server(() => json(200, user));
    const u = await signInWithPassword();

    await u.click(screen.getByRole('button', { name: 'Verify' }));
    expect(description(screen.getByLabelText('Authentication code'))).toContain('Enter the 6-digit code your app shows.');
    await u.type(screen.getByLabelText('Authentication code'), '12345');
    await u.click(screen.getByRole('button', { name: 'Verify' }));
    expect(description(screen.getByLabelText('Authentication code'))).toContain('The code is 6 digits.');
    expect(calls('POST /api/auth/login/two-factor')).toHaveLength(0);
  });

  it('shows the detail of a refused code and stays on the step', async () => {
    server(() => problem(401, { title: 'Unauthorized', detail: WRONG_CODE }));
    const u = await signInWithPassword();

    await u.type(screen.getByLabelText('Authentication code'), '000000');
    await u.click(screen.getByRole('button', { name: 'Verify' }));

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Sign-in failed')).toBeTruthy();
    expect(alert.textContent).toContain(WRONG_CODE);
    expect(document.activeElement).toBe(alert);
    expect(screen.getByRole('form', { name: 'Two-factor sign-in' })).toBeTruthy();
    expect(screen.getByTestId('location').textContent).toBe('/login');
    expect(await axeViolations()).toEqual([]);
  });

  it('shows a 400 on the code next to the field', async () => {
    server(() => problem(400, { title: 'One or more validation errors occurred.', errors: { Code: ['The code is too long.'] } }));
    const u = await signInWithPassword();

    await u.type(screen.getByLabelText('Authentication code'), '123456');
    await u.click(screen.getByRole('button', { name: 'Verify' }));

    const code = screen.getByLabelText('Authentication code');
    await waitFor(() => expect(description(code)).toContain('The code is too long.'));
    expect(document.activeElement).toBe(code);
  });

  it('signs in with the right code and goes where the password sign-in would have gone', async () => {
    const { calls } = server(() => json(200, user));
    const u = await signInWithPassword('/login?returnTo=%2Fprofile');

    await u.type(screen.getByLabelText('Authentication code'), '123 456');
    await u.click(screen.getByRole('button', { name: 'Verify' }));

    await screen.findByRole('heading', { level: 1, name: 'Your profile' });
    expect(screen.getByTestId('location').textContent).toBe('/profile');
    const [verify] = calls('POST /api/auth/login/two-factor');
    expect(JSON.parse(verify!.body)).toEqual({ code: '123456' });
    expect(verify!.headers.get(ANTIFORGERY_HEADER)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy();
  });

  it('sends a recovery code instead when asked, and can switch back', async () => {
    const { calls } = server(() => json(200, user));
    const u = await signInWithPassword('/login?returnTo=%2F');

    await u.click(screen.getByRole('button', { name: 'Use a recovery code instead' }));
    const recovery = screen.getByLabelText('Recovery code');
    expect(document.activeElement).toBe(recovery);
    expect(screen.queryByLabelText('Authentication code')).toBeNull();
    expect(await axeViolations()).toEqual([]);

    await u.click(screen.getByRole('button', { name: 'Use your authenticator app instead' }));
    expect(screen.getByLabelText('Authentication code')).toBeTruthy();
    await u.click(screen.getByRole('button', { name: 'Use a recovery code instead' }));
    await u.type(screen.getByLabelText('Recovery code'), ' abcde-fghij ');
    await u.click(screen.getByRole('button', { name: 'Verify' }));

    await screen.findByRole('heading', { name: 'Home' });
    expect(screen.getByTestId('location').textContent).toBe('/');
    expect(JSON.parse(calls('POST /api/auth/login/two-factor')[0]!.body)).toEqual({ recoveryCode: 'abcde-fghij' });
  });

  it('goes back to the e-mail and password form on "Start over"', async () => {
    const { calls } = server(() => problem(401, { title: 'Unauthorized', detail: WRONG_CODE }));
    const u = await signInWithPassword();
    await u.type(screen.getByLabelText('Authentication code'), '000000');
    await u.click(screen.getByRole('button', { name: 'Verify' }));
    await screen.findByRole('alert');

    await u.click(screen.getByRole('button', { name: 'Start over' }));

    const form = screen.getByRole('form', { name: 'Sign in' });
    expect((within(form).getByLabelText('E-mail address') as HTMLInputElement).value).toBe('ada@example.org');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByLabelText('Authentication code')).toBeNull();

    // Signing in again asks for a code again, in an empty field.
    await u.click(within(form).getByRole('button', { name: 'Sign in' }));
    const code = (await screen.findByLabelText('Authentication code')) as HTMLInputElement;
    expect(code.value).toBe('');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(calls('POST /api/auth/login')).toHaveLength(2);
  });
});
