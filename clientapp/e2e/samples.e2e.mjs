// Browser end-to-end test of samples, assignment and visibility against a running server (see harness.mjs).
//
//   E2E_BASE_URL=http://localhost:5080 node e2e/samples.e2e.mjs      (npm run e2e runs every suite)
//
// The scenario: a Group Supervisor (the platform administrator) creates an organization and invites an
// Analyst, a Clinical Curator and a Report Writer to its General workspace (through the API, from the Supervisor's
// signed-in page); each registers through the accept link in their own browser session, verifies the address with the
// link mailed to it (read from the server's mail folder, see harness.mjs) and joins. The Analyst
// defines a sample (assigned automatically) and has no "Assign to" picker on the define page; the Supervisor (shown
// ticked and locked in the picker as the creator) defines two more — the second with a new subject, after a date of
// birth in the future is refused next to its field — and bulk-assigns one of them to the Report Writer from the
// Analyses table (the "Assign selected…" button stays in place when a row is ticked). The Supervisor opens the subject
// from its sample, edits it and finds the sample on the subject page. The Curator sees every sample and the subject,
// the Report Writer only the sample assigned to them and no subject — until the Supervisor turns role-based access off,
// after which the Report Writer sees them all.
import {
  adminAccount,
  baseUrl,
  callApi,
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
const sampleC = `E2E-C-${analyst.unique}`; // defined by the Supervisor, with a new subject
// The subject of sample C: hyphens, so that the tables show it does not wrap there.
const subject = { externalId: `E2E-FAM-${analyst.unique}-II-1`, dateOfBirth: '2015-06-01' };
let subjectPagePath = '';
let orgPath = '';
let orgId = '';
let workspaceId = '';
let samplesPath = '';
let otherWorkspaceId = '';
// Sorted after "General", so the Analyses tab still opens General (the first workspace by name) for the Supervisor.
const otherWorkspace = `Panels E2E ${analyst.unique}`;

async function clickNav(page, name) {
  await page.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name, exact: true }).click();
}

/** The names of the sample links in the Analyses table. */
async function visibleSamples(page) {
  const table = page.getByRole('table', { name: 'Analyses', exact: true });
  await table.waitFor({ timeout });
  return (await table.getByRole('rowheader').allTextContents()).map((t) => t.trim());
}

/** The workspace's table of samples: the "Analyses" tab, the "Analyses" heading. */
async function openSamples(page) {
  await clickNav(page, 'Analyses');
  await expectPath(page, samplesPath);
  await page.getByRole('heading', { level: 1, name: 'Analyses', exact: true }).waitFor({ timeout });
}

// The define page names the workspace (the samples of this suite live in General).
const defineHeading = 'Define a sample in General';

/** Defines a sample from the Analyses table; with `newSubject`, a new subject is created with it. */
async function defineSample(page, name, assay, newSubject = null) {
  await page.getByRole('link', { name: 'Define sample' }).click();
  await expectPath(page, `${samplesPath}/new`);
  // The link that was followed is gone: the focus moves to the new page's heading, and the page is announced.
  await expectFocusOn(page, `the "${defineHeading}" heading`, { tag: 'H1', text: defineHeading });
  await expectAnnounced(page, defineHeading);
  await page.getByLabel('Sample name').fill(name);
  const select = page.getByLabel('Assay');
  await select.locator('option', { hasText: assay }).waitFor({ state: 'attached', timeout });
  await select.selectOption({ label: assay });
  if (newSubject) {
    await page.locator('label', { hasText: 'New subject' }).click(); // the segmented control's label covers its radio
    await page.getByLabel('External id', { exact: true }).fill(newSubject.externalId);
    // A date of birth in the future is refused next to its field, before anything is sent.
    const born = page.getByLabel('Date of birth (optional)');
    await born.fill('2999-01-01');
    await page.getByRole('button', { name: 'Define sample' }).click();
    await page.getByText('The date of birth cannot be in the future.').waitFor({ timeout });
    if ((await born.getAttribute('aria-invalid')) !== 'true') throw new Error('the future date of birth is not marked invalid');
    if (new URL(page.url()).pathname !== `${samplesPath}/new`) throw new Error(`a future date of birth was sent: now at ${page.url()}`);
    await born.fill(newSubject.dateOfBirth);
  }
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

/** /orgs/:orgId/workspaces/:workspaceId of the General workspace. */
function workspacePath() {
  return `${orgPath}/workspaces/${workspaceId}`;
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
      const picker = page.getByRole('group', { name: 'Assign to' });
      await picker.waitFor({ timeout });
      // The creator is assigned by the server: shown ticked and locked, with the reason.
      const creator = picker.getByRole('checkbox', { name: admin.displayName, exact: true });
      await creator.waitFor({ timeout });
      if (!(await creator.isChecked()) || !(await creator.isDisabled())) throw new Error('the creator is not shown ticked and locked in "Assign to"');
      await picker.getByText('You are assigned automatically as the creator.').waitFor({ timeout });
      await checkAccessibility(page, 'define sample page (with the assign picker)');
      await page.getByRole('link', { name: 'Cancel' }).click();
      await expectPath(page, samplesPath);
      await defineSample(page, sampleB, 'WGS');
      // Back to the table through the sample page's own link (the eyebrow), not the tab.
      await page.getByRole('main').getByRole('link', { name: 'Analyses', exact: true }).click();
      await expectPath(page, samplesPath);
      await defineSample(page, sampleC, 'WES', subject);
      await page.getByRole('region', { name: 'Details' }).getByRole('link', { name: subject.externalId }).waitFor({ timeout });
      await openSamples(page);
      await page.getByRole('link', { name: sampleC }).waitFor({ timeout });
      expectSet(await visibleSamples(page), [sampleA, sampleB, sampleC], 'the Supervisor');
      await checkAccessibility(page, 'analyses table');
    },
  },
  {
    name: 'supervisor-bulk-assigns-a-sample-to-the-report-writer',
    async run(page) {
      // "Assign selected…" is there before anything is ticked (disabled, with the reason) and does not move after.
      await page.getByRole('table', { name: 'Analyses', exact: true }).getByRole('link', { name: sampleB }).waitFor({ timeout });
      const bar = page.getByRole('region', { name: 'Bulk assignment' });
      const assign = bar.getByRole('button', { name: 'Assign selected…' });
      await assign.waitFor({ timeout });
      if (!(await assign.isDisabled())) throw new Error('"Assign selected…" is enabled with nothing selected');
      await bar.getByText('No samples selected: tick samples in the table to assign them.').waitFor({ timeout });
      // Its place on the page, not in the viewport: ticking a row may scroll the row into view.
      const place = () => assign.evaluate((el) => {
        const box = el.getBoundingClientRect();
        return { x: box.x + window.scrollX, y: box.y + window.scrollY };
      });
      const before = await place();
      await page.getByRole('checkbox', { name: `Select ${sampleB}` }).check();
      await bar.getByText('1 sample selected').waitFor({ timeout });
      if (await assign.isDisabled()) throw new Error('"Assign selected…" stays disabled with a row selected');
      const after = await place();
      if (!before || !after || Math.abs(before.x - after.x) > 0.5 || Math.abs(before.y - after.y) > 0.5) {
        throw new Error(`"Assign selected…" moved when a row was ticked: ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
      }
      await checkAccessibility(page, 'analyses table with a selection');
      await assign.click();
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
    name: 'supervisor-opens-the-subject-from-its-sample-edits-it-and-sees-the-sample',
    async run(page) {
      await openSamples(page);
      // The subject's id in the table leads to the subject page; here it is followed from the sample page.
      const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: sampleC }) });
      await row.getByRole('link', { name: subject.externalId }).waitFor({ timeout });
      await row.getByRole('link', { name: sampleC }).click();
      await page.getByRole('heading', { level: 1, name: sampleC }).waitFor({ timeout });
      await page.getByRole('region', { name: 'Details' }).getByRole('link', { name: subject.externalId }).click();
      await expectPath(page, new RegExp(`^${workspacePath()}/subjects/[0-9a-f-]{36}$`));
      subjectPagePath = new URL(page.url()).pathname;
      await page.getByRole('heading', { level: 1, name: subject.externalId }).waitFor({ timeout });
      await expectFocusOn(page, 'the subject page heading', { tag: 'H1', text: subject.externalId });
      const details = page.getByRole('region', { name: 'Details' });
      await details.getByText(subject.dateOfBirth, { exact: true }).waitFor({ timeout });
      const samples = page.getByRole('region', { name: 'Samples', exact: true });
      await samples.getByRole('link', { name: sampleC }).waitFor({ timeout });
      await checkAccessibility(page, 'subject page');

      await page.getByRole('button', { name: 'Edit subject' }).click();
      const dialog = page.getByRole('dialog', { name: 'Edit subject' });
      const born = dialog.getByLabel('Date of birth (optional)');
      if ((await born.inputValue()) !== subject.dateOfBirth) throw new Error(`the edit form shows the date of birth ${await born.inputValue()}`);
      await dialog.getByLabel('Phenotype terms (optional)').fill('HP:0001250, HP:0000252');
      await dialog.getByLabel('Notes (optional)').fill('Proband; edited by the e2e suite');
      await checkAccessibility(page, 'edit subject dialog', { include: '[role="dialog"]' });
      await dialog.getByRole('button', { name: 'Save subject' }).click();
      await dialog.waitFor({ state: 'detached', timeout });
      await details.getByText('HP:0001250, HP:0000252', { exact: true }).waitFor({ timeout });
      await details.getByText('Proband; edited by the e2e suite', { exact: true }).waitFor({ timeout });

      // The sample is still listed on the subject page, and leads back to it.
      await samples.getByRole('link', { name: sampleC }).click();
      await page.getByRole('heading', { level: 1, name: sampleC }).waitFor({ timeout });

      // The workspace's subject list: linked from the Analyses table, searchable.
      await openSamples(page);
      await page.getByRole('main').getByRole('link', { name: 'Subjects', exact: true }).click();
      await expectPath(page, `${workspacePath()}/subjects`);
      await page.getByRole('heading', { level: 1, name: 'Subjects' }).waitFor({ timeout });
      await page.getByLabel('Search').fill(subject.externalId.toLowerCase());
      await page.getByRole('table', { name: 'Subjects' }).getByRole('link', { name: subject.externalId }).waitFor({ timeout });
      await checkAccessibility(page, 'subjects page');
    },
  },
  {
    // Deleting moves a sample to the workspace's trash (samples.delete); the confirmation names the other people who
    // work on it; the trash lists it (who deleted it, who was assigned) and Restore puts it back in the table.
    name: 'supervisor-moves-a-sample-to-the-trash-and-restores-it',
    async run(page) {
      await openSamples(page);
      await page.getByRole('table', { name: 'Analyses', exact: true }).getByRole('link', { name: sampleA }).click();
      await page.getByRole('heading', { level: 1, name: sampleA }).waitFor({ timeout });
      await page.getByRole('button', { name: 'Delete sample' }).click();
      const dialog = page.getByRole('dialog', { name: 'Move sample to the trash' });
      await dialog.getByText(`${analyst.displayName} works on this sample; they will lose it from their list.`).waitFor({ timeout });
      await dialog.getByText(/can be restored from the trash for 30 days/).waitFor({ timeout });
      await checkAccessibility(page, 'move sample to the trash confirmation', { include: '[role="dialog"]' });
      await dialog.getByRole('button', { name: 'Move to trash' }).click();
      await expectPath(page, samplesPath);
      await page.getByTestId('status-message').filter({ hasText: `Sample “${sampleA}” moved to the trash.` }).waitFor({ timeout });
      await page.getByRole('link', { name: sampleB }).waitFor({ timeout });
      expectSet(await visibleSamples(page), [sampleB, sampleC], 'the Supervisor after moving a sample to the trash');

      await page.getByRole('main').getByRole('link', { name: 'Trash', exact: true }).click();
      await expectPath(page, `${workspacePath()}/trash`);
      await page.getByRole('heading', { level: 1, name: 'Trash' }).waitFor({ timeout });
      const table = page.getByRole('table', { name: 'Deleted samples and subjects' });
      const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: sampleA }) });
      await row.getByRole('cell', { name: admin.displayName, exact: true }).waitFor({ timeout });
      await row.getByRole('cell', { name: analyst.displayName, exact: true }).waitFor({ timeout });
      await checkAccessibility(page, 'trash page');
      await row.getByRole('button', { name: `Restore sample ${sampleA}` }).click();
      await page.getByTestId('status-message').filter({ hasText: `Sample “${sampleA}” restored.` }).waitFor({ timeout });
      await page.getByText('The trash is empty').waitFor({ timeout });

      await openSamples(page);
      await page.getByRole('link', { name: sampleA }).waitFor({ timeout });
      expectSet(await visibleSamples(page), [sampleA, sampleB, sampleC], 'the Supervisor after restoring the sample');
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
      // Every subject (samples.view.all), but no "Edit subject" (no samples.define).
      await page.getByRole('main').getByRole('link', { name: 'Subjects', exact: true }).click();
      await page.getByRole('table', { name: 'Subjects' }).getByRole('link', { name: subject.externalId }).click();
      await page.getByRole('heading', { level: 1, name: subject.externalId }).waitFor({ timeout });
      if ((await page.getByRole('button', { name: 'Edit subject' }).count()) !== 0) throw new Error('the Curator is offered "Edit subject"');
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
      // Only the subjects of samples they can see: sample B has none.
      await page.getByRole('main').getByRole('link', { name: 'Subjects', exact: true }).click();
      await page.getByText('No subjects you can see yet').waitFor({ timeout });
      await page.goto(`${baseUrl}${subjectPagePath}`);
      await page.getByText('This subject does not exist or you cannot see it.').waitFor({ timeout });
      // A direct link to a sample they cannot see.
      const hidden = await callApi(page, 'GET', `/api/organizations/${orgId}/workspaces/${workspaceId}/samples?search=${encodeURIComponent(sampleC)}`);
      if (hidden.body.items.length !== 0) throw new Error('the Report Writer can find an unassigned sample through search');
      // Back on the Analyses table: the role-based access step reloads this page and reads the table.
      await openSamples(page);
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
      await page.getByRole('heading', { level: 1, name: 'Analyses', exact: true }).waitFor({ timeout });
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
      await expectFocusOn(page, 'the "Analyses" heading', { tag: 'H1', text: 'Analyses' });
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
      await page.getByRole('heading', { level: 1, name: 'Analyses', exact: true }).waitFor({ timeout });
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
        ['analyses table', samplesPath, 'Analyses'],
        ['define sample', `${samplesPath}/new`, defineHeading],
        ['sample page', samplePath, sampleB],
        ['subjects', `${workspacePath()}/subjects`, 'Subjects'],
        ['subject page', subjectPagePath, subject.externalId],
        ['trash', `${workspacePath()}/trash`, 'Trash'],
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
        if (path === samplesPath) {
          // Identifiers stay on one line (no break at their hyphens): the table scrolls in its wrapper instead.
          for (const id of [sampleC, subject.externalId]) {
            const link = page.getByRole('table', { name: 'Analyses', exact: true }).getByRole('link', { name: id, exact: true });
            const lines = await link.evaluate((el) => el.getClientRects().length);
            if (lines !== 1) throw new Error(`at 320 px "${id}" in the Analyses table is broken over ${lines} lines`);
          }
        }
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
