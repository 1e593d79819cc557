// Browser end-to-end test of the sign-up / sign-out / sign-in flow against a running server
// that serves the built SPA (clientapp/dist) and the API on one origin.
//
//   E2E_BASE_URL=http://localhost:5080 node e2e/auth.e2e.mjs      (npm run e2e runs every suite)
//
// Its account belongs to no organization, so "/" shows the home page's empty state; this holds
// whether or not the account is the installation's first (platform administrator).
import { baseUrl, expectPath, newAccount, pathOf, runSuite, timeout } from './harness.mjs';

const account = newAccount('Tester');

async function expectHome(page) {
  await expectPath(page, '/');
  await page.getByRole('heading', { name: 'Home' }).waitFor({ timeout });
  await page.getByRole('heading', { name: 'You are not a member of any organization yet' }).waitFor({ timeout });
  const who = await page.getByText(/Signed in as/).textContent({ timeout });
  if (!who?.includes(account.displayName)) throw new Error(`expected "Signed in as ${account.displayName}", got "${who}"`);
  await page.getByRole('definition').getByText(account.email, { exact: true }).waitFor({ timeout });
  await page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout });
}

async function signIn(page, password) {
  await page.getByLabel('E-mail address').fill(account.email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

await runSuite([
  {
    name: 'anonymous-visit-redirects-to-sign-in',
    async run(page) {
      await page.goto(`${baseUrl}/`);
      await expectPath(page, '/login');
      await page.getByRole('heading', { name: 'Sign in' }).waitFor({ timeout });
    },
  },
  {
    name: 'register-shows-home',
    async run(page) {
      await page.getByRole('link', { name: 'Create an account' }).click();
      await expectPath(page, '/register');
      await page.getByLabel('Full name').fill(account.displayName);
      await page.getByLabel('E-mail address').fill(account.email);
      await page.getByLabel('Password').fill(account.password);
      await page.getByRole('button', { name: 'Create account' }).click();
      await expectHome(page);
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
      await page.getByRole('button', { name: 'Sign out' }).click();
      await expectPath(page, '/login');
      await page.getByRole('heading', { name: 'Sign in' }).waitFor({ timeout });
      // The server session is gone too: a fresh load of a protected page is sent to sign in.
      await page.goto(`${baseUrl}/`);
      await expectPath(page, '/login');
    },
  },
  {
    name: 'wrong-password-shows-error',
    async run(page) {
      await signIn(page, `${account.password} wrong`);
      const alert = page.getByRole('alert');
      await alert.waitFor({ timeout });
      const text = (await alert.textContent())?.trim();
      if (!text) throw new Error('the error alert is empty');
      if (pathOf(page) !== '/login') throw new Error(`expected to stay on /login, at ${pathOf(page)}`);
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
