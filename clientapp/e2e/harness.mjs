// Shared harness of the browser end-to-end tests: configuration, the system Chromium (through
// playwright-core; no browser is downloaded), and a runner for a list of steps that share one browser
// session (a step may open further, separate sessions — e.g. a second person — with `session.newPage()`). Each suite prints "✓ step" / "✗ step" lines and, last, "e2e: N passed, N failed";
// on failure a screenshot is written to e2e/artifacts/<step>.png and the process exits non-zero.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const artifacts = join(here, 'artifacts');

export const baseUrl = (process.env.E2E_BASE_URL ?? '').replace(/\/+$/, '');
export const timeout = Number(process.env.E2E_TIMEOUT_MS ?? 15_000);
const startupWaitMs = Number(process.env.E2E_STARTUP_WAIT_MS ?? 30_000);

/** A fresh account (unique e-mail) for one suite. */
export function newAccount(prefix) {
  const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  return {
    unique,
    displayName: `E2E ${prefix} ${unique}`,
    email: `e2e-${prefix.toLowerCase()}-${unique}@example.test`,
    password: `e2e passphrase ${unique}`,
  };
}

/**
 * The installation's platform administrator: the first account registered on a fresh database. run-all.mjs creates
 * it once and hands it to every suite that needs it (E2E_ADMIN_*); a suite run on its own makes up a new one, which
 * then has to be the first registration.
 */
export function adminAccount() {
  const { E2E_ADMIN_EMAIL: email, E2E_ADMIN_PASSWORD: password, E2E_ADMIN_NAME: displayName, E2E_ADMIN_UNIQUE: unique } = process.env;
  if (email && password && displayName) return { unique: unique ?? '', displayName, email, password, shared: true };
  return { ...newAccount('Admin'), shared: false };
}

/** Signs in through the sign-in page (from wherever the page is). */
export async function signIn(page, account) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('E-mail address').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname !== '/login', { timeout });
}

export function pathOf(page) {
  const url = new URL(page.url());
  return url.pathname + url.search;
}

/** Waits for the path (and query) to equal `expected`, or to match it when it is a RegExp. */
export async function expectPath(page, expected) {
  await page.waitForURL(
    (url) => {
      const path = url.pathname + url.search;
      return expected instanceof RegExp ? expected.test(path) : path === expected;
    },
    { timeout },
  );
}

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

function slug(name) {
  return name.replace(/[^a-z0-9-]+/gi, '-').toLowerCase();
}

/** Runs the steps in order in one page; after a failure the remaining steps are reported as not run. */
export async function runSuite(tests) {
  if (!baseUrl) {
    console.error('E2E_BASE_URL is not set (e.g. E2E_BASE_URL=http://localhost:5080 npm run e2e)');
    console.log('e2e: 0 passed, 1 failed');
    process.exit(2);
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
    // Problems the UI would not show: uncaught exceptions, CSP violations, server errors (on every page of the run).
    let problems = [];
    const watch = (page, who) => {
      const tag = who ? `[${who}] ` : '';
      page.on('pageerror', (error) => problems.push(`${tag}uncaught exception: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) {
          problems.push(`${tag}console: ${message.text()}`);
        }
      });
      page.on('response', (response) => {
        if (response.status() >= 500) problems.push(`${tag}HTTP ${response.status()} from ${response.request().method()} ${response.url()}`);
      });
      return page;
    };
    const openPage = async (who) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      context.setDefaultTimeout(timeout);
      return watch(await context.newPage(), who);
    };
    const page = await openPage('');
    const extraPages = [];
    /** Another person: a separate browser context (own cookies), kept for the rest of the suite. */
    const session = {
      async newPage(who = 'second person') {
        const extra = await openPage(who);
        extraPages.push({ who, page: extra });
        return extra;
      },
    };

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
        await test.run(page, session);
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
          for (const extra of extraPages) {
            const other = join(artifacts, `${slug(test.name)}-${slug(extra.who)}.png`);
            await extra.page.screenshot({ path: other, fullPage: true }).catch(() => {});
            console.log(`  screenshot (${extra.who}, at ${extra.page.url()}): ${other}`);
          }
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
}
