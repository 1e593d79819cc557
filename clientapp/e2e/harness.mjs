// Shared harness of the browser end-to-end tests: configuration, the system Chromium (through
// playwright-core; no browser is downloaded), and a runner for a list of steps that share one browser
// session (a step may open further, separate sessions — e.g. a second person — with `session.newPage()`). Each suite prints "✓ step" / "✗ step" lines and, last, "e2e: N passed, N failed";
// on failure a screenshot is written to e2e/artifacts/<step>.png and the process exits non-zero.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const artifacts = join(here, 'artifacts');
const repositoryRoot = resolve(here, '..', '..');

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

/** Registers the account through the sign-up page (the first registration of a fresh database is the platform administrator). */
export async function register(page, account) {
  await page.goto(`${baseUrl}/register`);
  await page.getByLabel('Full name').fill(account.displayName);
  await page.getByLabel('E-mail address').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expectPath(page, '/');
}

/**
 * The platform administrator (signed in, or registered when this suite runs alone) creates an organization waiting for
 * `owner`'s address; answers the created organization (id, initialWorkspaceId, …).
 */
export async function createOrganizationFor(page, admin, owner, name) {
  if (admin.shared) await signIn(page, admin);
  else await register(page, admin);
  const created = await callApi(page, 'POST', '/api/organizations', { name, ownerEmail: owner.email });
  if (created.status !== 201) throw new Error(`creating the organization answered ${created.status}: ${JSON.stringify(created.body)}`);
  if (created.body.pendingOwnerEmail?.toLowerCase() !== owner.email.toLowerCase()) {
    throw new Error(`the organization does not wait for ${owner.email}: ${JSON.stringify(created.body)}`);
  }
  return created.body;
}

/** `owner` registers and verifies the address, which makes them the Group Supervisor of the organization waiting for it. */
export async function registerAndOwn(page, owner, orgId, orgName) {
  await register(page, owner);
  await verifyEmail(page, owner.email);
  await page.goto(`${baseUrl}/orgs/${orgId}`);
  await page.getByRole('heading', { level: 1, name: orgName }).waitFor({ timeout });
  await page
    .getByRole('region', { name: 'Your role' })
    .locator('.badge--role')
    .filter({ hasText: /^Group Supervisor$/ })
    .waitFor({ timeout });
}

// ---- E-mails: the server's development mail sink ----
//
// The server writes every e-mail as an .eml text file into <DataDirectory>/mail/ (OutboxDispatcher, every ~2 s):
// "To:", "Subject:", "Date:", "Content-Type: text/plain; charset=utf-8", a blank line, then the plain body. The suites
// do not start the server: `./build.sh test` passes its mail folder as E2E_MAIL_DIR; without it, the folder of
// `./build.sh run` (<repository>/data/mail) is read.
const mailWaitMs = Number(process.env.E2E_MAIL_WAIT_MS ?? Math.max(timeout, 30_000));

async function mailFolders() {
  const folder = process.env.E2E_MAIL_DIR ?? join(repositoryRoot, 'data', 'mail');
  return (await stat(folder).then((s) => s.isDirectory(), () => false)) ? [folder] : [];
}

/** Headers (lower-case names, folded lines joined) and the decoded body of an .eml text. */
export function parseMail(text) {
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const split = normalised.indexOf('\n\n');
  const head = split < 0 ? normalised : normalised.slice(0, split);
  let body = split < 0 ? '' : normalised.slice(split + 2);
  const headers = {};
  let last = null;
  for (const line of head.split('\n')) {
    if (/^[ \t]/.test(line) && last) {
      headers[last] += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    last = line.slice(0, colon).trim().toLowerCase();
    headers[last] = line.slice(colon + 1).trim();
  }
  if (/quoted-printable/i.test(headers['content-transfer-encoding'] ?? '')) {
    // Soft line breaks ("=" at the end of a line) join lines; =XX is a byte (UTF-8 sequences are decoded together).
    const joined = body.replace(/=\n/g, '');
    const bytes = [];
    for (let i = 0; i < joined.length; i++) {
      const hex = joined[i] === '=' ? joined.slice(i + 1, i + 3) : '';
      if (/^[0-9A-F]{2}$/i.test(hex)) {
        bytes.push(parseInt(hex, 16));
        i += 2;
      } else {
        bytes.push(...Buffer.from(joined[i], 'utf8'));
      }
    }
    body = Buffer.from(bytes).toString('utf8');
  }
  return { headers, body };
}

/** Whether a To: header names the address (alone, "Name <address>", or in a list). */
function addressedTo(to, email) {
  const wanted = email.trim().toLowerCase();
  return (to ?? '')
    .split(',')
    .map((part) => (/<([^>]+)>/.exec(part)?.[1] ?? part).trim().toLowerCase())
    .includes(wanted);
}

/**
 * The link to `path` (e.g. '/verify-email') in a mail body: an absolute URL with `path?`, followed by white space — the
 * body goes on after the link, so a link at the very end is a mail still being written.
 */
function linkIn(body, path) {
  const escaped = path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const match = new RegExp(`(https?:\\/\\/[^\\s"'<>]+${escaped}\\?[^\\s"'<>]+)(?=\\s)`).exec(body);
  return match ? match[1].replace(/[).,;]+$/, '') : null;
}

/**
 * Waits for the newest e-mail to `email` that carries a link to `path` — '/verify-email', '/reset-password',
 * '/confirm-email-change' — (written at or after `since`, a time in ms, when given) and returns the link. A mail still
 * being written has no line end after the link yet and is read again.
 */
export async function waitForMailLink(email, path, { since = 0 } = {}) {
  const deadline = Date.now() + mailWaitMs;
  let looked = [];
  for (;;) {
    const folders = await mailFolders();
    looked = folders;
    const found = [];
    for (const folder of folders) {
      for (const name of await readdir(folder).catch(() => [])) {
        if (!name.endsWith('.eml')) continue;
        const file = join(folder, name);
        const info = await stat(file).catch(() => null);
        if (!info || info.mtimeMs < since) continue;
        const { headers, body } = parseMail(await readFile(file, 'utf8').catch(() => ''));
        if (!addressedTo(headers.to, email)) continue;
        const link = linkIn(body, path);
        if (link) found.push({ link, time: info.mtimeMs, name });
      }
    }
    if (found.length > 0) {
      found.sort((a, b) => a.time - b.time || a.name.localeCompare(b.name));
      return found.at(-1).link;
    }
    if (Date.now() > deadline) {
      const where = looked.length > 0 ? looked.join(', ') : 'no mail folder found (set E2E_MAIL_DIR)';
      throw new Error(`no e-mail to ${email} with a ${path}? link within ${mailWaitMs} ms; looked in: ${where}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** The newest verification link mailed to `email` (see waitForMailLink). */
export function waitForVerificationLink(email, options) {
  return waitForMailLink(email, '/verify-email', options);
}

/** The same path and query on E2E_BASE_URL: mailed links are built from the server's public address, which may differ. */
export function onBaseUrl(link) {
  const url = new URL(link);
  return `${baseUrl}${url.pathname}${url.search}`;
}

/**
 * Opens the verification link mailed to `email` in `page` (on E2E_BASE_URL: the link is built from the server's public
 * address, which may differ) and waits for the page to say the address is verified.
 */
export async function verifyEmail(page, email, options) {
  const link = new URL(await waitForVerificationLink(email, options));
  await page.goto(`${baseUrl}${link.pathname}${link.search}`);
  await page.getByText('Your e-mail address is verified', { exact: true }).waitFor({ timeout });
}

/** Calls the API from the signed-in page (same origin, cookies, antiforgery token), like the SPA does. */
export async function callApi(page, method, path, body) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const headers = { Accept: 'application/json' };
      if (method !== 'GET') {
        const token = await fetch('/api/auth/antiforgery', { credentials: 'same-origin' }).then((r) => r.json());
        headers['X-XSRF-TOKEN'] = token.token;
        headers['Content-Type'] = 'application/json';
      }
      const response = await fetch(path, { method, headers, credentials: 'same-origin', body: body ? JSON.stringify(body) : undefined });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null };
    },
    { method, path, body },
  );
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

// ---- Accessibility: axe-core in the TEST browser (the product's CSP stays strict) ----
//
// axe-core's source is evaluated in the page through the DevTools protocol (page.evaluate), which a page's
// Content-Security-Policy does not govern; the product never ships axe. One line per page or dialog:
//   await checkAccessibility(page, 'people page');
// fails the step on any critical or serious WCAG 2.1 A/AA (or best-practice) violation and prints the moderate and
// minor ones. `include` narrows the check to a part of the page (e.g. '[role="dialog"]').
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
/** Every page checked in this process and the moderate/minor findings, for the summary at the end of a suite. */
export const accessibilityLog = { checked: 0, reported: new Map() };

export async function checkAccessibility(page, label, { include } = {}) {
  // Let the page settle (no animation frame or pending fetch half-way through a render).
  await page.waitForLoadState('networkidle', { timeout }).catch(() => {});
  const loaded = await page.evaluate(() => typeof window.axe === 'object');
  if (!loaded) await page.evaluate(axeSource);
  const results = await page.evaluate(
    async ({ tags, include }) => {
      const context = include ? { include: [include] } : document;
      const outcome = await window.axe.run(context, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return outcome.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.slice(0, 8).map((n) => n.target.join(' ')),
        count: v.nodes.length,
      }));
    },
    { tags: axeTags, include },
  );
  accessibilityLog.checked++;
  const describe = (v) => `${v.id} (${v.impact}, ${v.count}×): ${v.help}\n      ${v.targets.join('\n      ')}`;
  const blocking = results.filter((v) => v.impact === 'critical' || v.impact === 'serious');
  for (const v of results.filter((v) => !blocking.includes(v))) {
    const key = `${label}: ${v.id}`;
    if (!accessibilityLog.reported.has(key)) {
      accessibilityLog.reported.set(key, v);
      console.log(`  a11y [${label}] ${describe(v)}`);
    }
  }
  if (blocking.length > 0) {
    throw new Error(`accessibility (axe-core) on ${label}: ${blocking.length} critical/serious violation(s)\n  ${blocking.map(describe).join('\n  ')}`);
  }
}

/**
 * Waits until the focused element is a `tag` element (e.g. 'H1'; any when left out) whose text equals `text` (a string)
 * or matches it (a RegExp); fails naming what has the focus instead (e.g. <body> when the focus was lost).
 */
export async function expectFocusOn(page, what, { tag, text } = {}) {
  const wanted = { tag: tag?.toUpperCase() ?? null, exact: typeof text === 'string' ? text : null, pattern: text instanceof RegExp ? text.source : null };
  try {
    await page.waitForFunction(
      ({ tag, exact, pattern }) => {
        const el = document.activeElement;
        if (!el || el === document.body) return false;
        if (tag && el.tagName !== tag) return false;
        const content = (el.textContent ?? '').trim();
        if (exact !== null && content !== exact) return false;
        return pattern === null || new RegExp(pattern).test(content);
      },
      wanted,
      { timeout },
    );
  } catch {
    const actual = await page.evaluate(() => {
      const el = document.activeElement;
      return el ? `<${el.tagName.toLowerCase()}> "${(el.textContent ?? '').trim().slice(0, 60)}"` : 'nothing';
    });
    throw new Error(`expected the focus on ${what}, it is on ${actual}`);
  }
}

/**
 * Reflow (WCAG 1.4.10): the page must not scroll sideways at the current viewport width. Wide tables may scroll
 * inside their own container; only the document itself is measured.
 */
export async function expectNoHorizontalScroll(page, label) {
  await page.waitForLoadState('networkidle', { timeout }).catch(() => {});
  const { scrollWidth, innerWidth, culprits } = await page.evaluate(() => {
    const width = window.innerWidth;
    const culprits = [];
    for (const element of document.body.querySelectorAll('*')) {
      const rect = element.getBoundingClientRect();
      // Inside a container that scrolls or clips on its own (a table's wrapper): not the page's problem.
      let clipped = false;
      for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) {
        if (getComputedStyle(up).overflowX !== 'visible') {
          clipped = true;
          break;
        }
      }
      if (!clipped && rect.right > width + 1 && rect.width > 0) {
        // Report the outermost offenders only.
        if (!culprits.some((c) => c.element.contains(element))) culprits.push({ element, right: Math.round(rect.right) });
      }
      if (culprits.length > 6) break;
    }
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: width,
      culprits: culprits.map((c) => `${c.element.tagName.toLowerCase()}${c.element.className ? `.${String(c.element.className).split(' ').join('.')}` : ''} (right edge ${c.right}px)`),
    };
  });
  if (scrollWidth > innerWidth) {
    throw new Error(`${label} scrolls sideways at ${innerWidth}px: scrollWidth ${scrollWidth}px; too wide: ${culprits.join(', ')}`);
  }
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
