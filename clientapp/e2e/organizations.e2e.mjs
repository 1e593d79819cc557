// Browser end-to-end test of organizations and workspaces against a running server (see harness.mjs).
//
//   E2E_BASE_URL=http://localhost:5080 node e2e/organizations.e2e.mjs   (npm run e2e runs every suite)
//
// Needs a fresh database: its account must be the installation's FIRST registration, which makes it
// the platform administrator (only administrators create organizations). `npm run e2e` therefore runs
// this suite first (run-all.mjs) and hands the same administrator to people.e2e.mjs.
import { adminAccount, baseUrl, checkAccessibility, expectNoHorizontalScroll, expectPath, runSuite, timeout } from './harness.mjs';

const account = adminAccount();
const orgName = `E2E Genomics Lab ${account.unique}`;
const workspace = `Exome study ${account.unique}`;
const renamed = `Exome trios ${account.unique}`;
let orgPath = '';
// Names at the servers' limit (200 characters) without a single space: they must wrap, not widen the page.
const longSuffix = `${account.unique || Date.now().toString(36)}`;
const longOrgName = `LongOrganization${longSuffix}`.padEnd(200, 'o');
const longWorkspaceName = `LongWorkspace${longSuffix}`.padEnd(200, 'w');
let longOrgPath = '';

async function clickNav(page, name) {
  await page.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name, exact: true }).click();
}

function row(page, name) {
  return page.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
}

/** An element (a dialog, a table's scrolling wrapper) does not scroll sideways and ends inside the window. */
async function expectFitsWidth(locator, label) {
  const { scrollWidth, clientWidth, right, innerWidth } = await locator.evaluate((element) => ({
    scrollWidth: element.scrollWidth,
    clientWidth: element.clientWidth,
    right: Math.round(element.getBoundingClientRect().right),
    innerWidth: window.innerWidth,
  }));
  if (scrollWidth > clientWidth + 1) throw new Error(`${label} scrolls sideways: scrollWidth ${scrollWidth}px > ${clientWidth}px`);
  if (right > innerWidth + 1) throw new Error(`${label} ends at ${right}px, past the window (${innerWidth}px)`);
}

/** The typed confirmation of deleting the long-named workspace fits the window (the name wraps inside it). */
async function expectDeleteWorkspaceDialogFits(page, label) {
  await page.getByRole('button', { name: `Delete ${longWorkspaceName}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete workspace' });
  await dialog.getByLabel(`Type “${longWorkspaceName}” to confirm`).waitFor({ timeout });
  await expectFitsWidth(dialog, `${label}: the delete dialog`);
  await expectFitsWidth(page.locator('.dialog-backdrop'), `${label}: the dialog's backdrop`);
  await expectNoHorizontalScroll(page, `${label} with the delete dialog open`);
  return dialog;
}

async function switchState(page) {
  return page.getByRole('switch', { name: 'Role-based access' }).getAttribute('aria-checked', { timeout });
}

async function toggleAccess(page, expectedDialog, button, expected) {
  await page.getByRole('switch', { name: 'Role-based access' }).click();
  const dialog = page.getByRole('dialog', { name: expectedDialog });
  await dialog.getByRole('button', { name: button }).waitFor({ timeout });
  await checkAccessibility(page, 'role-based access confirmation');
  await dialog.getByRole('button', { name: button }).click();
  await dialog.waitFor({ state: 'detached', timeout });
  await page.waitForFunction(
    (value) => document.querySelector('[role="switch"]')?.getAttribute('aria-checked') === value,
    expected,
    { timeout },
  );
}

await runSuite([
  {
    name: 'first-registered-user-is-platform-admin',
    async run(page) {
      await page.goto(`${baseUrl}/register`);
      await page.getByRole('heading', { level: 1 }).waitFor({ timeout });
      await checkAccessibility(page, 'register page');
      await page.getByLabel('Full name').fill(account.displayName);
      await page.getByLabel('E-mail address').fill(account.email);
      await page.getByLabel('Password').fill(account.password);
      await page.getByRole('button', { name: 'Create account' }).click();
      await expectPath(page, '/');
      await page.getByRole('heading', { name: 'You are not a member of any organization yet' }).waitFor({ timeout });
      await checkAccessibility(page, 'home (no organization)');
      const admin = await page.getByText('Platform administrator', { exact: true }).first().isVisible().catch(() => false);
      if (!admin) {
        throw new Error(
          'this account is not the platform administrator: the organization suite must be the first to register on a fresh database',
        );
      }
    },
  },
  {
    name: 'admin-creates-organization-and-sees-dashboard-with-general',
    async run(page) {
      await page.getByRole('button', { name: 'Create organization' }).click();
      const dialog = page.getByRole('dialog', { name: 'Create organization' });
      await dialog.getByLabel('Name').waitFor({ timeout });
      await checkAccessibility(page, 'create organization dialog');
      await dialog.getByLabel('Name').fill(orgName);
      await dialog.getByLabel('Description (optional)').fill('Created by the browser end-to-end test');
      await dialog.getByRole('button', { name: 'Create organization' }).click();
      await expectPath(page, /^\/orgs\/[0-9a-f-]{36}$/);
      orgPath = new URL(page.url()).pathname;
      await page.getByRole('heading', { level: 1, name: orgName }).waitFor({ timeout });
      await page.getByRole('region', { name: 'Your workspaces' }).getByText('General', { exact: true }).waitFor({ timeout });
      await page.getByRole('region', { name: 'Your role' }).getByText('Group Supervisor').waitFor({ timeout });
      await page.getByRole('meter', { name: 'Storage used' }).waitFor({ timeout });
      await checkAccessibility(page, 'organization dashboard');
      const selector = await page.getByRole('button', { name: /^Organization/ }).textContent();
      if (!selector?.includes(orgName)) throw new Error(`the organization selector shows "${selector}"`);
    },
  },
  {
    name: 'create-workspace',
    async run(page) {
      await clickNav(page, 'Workspaces');
      await expectPath(page, `${orgPath}/workspaces`);
      await row(page, /^General/).waitFor({ timeout });
      await checkAccessibility(page, 'workspaces page');
      await page.getByRole('button', { name: 'New workspace' }).click();
      const dialog = page.getByRole('dialog', { name: 'New workspace' });
      await dialog.getByLabel('Workspace name').waitFor({ timeout });
      await checkAccessibility(page, 'new workspace dialog');
      await dialog.getByLabel('Workspace name').fill(workspace);
      await dialog.getByRole('button', { name: 'Create workspace' }).click();
      await dialog.waitFor({ state: 'detached', timeout });
      await row(page, new RegExp(`^${workspace}`)).waitFor({ timeout });
    },
  },
  {
    name: 'duplicate-workspace-name-is-shown-next-to-the-field',
    async run(page) {
      await page.getByRole('button', { name: 'New workspace' }).click();
      const dialog = page.getByRole('dialog', { name: 'New workspace' });
      const name = dialog.getByLabel('Workspace name');
      await name.fill('General');
      await dialog.getByRole('button', { name: 'Create workspace' }).click();
      await page.waitForFunction(
        () => document.querySelector('[role="dialog"] input[name="name"]')?.getAttribute('aria-invalid') === 'true',
        undefined,
        { timeout },
      );
      await checkAccessibility(page, 'new workspace dialog with an error');
      const message = await dialog.locator('.field__error').first().textContent();
      if (!message?.trim()) throw new Error('no error next to the name field');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached', timeout });
    },
  },
  {
    name: 'rename-workspace',
    async run(page) {
      await page.getByRole('button', { name: `Edit ${workspace}` }).click();
      const dialog = page.getByRole('dialog', { name: `Edit “${workspace}”` });
      await dialog.getByLabel('Workspace name').fill(renamed);
      await dialog.getByLabel('Description (optional)').fill('Trio exomes, renamed by the e2e test');
      await dialog.getByRole('button', { name: 'Save changes' }).click();
      await dialog.waitFor({ state: 'detached', timeout });
      await row(page, new RegExp(`^${renamed}`)).waitFor({ timeout });
      await row(page, new RegExp(`^${workspace}`)).waitFor({ state: 'detached', timeout });
    },
  },
  {
    name: 'delete-workspace-with-typed-confirmation',
    async run(page) {
      await page.getByRole('button', { name: `Delete ${renamed}` }).click();
      const dialog = page.getByRole('dialog', { name: 'Delete workspace' });
      const remove = dialog.getByRole('button', { name: 'Delete workspace' });
      if (!(await remove.isDisabled())) throw new Error('Delete is enabled before the name is typed');
      await checkAccessibility(page, 'delete workspace dialog');
      await dialog.getByLabel(`Type “${renamed}” to confirm`).fill(renamed.toUpperCase());
      if (!(await remove.isDisabled())) throw new Error('Delete is enabled for a name typed in the wrong case');
      await dialog.getByLabel(`Type “${renamed}” to confirm`).fill(renamed);
      await remove.click();
      await dialog.waitFor({ state: 'detached', timeout });
      await row(page, new RegExp(`^${renamed}`)).waitFor({ state: 'detached', timeout });
      await row(page, /^General/).waitFor({ timeout });
    },
  },
  {
    name: 'toggle-role-based-access-off-and-on',
    async run(page) {
      await clickNav(page, 'Settings');
      await expectPath(page, `${orgPath}/settings`);
      if ((await switchState(page)) !== 'true') throw new Error('role-based access should start switched on');
      await checkAccessibility(page, 'organization settings');
      await toggleAccess(page, 'Turn role-based access off?', 'Turn off', 'false');
      // Stored on the server, not just on the page.
      await page.reload();
      if ((await switchState(page)) !== 'false') throw new Error('role-based access is on again after a reload');
      await toggleAccess(page, 'Turn role-based access on?', 'Turn on', 'true');
      await page.reload();
      if ((await switchState(page)) !== 'true') throw new Error('role-based access is off again after a reload');
    },
  },
  {
    name: 'activity-lists-the-changes',
    async run(page) {
      await clickNav(page, 'Activity');
      const list = page.getByRole('list', { name: 'Activity' });
      await list.waitFor({ timeout });
      await list.getByText(`created the organization "${orgName}"`).waitFor({ timeout });
      await list.getByText(`deleted the workspace "${renamed}"`).waitFor({ timeout });
      await list.getByText(/turned role-based access off/i).waitFor({ timeout });
      await checkAccessibility(page, 'activity page');
    },
  },
  {
    name: 'audit-trail-records-the-changes-and-verifies',
    async run(page) {
      await clickNav(page, 'Audit');
      await expectPath(page, `${orgPath}/audit`);
      const table = page.getByRole('table', { name: /Audit records/ });
      await table.waitFor({ timeout });
      // The workspace renamed and deleted above, as rows of the trail with their entity type.
      await table.getByRole('cell', { name: 'Workspace', exact: true }).first().waitFor({ timeout });
      await page.getByRole('button', { name: 'Verify the chain' }).click();
      await page.getByRole('status').getByText(/The audit trail is intact/).waitFor({ timeout });
      await checkAccessibility(page, 'audit trail');
      const href = await page.getByRole('link', { name: /Export CSV/ }).getAttribute('href');
      if (!href?.includes('/audit/export')) throw new Error(`the export link points to ${href}`);
    },
  },
  {
    name: 'assays-page-lists-the-defaults-and-adds-one',
    async run(page) {
      const assay = `Cardiac panel ${account.unique || Date.now().toString(36)}`.slice(0, 64);
      await clickNav(page, 'Assays');
      await expectPath(page, `${orgPath}/assays`);
      const list = page.getByRole('list', { name: /^\d+ assays?$/ });
      await list.getByText('WES', { exact: true }).waitFor({ timeout });
      await checkAccessibility(page, 'assays page');
      await page.getByRole('button', { name: 'Add assay' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add assay' });
      await dialog.getByLabel('Assay name').fill(assay);
      await checkAccessibility(page, 'add assay dialog');
      await dialog.getByRole('button', { name: 'Add assay' }).click();
      await dialog.waitFor({ state: 'detached', timeout });
      await list.getByText(assay, { exact: true }).waitFor({ timeout });
      await page.getByTestId('status-message').filter({ hasText: `Assay “${assay}” added.` }).waitFor({ timeout });
      // The same name again, in another case: refused (409), said next to the field.
      await page.getByRole('button', { name: 'Add assay' }).click();
      await dialog.getByLabel('Assay name').fill(assay.toUpperCase());
      await dialog.getByRole('button', { name: 'Add assay' }).click();
      await page.waitForFunction(
        () => document.querySelector('[role="dialog"] input[name="name"]')?.getAttribute('aria-invalid') === 'true',
        undefined,
        { timeout },
      );
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached', timeout });
    },
  },
  {
    name: 'home-opens-the-last-organization',
    async run(page) {
      await page.goto(`${baseUrl}/`);
      await expectPath(page, orgPath);
      await page.getByRole('heading', { level: 1, name: orgName }).waitFor({ timeout });
    },
  },
  {
    name: 'a-200-character-organization-and-workspace-name-does-not-scroll-the-page-sideways',
    async run(page) {
      await page.goto(`${baseUrl}/orgs`);
      await page.getByRole('button', { name: 'Create organization' }).click();
      const create = page.getByRole('dialog', { name: 'Create organization' });
      await create.getByLabel('Name').fill(longOrgName);
      await create.getByRole('button', { name: 'Create organization' }).click();
      await expectPath(page, /^\/orgs\/[0-9a-f-]{36}$/);
      longOrgPath = new URL(page.url()).pathname;
      await page.getByRole('heading', { level: 1, name: longOrgName }).waitFor({ timeout });
      await page.getByTestId('status-message').filter({ hasText: `Organization “${longOrgName}” created.` }).waitFor({ timeout });
      await expectNoHorizontalScroll(page, 'dashboard of a long-named organization');

      await clickNav(page, 'Workspaces');
      await expectPath(page, `${longOrgPath}/workspaces`);
      await page.getByRole('button', { name: 'New workspace' }).click();
      const dialog = page.getByRole('dialog', { name: 'New workspace' });
      await dialog.getByLabel('Workspace name').fill(longWorkspaceName);
      await dialog.getByRole('button', { name: 'Create workspace' }).click();
      await dialog.waitFor({ state: 'detached', timeout });
      await row(page, longWorkspaceName).waitFor({ timeout });
      await page.getByTestId('status-message').filter({ hasText: `Workspace “${longWorkspaceName}” created.` }).waitFor({ timeout });
      await expectNoHorizontalScroll(page, 'workspaces with a long name');
      // At full width the name wraps in its cell: the table does not even scroll inside its own wrapper.
      await expectFitsWidth(page.locator('.table-wrap').first(), 'the workspaces table');
      const remove = await expectDeleteWorkspaceDialogFits(page, 'workspaces (1280 px)');
      await checkAccessibility(page, 'delete dialog of a long-named workspace');
      await remove.getByRole('button', { name: 'Cancel' }).click();
      await remove.waitFor({ state: 'detached', timeout });

      await page.goto(`${baseUrl}${longOrgPath}`);
      await page.getByRole('link', { name: longWorkspaceName }).waitFor({ timeout });
      await expectNoHorizontalScroll(page, 'dashboard listing a long-named workspace');
      await page.goto(`${baseUrl}/orgs`);
      await page.getByRole('link', { name: longOrgName }).waitFor({ timeout });
      await expectNoHorizontalScroll(page, 'organization cards with a long name');

      await page.setViewportSize({ width: 320, height: 800 });
      try {
        await expectNoHorizontalScroll(page, 'organization cards with a long name at 320 px');
        await page.goto(`${baseUrl}${longOrgPath}`);
        await page.getByRole('heading', { level: 1, name: longOrgName }).waitFor({ timeout });
        await expectNoHorizontalScroll(page, 'dashboard of a long-named organization at 320 px');
        await page.goto(`${baseUrl}${longOrgPath}/workspaces`);
        await row(page, longWorkspaceName).waitFor({ timeout });
        await expectNoHorizontalScroll(page, 'workspaces with a long name at 320 px');
        const narrow = await expectDeleteWorkspaceDialogFits(page, 'workspaces (320 px)');
        await narrow.getByRole('button', { name: 'Cancel' }).click();
        await narrow.waitFor({ state: 'detached', timeout });
      } finally {
        await page.setViewportSize({ width: 1280, height: 800 });
      }
    },
  },
  {
    name: 'deleting-an-organization-opens-the-organizations-list',
    async run(page) {
      await page.goto(`${baseUrl}${longOrgPath}/settings`);
      await page.getByRole('heading', { name: 'Danger zone' }).waitFor({ timeout });
      await page.getByRole('button', { name: 'Delete organization' }).click();
      const dialog = page.getByRole('dialog', { name: 'Delete organization' });
      const confirm = dialog.getByLabel(`Type “${longOrgName}” to confirm`);
      await confirm.waitFor({ timeout });
      await expectFitsWidth(dialog, 'the delete-organization dialog');
      await confirm.fill(longOrgName);
      await dialog.getByRole('button', { name: 'Delete organization' }).click();
      await expectPath(page, '/orgs');
      await page.getByRole('heading', { level: 1, name: 'Organizations' }).waitFor({ timeout });
      await page.getByTestId('status-message').filter({ hasText: `Organization “${longOrgName}” deleted.` }).waitFor({ timeout });
      await page.getByRole('link', { name: orgName }).waitFor({ timeout });
      if ((await page.getByRole('link', { name: longOrgName }).count()) > 0) throw new Error('the deleted organization is still listed');
    },
  },
]);
