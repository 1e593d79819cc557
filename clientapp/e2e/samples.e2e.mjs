// Browser end-to-end test of samples, assignment and visibility against a running server (see harness.mjs).
//
//   E2E_BASE_URL=http://localhost:5080 node e2e/samples.e2e.mjs      (npm run e2e runs every suite)
//
// The scenario: a Group Supervisor (the platform administrator) creates an organization and invites an
// Analyst, a Clinical Curator and a Report Writer to its General workspace (through the API, from the Supervisor's
// signed-in page); each registers through the accept link in their own browser session, verifies the address with the
// link mailed to it (read from the server's mail folder, see harness.mjs) and joins. The Analyst
// defines a sample (assigned automatically) and has no "Assign to" picker on the define page; the Supervisor defines
// two more and bulk-assigns one of them to the Report Writer from the analyses table. The Curator sees every sample,
// the Report Writer only the one assigned to them — until the Supervisor turns role-based access off, after which the
// Report Writer sees them all.
import {
  adminAccount,
  baseUrl,
  checkAccessibility,
  expectFocusOn,
  expectNoHorizontalScroll,
  expectPath,
  newAccount,
  runSuite,
  signIn,
  timeout,
  verifyEmail,
} from './harness.mjs';

const admin = adminAccount();
const analyst = { ...newAccount('Analyst'), role: 'Analyst' };
const curator = { ...newAccount('Curator'), role: 'Clinical Curator' };
const writer = { ...newAccount('Writer'), role: 'Report Writer' };
const people = [analyst, curator, writer];
const orgName = `E2E Samples Lab ${analyst.unique}`;
const sampleA = `E2E-A-${analyst.unique}`; // defined by the Analyst
const sampleB = `E2E-B-${analyst.unique}`; // defined by the Supervisor, then assigned to the Report Writer
const sampleC = `E2E-C-${analyst.unique}`; // defined by the Supervisor
let orgPath = '';
let orgId = '';
let workspaceId = '';
let samplesPath = '';
let otherWorkspaceId = '';
// Sorted after "General", so the Samples tab still opens General (the first workspace by name) for the Supervisor.
const otherWorkspace = `Panels E2E ${analyst.unique}`;

async function clickNav(page, name) {
  await page.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name, exact: true }).click();
}

/** Calls the API from the signed-in page (same origin, cookies, antiforgery token), like the SPA does. */
async function callApi(page, method, path, body) {
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

/** The names of the sample links in the analyses table. */
async function visibleSamples(page) {
  const table = page.getByRole('table', { name: 'Samples' });
  await table.waitFor({ timeout });
  return (await table.getByRole('rowheader').allTextContents()).map((t) => t.trim());
}

async function openSamples(page) {
  await clickNav(page, 'Samples');
  await expectPath(page, samplesPath);
  await page.getByRole('heading', { level: 1, name: 'Samples' }).waitFor({ timeout });
}

async function defineSample(page, name, assay) {
  await page.getByRole('link', { name: 'Define sample' }).click();
  await expectPath(page, `${samplesPath}/new`);
  // The link that was followed is gone: the focus moves to the new page's heading, and the page is announced.
  await expectFocusOn(page, 'the "Define sample" heading', { tag: 'H1', text: 'Define sample' });
  await expectAnnounced(page, 'Define sample');
  await page.getByLabel('Sample name').fill(name);
  const select = page.getByLabel('Assay');
  await select.locator('option', { hasText: assay }).waitFor({ state: 'attached', timeout });
  await select.selectOption({ label: assay });
  await page.getByRole('button', { name: 'Define sample' }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor({ timeout });
  await expectFocusOn(page, `the "${name}" heading`, { tag: 'H1', text: name });
  await expectAnnounced(page, name);
}

/** The polite live region that announces route changes says `text`. */
async function expectAnnounced(page, text) {
  await page.getByTestId('route-announcer').filter({ hasText: text }).waitFor({ state: 'attached', timeout });
  const live = await page.getByTestId('route-announcer').getAttribute('aria-live');
  if (live !== 'polite') throw new Error(`the route announcer is aria-live="${live}"`);
}

function expectSet(actual, expected, who) {
  const a = [...actual].sort().join(', ');
  const e = [...expected].sort().join(', ');
  if (a !== e) throw new Error(`${who} sees [${a}], expected [${e}]`);
}

await runSuite([
  {
    name: 'samples-supervisor-signs-in-and-creates-organization',
    async run(page) {
      if (admin.shared) {
        await signIn(page, admin);
      } else {
        await page.goto(`${baseUrl}/register`);
        await page.getByLabel('Full name').fill(admin.displayName);
        await page.getByLabel('E-mail address').fill(admin.email);
        await page.getByLabel('Password').fill(admin.password);
        await page.getByRole('button', { name: 'Create account' }).click();
        await expectPath(page, '/');
      }
      await page.goto(`${baseUrl}/orgs`);
      await page.getByRole('button', { name: 'Create organization' }).first().click();
      const dialog = page.getByRole('dialog', { name: 'Create organization' });
      await dialog.getByLabel('Name').fill(orgName);
      await dialog.getByRole('button', { name: 'Create organization' }).click();
      await expectPath(page, /^\/orgs\/[0-9a-f-]{36}$/);
      orgPath = new URL(page.url()).pathname;
      orgId = orgPath.split('/')[2];
      await page.getByRole('heading', { level: 1, name: orgName }).waitFor({ timeout });

      const workspaces = await callApi(page, 'GET', `/api/organizations/${orgId}/workspaces`);
      const general = workspaces.body?.find?.((w) => w.name === 'General') ?? workspaces.body?.[0];
      if (!general) throw new Error(`the new organization has no workspace: ${JSON.stringify(workspaces)}`);
      workspaceId = general.id;
      samplesPath = `${orgPath}/workspaces/${workspaceId}/samples`;
      // A second workspace, so that the analyses table offers the Workspace switcher.
      const created = await callApi(page, 'POST', `/api/organizations/${orgId}/workspaces`, { name: otherWorkspace });
      if (created.status !== 201) throw new Error(`creating a second workspace answered ${created.status}: ${JSON.stringify(created.body)}`);
      otherWorkspaceId = created.body.id;
    },
  },
  {
    name: 'samples-supervisor-invites-analyst-curator-and-report-writer',
    async run(page) {
      const roles = await callApi(page, 'GET', `/api/organizations/${orgId}/roles`);
      for (const person of people) {
        const role = roles.body.find((r) => r.name === person.role);
        if (!role) throw new Error(`no role named ${person.role}`);
        const issued = await callApi(page, 'POST', `/api/organizations/${orgId}/invitations`, {
          email: person.email,
          roleId: role.id,
          workspaceIds: [workspaceId],
        });
        if (issued.status !== 201) throw new Error(`inviting ${person.role} answered ${issued.status}: ${JSON.stringify(issued.body)}`);
        person.acceptLink = issued.body.acceptUrl;
      }
    },
  },
  {
    name: 'samples-invitees-register-through-the-links-verify-their-addresses-and-join',
    async run(_page, session) {
      for (const person of people) {
        const page = await session.newPage(person.role);
        person.page = page;
        // The link is built from the server's configured public address; the test server may listen elsewhere.
        const link = new URL(person.acceptLink);
        await page.goto(`${baseUrl}${link.pathname}${link.search}`);
        await page.getByRole('link', { name: 'Create an account' }).click();
        await expectPath(page, /^\/register\?returnTo=/);
        await page.getByLabel('Full name').fill(person.displayName);
        await page.getByLabel('E-mail address').fill(person.email);
        await page.getByLabel('Password').fill(person.password);
        await page.getByRole('button', { name: 'Create account' }).click();
        await expectPath(page, `${link.pathname}${link.search}`);
        // Only a verified address may accept the invitation.
        await verifyEmail(page, person.email);
        await page.goto(`${baseUrl}${link.pathname}${link.search}`);
        await page.getByRole('button', { name: 'Join the organization' }).click();
        await expectPath(page, orgPath);
        await page
          .getByRole('region', { name: 'Your role' })
          .locator('.badge--role')
          .filter({ hasText: new RegExp(`^${person.role}$`) })
          .waitFor({ timeout });
      }
    },
  },
  {
    name: 'analyst-defines-a-sample-without-the-assign-picker',
    async run() {
      const page = analyst.page;
      await openSamples(page);
      await page.getByText('No samples you can see yet').waitFor({ timeout });
      await page.getByRole('link', { name: 'Define sample' }).click();
      await expectPath(page, `${samplesPath}/new`);
      await page.getByText('You are assigned to this sample automatically as its creator.').waitFor({ timeout });
      await checkAccessibility(page, 'define sample page (Analyst)');
      if ((await page.getByRole('group', { name: 'Assign to' }).count()) !== 0) {
        throw new Error('the Analyst (without samples.assign) is offered the "Assign to" user search');
      }
      await page.getByRole('link', { name: 'Cancel' }).click();
      await expectPath(page, samplesPath);
      await defineSample(page, sampleA, 'WES');
      // Assigned automatically as the creator.
      await page.getByRole('region', { name: 'Assigned to' }).getByText(analyst.displayName).waitFor({ timeout });
      await checkAccessibility(page, 'sample page');
      await openSamples(page);
      expectSet(await visibleSamples(page), [sampleA], 'the Analyst');
      await checkAccessibility(page, 'analyses table (Analyst)');
    },
  },
  {
    name: 'supervisor-defines-two-samples-with-the-assign-picker-offered',
    async run(page) {
      await page.goto(`${baseUrl}${orgPath}`);
      await openSamples(page);
      await page.getByRole('link', { name: 'Define sample' }).click();
      await page.getByRole('group', { name: 'Assign to' }).waitFor({ timeout });
      await checkAccessibility(page, 'define sample page (with the assign picker)');
      await page.getByRole('link', { name: 'Cancel' }).click();
      await expectPath(page, samplesPath);
      await defineSample(page, sampleB, 'WGS');
      await page.getByRole('link', { name: 'Samples', exact: true }).first().click();
      await expectPath(page, samplesPath);
      await defineSample(page, sampleC, 'WES');
      await openSamples(page);
      await page.getByRole('link', { name: sampleC }).waitFor({ timeout });
      expectSet(await visibleSamples(page), [sampleA, sampleB, sampleC], 'the Supervisor');
      await checkAccessibility(page, 'analyses table');
    },
  },
  {
    name: 'supervisor-bulk-assigns-a-sample-to-the-report-writer',
    async run(page) {
      await page.getByRole('checkbox', { name: `Select ${sampleB}` }).check();
      await page.getByRole('region', { name: 'Selected samples' }).getByText('1 sample selected').waitFor({ timeout });
      await checkAccessibility(page, 'analyses table with a selection');
      await page.getByRole('button', { name: 'Assign selected…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Assign selected samples' });
      await dialog.getByRole('radio', { name: 'Add' }).check();
      await dialog.getByRole('checkbox', { name: writer.displayName }).check();
      await checkAccessibility(page, 'bulk assignment dialog');
      await dialog.getByRole('button', { name: 'Add people' }).click();
      await dialog.waitFor({ state: 'detached', timeout });
      await page.getByText(/Assignment saved: 1 of 1 sample changed/).waitFor({ timeout });
      // The bar that held the focus is gone: the focus is on the result, not on <body>.
      await expectFocusOn(page, 'the assignment result', { text: /Assignment saved/ });
      const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: sampleB }) });
      await row.getByText(writer.displayName).waitFor({ timeout });
    },
  },
  {
    name: 'curator-sees-every-sample',
    async run() {
      const page = curator.page;
      await page.goto(`${baseUrl}${orgPath}`);
      await openSamples(page);
      await page.getByRole('link', { name: sampleC }).waitFor({ timeout });
      expectSet(await visibleSamples(page), [sampleA, sampleB, sampleC], 'the Clinical Curator');
      // No assign rights: names only.
      if ((await page.getByRole('button', { name: /^Assign people to/ }).count()) !== 0) throw new Error('the Curator is offered the user picker');
    },
  },
  {
    name: 'report-writer-sees-only-the-sample-assigned-to-them',
    async run() {
      const page = writer.page;
      await page.goto(`${baseUrl}${orgPath}`);
      await openSamples(page);
      await page.getByRole('link', { name: sampleB }).waitFor({ timeout });
      expectSet(await visibleSamples(page), [sampleB], 'the Report Writer');
      await page.getByText('1 sample', { exact: true }).waitFor({ timeout });
      // A direct link to a sample they cannot see.
      const hidden = await callApi(page, 'GET', `/api/organizations/${orgId}/workspaces/${workspaceId}/samples?search=${encodeURIComponent(sampleC)}`);
      if (hidden.body.items.length !== 0) throw new Error('the Report Writer can find an unassigned sample through search');
    },
  },
  {
    name: 'supervisor-turns-role-based-access-off-and-the-report-writer-sees-everything',
    async run(page) {
      await clickNav(page, 'Settings');
      await expectPath(page, `${orgPath}/settings`);
      const toggle = page.getByRole('switch', { name: 'Role-based access' });
      await toggle.waitFor({ timeout });
      if ((await toggle.getAttribute('aria-checked')) !== 'true') throw new Error('role-based access should start on');
      await toggle.click();
      const dialog = page.getByRole('dialog', { name: 'Turn role-based access off?' });
      await dialog.getByRole('button', { name: 'Turn off' }).click();
      await dialog.waitFor({ state: 'detached', timeout });
      await page.waitForFunction(
        () => document.querySelector('[role="switch"]')?.getAttribute('aria-checked') === 'false',
        null,
        { timeout },
      );

      const writerPage = writer.page;
      await writerPage.reload();
      await writerPage.getByRole('link', { name: sampleC }).waitFor({ timeout });
      expectSet(await visibleSamples(writerPage), [sampleA, sampleB, sampleC], 'the Report Writer (role-based access off)');
      await writerPage.getByText(/everyone in this organization sees every sample; assignment is for tracking only/).waitFor({ timeout });
    },
  },
  {
    // WCAG 3.2.2: browsing the Workspace select with the arrow keys changes nothing; "Open" (or Enter) moves.
    name: 'workspace-switcher-moves-only-when-asked',
    async run(page) {
      await page.goto(`${baseUrl}${samplesPath}`);
      await page.getByRole('heading', { level: 1, name: 'Samples' }).waitFor({ timeout });
      const select = page.getByRole('combobox', { name: 'Workspace' });
      await select.focus();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowDown');
      await select.selectOption({ value: otherWorkspaceId });
      await page.waitForTimeout(300);
      if (new URL(page.url()).pathname !== samplesPath) throw new Error(`changing the Workspace select navigated to ${page.url()}`);
      await page.getByRole('button', { name: 'Open', exact: true }).click();
      await expectPath(page, `${orgPath}/workspaces/${otherWorkspaceId}/samples`);
      await page.locator('.page__eyebrow', { hasText: otherWorkspace }).waitFor({ timeout });
      await expectFocusOn(page, 'the "Samples" heading', { tag: 'H1', text: 'Samples' });
      // Enter on the select opens the chosen workspace too.
      await select.selectOption({ value: workspaceId });
      await select.focus();
      await page.keyboard.press('Enter');
      await expectPath(page, samplesPath);
    },
  },
  {
    // WCAG 1.4.11: borders of controls reach 3:1 on white and on the page background; inputs get a solid focus ring.
    name: 'controls-have-visible-borders-and-focus-rings',
    async run(page) {
      await page.goto(`${baseUrl}${samplesPath}`);
      await page.getByRole('heading', { level: 1, name: 'Samples' }).waitFor({ timeout });
      const result = await page.evaluate(() => {
        const luminance = (color) => {
          const [r, g, b] = color.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => {
            const c = v / 255;
            return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
          });
          return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        };
        const contrast = (a, b) => {
          const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
          return (x + 0.05) / (y + 0.05);
        };
        const page = getComputedStyle(document.body.parentElement).backgroundColor;
        const found = {};
        for (const [what, selector] of [
          ['input', '.field__input'],
          ['segmented control', '.segmented'],
          ['secondary button', '.btn--secondary'],
        ]) {
          const element = document.querySelector(selector);
          if (!element) return { error: `no ${what} (${selector}) on the page` };
          const border = getComputedStyle(element).borderTopColor;
          found[what] = { onWhite: contrast(border, 'rgb(255, 255, 255)'), onPage: contrast(border, page) };
        }
        return { found };
      });
      if (result.error) throw new Error(result.error);
      const weak = Object.entries(result.found).filter(([, c]) => c.onWhite < 3 || c.onPage < 3);
      if (weak.length > 0) {
        throw new Error(`borders below 3:1: ${weak.map(([w, c]) => `${w} ${c.onWhite.toFixed(2)}:1 on white, ${c.onPage.toFixed(2)}:1 on the page`).join('; ')}`);
      }
      // Keyboard focus on the search field: a solid ring of at least 2 px, like the other controls.
      const search = page.getByLabel('Search');
      await search.focus();
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Tab');
      const ring = await search.evaluate((el) => {
        const style = getComputedStyle(el);
        return { active: document.activeElement === el, style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
      });
      if (!ring.active) throw new Error('the search field did not take the keyboard focus');
      if (ring.style !== 'solid' || ring.width < 2) throw new Error(`the focused input's outline is ${ring.style} ${ring.width}px, expected a solid ring of at least 2px`);
    },
  },
  {
    // WCAG 1.4.10: at 320 CSS px nothing but a table's own container scrolls sideways; the organization tabs wrap.
    name: 'main-pages-reflow-at-320-px',
    async run(page, session) {
      await page.setViewportSize({ width: 320, height: 800 });
      const samplePath = await (async () => {
        await page.goto(`${baseUrl}${samplesPath}`);
        return page.getByRole('link', { name: sampleB }).getAttribute('href', { timeout });
      })();
      const pages = [
        ['organizations', '/orgs', 'Organizations'],
        ['dashboard', orgPath, orgName],
        ['workspaces', `${orgPath}/workspaces`, 'Workspaces'],
        ['analyses table', samplesPath, 'Samples'],
        ['define sample', `${samplesPath}/new`, 'Define sample'],
        ['sample page', samplePath, sampleB],
        ['activity', `${orgPath}/activity`, null],
        ['audit', `${orgPath}/audit`, null],
        ['people', `${orgPath}/members`, null],
        ['roles', `${orgPath}/roles`, null],
        ['settings', `${orgPath}/settings`, null],
      ];
      for (const [label, path, heading] of pages) {
        await page.goto(`${baseUrl}${path}`);
        await page.getByRole('heading', { level: 1, ...(heading ? { name: heading } : {}) }).first().waitFor({ timeout });
        await expectNoHorizontalScroll(page, `${label} (${path})`);
        if (path.startsWith(orgPath)) {
          // Every organization tab is on screen (they wrap; none is scrolled out of sight).
          const hidden = await page.getByRole('navigation', { name: 'Organization' }).evaluate((nav) =>
            [...nav.querySelectorAll('a')]
              .filter((a) => {
                const r = a.getBoundingClientRect();
                return r.left < 0 || r.right > window.innerWidth + 0.5;
              })
              .map((a) => a.textContent.trim()),
          );
          if (hidden.length > 0) throw new Error(`on ${label} at 320 px these organization tabs are off-screen: ${hidden.join(', ')}`);
        }
        await checkAccessibility(page, `${label} at 320 px`);
      }
      // Signed out: the sign-in and registration pages.
      const anonymous = await session.newPage('signed out, 320 px');
      await anonymous.setViewportSize({ width: 320, height: 800 });
      for (const [label, path] of [['sign-in page', '/login'], ['register page', '/register']]) {
        await anonymous.goto(`${baseUrl}${path}`);
        await anonymous.getByRole('heading', { level: 1 }).waitFor({ timeout });
        await expectNoHorizontalScroll(anonymous, `${label} (${path})`);
      }
      await page.setViewportSize({ width: 1280, height: 800 });
    },
  },
]);
