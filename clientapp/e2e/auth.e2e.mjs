// Browser end-to-end test of the sign-up / e-mail verification / sign-out / sign-in flow against a running server
// that serves the built SPA (clientapp/dist) and the API on one origin. The verification link is read from the
// server's mail folder (see harness.mjs).
//
//   E2E_BASE_URL=http://localhost:5080 node e2e/auth.e2e.mjs      (npm run e2e runs every suite)
//
// Its account belongs to no organization, so "/" shows the home page's empty state; this holds
// whether or not the account is the installation's first (platform administrator).
import { baseUrl, checkAccessibility, expectPath, newAccount, pathOf, runSuite, timeout, verifyEmail } from './harness.mjs';

const account = newAccount('Tester');
let resentAt = 0;

function banner(page) {
  return page.getByRole('region', { name: 'Verify your e-mail address' });
}

async function expectHome(page) {
  await expectPath(page, '/');
  await page.getByRole('heading', { name: 'Home' }).waitFor({ timeout });
  await page.getByRole('heading', { name: 'You are not a member of any organization yet' }).waitFor({ timeout });
  const who = await page.getByText(/Signed in as/).textContent({ timeout });
  if (!who?.includes(account.displayName)) throw new Error(`expected "Signed in as ${account.displayName}", got "${who}"`);
  await page.getByRole('definition').getByText(account.email, { exact: true }).waitFor({ timeout });
  await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor({ timeout });
}

async function signIn(page, password, email = account.email) {
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** A failed sign-in: the HTTP status and the alert's text once the answer is shown. */
async function failedSignIn(page, password, email) {
  const answer = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/auth/login');
  await signIn(page, password, email);
  const status = (await answer).status();
  // The answer is shown once the button is no longer busy (an earlier attempt's alert may still be on the page).
  await page.getByRole('button', { name: 'Sign in', exact: true }).and(page.locator(':enabled')).waitFor({ timeout });
  const alert = page.getByRole('alert');
  await alert.waitFor({ timeout });
  const text = (await alert.textContent())?.trim() ?? '';
  if (!text) throw new Error('the error alert is empty');
  if (pathOf(page) !== '/login') throw new Error(`expected to stay on /login, at ${pathOf(page)}`);
  return { status, text };
}

await runSuite([
  {
    name: 'anonymous-visit-redirects-to-sign-in',
    async run(page) {
      await page.goto(`${baseUrl}/`);
      await expectPath(page, '/login');
      await page.getByRole('heading', { name: 'Sign in' }).waitFor({ timeout });
      await checkAccessibility(page, 'sign-in page');
    },
  },
  {
    name: 'register-shows-home',
    async run(page) {
      await page.getByRole('link', { name: 'Create an account' }).click();
      await expectPath(page, '/register');
      await page.getByLabel('Full name').waitFor({ timeout });
      await checkAccessibility(page, 'register page');
      await page.getByLabel('Full name').fill(account.displayName);
      await page.getByLabel('E-mail address').fill(account.email);
      await page.getByLabel('Password').fill(account.password);
      await page.getByRole('button', { name: 'Create account' }).click();
      await expectHome(page);
    },
  },
  {
    name: 'unverified-address-banner-sends-the-link-again',
    async run(page) {
      await banner(page).getByText(account.email, { exact: true }).waitFor({ timeout });
      await checkAccessibility(page, 'home with the verification banner');
      resentAt = Date.now();
      await banner(page).getByRole('button', { name: 'Send the link again' }).click();
      await banner(page).getByRole('status').getByText(`We sent a new link to ${account.email}`, { exact: false }).waitFor({ timeout });
    },
  },
  {
    name: 'verification-link-verifies-the-address-and-the-banner-goes',
    async run(page) {
      // The link of the mail sent again (the one mailed at registration would work too).
      await verifyEmail(page, account.email, { since: resentAt });
      await checkAccessibility(page, 'verify-email page');
      await page.getByRole('link', { name: 'Continue to VariantMiner' }).click();
      await expectHome(page);
      if ((await banner(page).count()) !== 0) throw new Error('the "verify your e-mail address" banner is still shown');
    },
  },
  {
    name: 'session-survives-reload',
    async run(page) {
      await page.reload();
      await expectHome(page);
    },
  },
  {
    name: 'sign-out-returns-to-sign-in',
    async run(page) {
      await page.getByRole('button', { name: 'Sign out', exact: true }).click();
      await expectPath(page, '/login');
      await page.getByRole('heading', { name: 'Sign in' }).waitFor({ timeout });
      // The server session is gone too: a fresh load of a protected page is sent to sign in.
      await page.goto(`${baseUrl}/`);
      await expectPath(page, '/login');
    },
  },
  {
    // Every failure — wrong password, unknown address, locked account — is the same 401 with the same message
    // (no 423 any more), so the page does not tell whether an account exists.
    name: 'wrong-password-and-unknown-address-show-the-same-error',
    async run(page) {
      const wrong = await failedSignIn(page, `${account.password} wrong`, account.email);
      const unknown = await failedSignIn(page, account.password, `e2e-nobody-${account.unique}@example.test`);
      if (wrong.status !== 401 || unknown.status !== 401) {
        throw new Error(`sign-in failures answered ${wrong.status} and ${unknown.status}, expected 401 both times`);
      }
      if (wrong.text !== unknown.text) throw new Error(`different messages: "${wrong.text}" and "${unknown.text}"`);
      await checkAccessibility(page, 'sign-in page with an error');
    },
  },
  {
    name: 'sign-in-again-shows-home',
    async run(page) {
      await signIn(page, account.password);
      await expectHome(page);
    },
  },
]);
