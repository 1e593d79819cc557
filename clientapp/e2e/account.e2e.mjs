// Browser end-to-end test of one's own account against a running server (see harness.mjs): the profile page (display
// name, password change — the new password signs in, the old one no longer does), "Forgot your password?" (the reset
// link is read from the server's mail folder, like the verification link; it works once) and two-factor sign-in (the
// key read from the profile page, codes computed here as an authenticator app does; the code that turned it on does
// not sign in again, the next one does; a recovery code does).
//
//   E2E_BASE_URL=http://localhost:5080 node e2e/account.e2e.mjs      (npm run e2e runs every suite)
//
// Its account belongs to no organization and need not be the installation's first.
import { createHmac } from 'node:crypto';
import { baseUrl, checkAccessibility, expectPath, newAccount, onBaseUrl, runSuite, timeout, waitForMailLink } from './harness.mjs';

const account = newAccount('Account');
const renamed = `${account.displayName} (renamed)`;
const changedPassword = `${account.password} changed`;
const resetPassword = `${account.password} reset`;
let resetRequestedAt = 0;
let resetLink = '';
/** The two-factor key (read from the profile page), the time step of the code that turned it on, a recovery code. */
const twoFactor = { key: Buffer.alloc(0), usedStep: 0, recoveryCode: '' };

/** RFC 4648 base32 (the shared key as the profile page shows it, in groups of four). */
function fromBase32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text.replace(/[\s=]/g, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  return Buffer.from(bits.match(/.{8}/g).map((byte) => parseInt(byte, 2)));
}

/** RFC 6238: HMAC-SHA1 over the 30-second step, 6 digits — what an authenticator app shows. */
function totp(key, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigInt64BE(BigInt(step));
  const hash = createHmac('sha1', key).update(counter).digest();
  const offset = hash[hash.length - 1] & 15;
  const value = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
  return String(value % 1_000_000).padStart(6, '0');
}

const currentStep = () => Math.floor(Date.now() / 30_000);

function status(page, text) {
  return page.getByTestId('status-message').filter({ hasText: text });
}

async function submitSignIn(page, password) {
  await page.getByLabel('E-mail address').fill(account.email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Signs in from the sign-in page and waits for the home page. */
async function signInWith(page, password) {
  await expectPath(page, /^\/login/);
  await submitSignIn(page, password);
  await expectPath(page, /^\/(?!login)/); // home, or the page the sign-in page was asked to return to
  await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor({ timeout });
}

async function signOut(page) {
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expectPath(page, /^\/login/); // with ?returnTo= when signing out from a page that needs a session
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor({ timeout });
}

await runSuite([
  {
    name: 'account-registers',
    async run(page) {
      await page.goto(`${baseUrl}/register`);
      await page.getByLabel('Full name').fill(account.displayName);
      await page.getByLabel('E-mail address').fill(account.email);
      await page.getByLabel('Password').fill(account.password);
      await page.getByRole('button', { name: 'Create account' }).click();
      await expectPath(page, '/');
      await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor({ timeout });
    },
  },
  {
    name: 'profile-page-changes-the-display-name',
    async run(page) {
      // The header's name leads to the profile (its accessible name starts with "Your profile").
      await page.getByRole('banner').getByRole('link', { name: /^Your profile/ }).click();
      await expectPath(page, '/profile');
      await page.getByRole('heading', { level: 1, name: 'Your profile' }).waitFor({ timeout });
      await checkAccessibility(page, 'profile page');
      const form = page.getByRole('form', { name: 'Name' });
      await form.getByLabel('Display name').fill(renamed);
      await form.getByRole('button', { name: 'Save name' }).click();
      await status(page, `Your name is now “${renamed}”.`).waitFor({ timeout });
      await page.getByRole('banner').getByText(renamed, { exact: true }).waitFor({ timeout });
      // Stored on the server.
      await page.reload();
      const value = await page.getByRole('form', { name: 'Name' }).getByLabel('Display name').inputValue({ timeout });
      if (value !== renamed) throw new Error(`after a reload the display name is "${value}", expected "${renamed}"`);
    },
  },
  {
    name: 'profile-page-changes-the-password-and-the-new-one-signs-in',
    async run(page) {
      const form = page.getByRole('form', { name: 'Change password' });
      await form.getByLabel('Current password', { exact: true }).fill(account.password);
      await form.getByLabel('New password', { exact: true }).fill(changedPassword);
      await form.getByLabel('Repeat the new password', { exact: true }).fill(changedPassword);
      await form.getByRole('button', { name: 'Change password' }).click();
      await status(page, 'Your password has been changed.').waitFor({ timeout });
      // This session stays.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Your profile' }).waitFor({ timeout });
      if (new URL(page.url()).pathname !== '/profile') throw new Error(`after changing the password the profile reloads at ${page.url()}`);

      await signOut(page);
      // The old password no longer works…
      const answer = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/auth/login');
      await submitSignIn(page, account.password);
      if ((await answer).status() !== 401) throw new Error('the old password still signs in');
      await page.getByRole('alert').waitFor({ timeout });
      // …the new one does.
      await signInWith(page, changedPassword);
    },
  },
  {
    name: 'forgot-password-always-says-the-same-and-mails-a-link',
    async run(page) {
      await signOut(page);
      await page.getByRole('link', { name: 'Forgot your password?' }).click();
      await expectPath(page, '/forgot-password');
      await page.getByRole('heading', { level: 1, name: 'Forgot your password?' }).waitFor({ timeout });
      await checkAccessibility(page, 'forgot password page');
      resetRequestedAt = Date.now() - 1000;
      await page.getByLabel('E-mail address').fill(account.email);
      await page.getByRole('button', { name: 'Send the link' }).click();
      await page.getByText(/^If an account uses this address, we sent a link/).waitFor({ timeout });
      await checkAccessibility(page, 'forgot password page (link requested)');
      resetLink = await waitForMailLink(account.email, '/reset-password', { since: resetRequestedAt });
    },
  },
  {
    name: 'reset-link-sets-a-new-password-that-signs-in-and-works-once',
    async run(page) {
      await page.goto(onBaseUrl(resetLink));
      await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor({ timeout });
      await checkAccessibility(page, 'reset password page');
      await page.getByLabel('New password', { exact: true }).fill(resetPassword);
      await page.getByLabel('Repeat the new password', { exact: true }).fill(resetPassword);
      await page.getByRole('button', { name: 'Set new password' }).click();
      await page.getByText('Your new password is set').waitFor({ timeout });
      await page.getByRole('main').getByRole('link', { name: 'Sign in', exact: true }).click();
      await signInWith(page, resetPassword);

      // The link works once.
      await signOut(page);
      await page.goto(onBaseUrl(resetLink));
      await page.getByLabel('New password', { exact: true }).fill(`${resetPassword} again`);
      await page.getByLabel('Repeat the new password', { exact: true }).fill(`${resetPassword} again`);
      await page.getByRole('button', { name: 'Set new password' }).click();
      await page.getByText('This reset link cannot be used').waitFor({ timeout });
      await page.getByRole('link', { name: 'Ask for a new link' }).waitFor({ timeout });
    },
  },
  {
    name: 'profile-turns-on-two-factor-with-a-code-of-the-app-and-shows-ten-recovery-codes',
    async run(page) {
      await page.goto(`${baseUrl}/login`);
      await signInWith(page, resetPassword);
      await page.goto(`${baseUrl}/profile`);
      const card = page.getByRole('region', { name: 'Two-factor sign-in' });
      await card.getByRole('button', { name: 'Set up two-factor' }).click();
      await card.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor({ timeout });
      twoFactor.key = fromBase32(await card.locator('.two-factor__key').textContent({ timeout }));
      await checkAccessibility(page, 'two-factor setup');
      twoFactor.usedStep = currentStep();
      await card.getByLabel('Authentication code').fill(totp(twoFactor.key, twoFactor.usedStep));
      await card.getByRole('button', { name: 'Turn on', exact: true }).click();
      await card.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').nth(9).waitFor({ timeout });
      const shown = await card.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').allTextContents();
      if (shown.length !== 10 || new Set(shown).size !== 10 || !shown.every((c) => /^[a-z2-7]{5}-[a-z2-7]{5}$/.test(c.trim()))) {
        throw new Error(`the recovery codes read ${JSON.stringify(shown)}`);
      }
      twoFactor.recoveryCode = shown[4].trim();
      await checkAccessibility(page, 'two-factor recovery codes');
      await card.getByRole('button', { name: 'Done', exact: true }).click();
      await card.getByText('10 of 10 recovery codes left', { exact: false }).waitFor({ timeout });
    },
  },
  {
    name: 'sign-in-asks-for-a-code-accepts-each-once-and-takes-a-recovery-code',
    async run(page) {
      await signOut(page);
      await submitSignIn(page, resetPassword);
      const step = page.getByRole('form', { name: 'Two-factor sign-in' });
      await step.getByLabel('Authentication code').waitFor({ timeout });
      await checkAccessibility(page, 'two-factor sign-in step');
      // The code that turned two-factor on was used: refused, and the step stays.
      const refused = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/login/two-factor');
      await step.getByLabel('Authentication code').fill(totp(twoFactor.key, twoFactor.usedStep));
      await step.getByRole('button', { name: 'Verify', exact: true }).click();
      if ((await refused).status() !== 401) throw new Error('a used code signed in again');
      await page.getByRole('alert').filter({ hasText: 'used already' }).waitFor({ timeout });
      // The app's next code signs in.
      await step.getByLabel('Authentication code').fill(totp(twoFactor.key, Math.max(currentStep(), twoFactor.usedStep + 1)));
      await step.getByRole('button', { name: 'Verify', exact: true }).click();
      await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor({ timeout });

      await signOut(page);
      await submitSignIn(page, resetPassword);
      await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
      await step.getByLabel('Recovery code').fill(twoFactor.recoveryCode);
      await step.getByRole('button', { name: 'Verify', exact: true }).click();
      await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor({ timeout });
      await page.goto(`${baseUrl}/profile`);
      await page.getByRole('region', { name: 'Two-factor sign-in' }).getByText('9 of 10 recovery codes left', { exact: false }).waitFor({ timeout });
    },
  },
]);
