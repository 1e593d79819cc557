// Browser end-to-end test of the sign-up / sign-out / sign-in flow against a running server
// that serves the built SPA (clientapp/dist) and the API on one origin.
//
//   E2E_BASE_URL=http://localhost:5080 npm run e2e
//
// Drives the system Chromium (CHROMIUM_PATH, default /usr/bin/chromium) headless through
// playwright-core; no browser is downloaded. On failure a screenshot is written to
// e2e/artifacts/<test>.png and the process exits non-zero. The last line is always
// "e2e: N passed, N failed".
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const artifacts = join(here, 'artifacts');
const baseUrl = (process.env.E2E_BASE_URL ?? '').replace(/\/+$/, '');
const timeout = Number(process.env.E2E_TIMEOUT_MS ?? 15_000);
const startupWaitMs = Number(process.env.E2E_STARTUP_WAIT_MS ?? 30_000);

if (!baseUrl) {
  console.error('E2E_BASE_URL is not set (e.g. E2E_BASE_URL=http://localhost:5080 npm run e2e)');
  console.log('e2e: 0 passed, 1 failed');
  process.exit(2);
}

const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
const account = {
  displayName: `E2E Tester ${unique}`,
  email: `e2e-${unique}@example.test`,
  password: `e2e passphrase ${unique}`,
};

/** Resolves once the server answers at all (any status), or throws after startupWaitMs. */
async function waitForServer() {
  const deadline = Date.now() + startupWaitMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      await fetch(`${baseUrl}/`, { redirect: 'manual' });
      return;
    } catch (error) {
      lastError = error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  throw new Error(`server at ${baseUrl} did not answer within ${startupWaitMs} ms: ${lastError?.message ?? ''}`);
}

function pathOf(page) {
  const url = new URL(page.url());
  return url.pathname + url.search;
}

async function expectPath(page, expected) {
  await page.waitForURL((url) => url.pathname + url.search === expected, { timeout });
}

async function expectHome(page) {
  await expectPath(page, '/');
  await page.getByRole('heading', { name: 'Home' }).waitFor({ timeout });
  const who = await page.getByText(/Signed in as/).textContent({ timeout });
  if (!who?.includes(account.displayName)) throw new Error(`expected "Signed in as ${account.displayName}", got "${who}"`);
  await page.getByText(account.email, { exact: true }).waitFor({ timeout });
  await page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout });
}

async function signIn(page, password) {
  await page.getByLabel('E-mail address').fill(account.email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const tests = [
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
];

function slug(name) {
  return name.replace(/[^a-z0-9-]+/gi, '-').toLowerCase();
}

let passed = 0;
let failed = 0;
let browser;
try {
  await waitForServer();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(timeout);
  const page = await context.newPage();

  // Problems the UI would not show: uncaught exceptions, CSP violations, server errors.
  let problems = [];
  page.on('pageerror', (error) => problems.push(`uncaught exception: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) {
      problems.push(`console: ${message.text()}`);
    }
  });
  page.on('response', (response) => {
    if (response.status() >= 500) problems.push(`HTTP ${response.status()} from ${response.request().method()} ${response.url()}`);
  });

  let blocked = false;
  for (const test of tests) {
    if (blocked) {
      failed++;
      console.log(`✗ ${test.name} (not run: an earlier step failed)`);
      continue;
    }
    problems = [];
    const started = Date.now();
    try {
      await test.run(page);
      if (problems.length > 0) throw new Error(problems.join('\n  '));
      passed++;
      console.log(`✓ ${test.name} (${Date.now() - started} ms)`);
    } catch (error) {
      failed++;
      blocked = true; // the steps share one browser session
      console.log(`✗ ${test.name} (${Date.now() - started} ms)`);
      console.log(`  at ${page.url()}`);
      console.log(`  ${String(error?.message ?? error).split('\n').join('\n  ')}`);
      for (const problem of problems) console.log(`  also seen: ${problem}`);
      const alerts = await page.getByRole('alert').allTextContents().catch(() => []);
      for (const alert of alerts) console.log(`  alert on the page: ${alert.trim()}`);
      try {
        mkdirSync(artifacts, { recursive: true });
        const file = join(artifacts, `${slug(test.name)}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(`  screenshot: ${file}`);
      } catch (screenshotError) {
        console.log(`  (no screenshot: ${screenshotError.message})`);
      }
    }
  }
} catch (error) {
  console.error(`e2e could not run: ${error?.message ?? error}`);
  failed = Math.max(failed, tests.length - passed);
} finally {
  await browser?.close().catch(() => {});
}

console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
