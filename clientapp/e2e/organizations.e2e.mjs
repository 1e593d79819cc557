// Browser end-to-end test of organizations and workspaces against a running server (see harness.mjs).
//
//   E2E_BASE_URL=http://localhost:5080 node e2e/organizations.e2e.mjs   (npm run e2e runs every suite)
//
// Needs a fresh database: its account must be the installation's FIRST registration, which makes it
// the platform administrator (only administrators create organizations). `npm run e2e` therefore runs
// this suite first (run-all.mjs) and hands the same administrator to people.e2e.mjs.
import { adminAccount, baseUrl, checkAccessibility, expectPath, runSuite, timeout } from './harness.mjs';

const account = adminAccount();
const orgName = `E2E Genomics Lab ${account.unique}`;
const workspace = `Exome study ${account.unique}`;
const renamed = `Exome trios ${account.unique}`;
let orgPath = '';

async function clickNav(page, name) {
  await page.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name, exact: true }).click();
}

function row(page, name) {
  return page.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
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
    name: 'home-opens-the-last-organization',
    async run(page) {
      await page.goto(`${baseUrl}/`);
      await expectPath(page, orgPath);
      await page.getByRole('heading', { level: 1, name: orgName }).waitFor({ timeout });
    },
  },
]);
