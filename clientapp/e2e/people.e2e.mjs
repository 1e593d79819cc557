// Browser end-to-end test of people, roles and invitations against a running server (see harness.mjs).
//
//   E2E_BASE_URL=http://localhost:5080 node e2e/people.e2e.mjs      (npm run e2e runs every suite)
//
// A Group Supervisor (the platform administrator, who creates an organization) creates a custom role and
// invites someone as Analyst; that person — a second, separate browser session — registers with the invited
// address through the accept link, verifies the address with the link mailed to it (read from the server's mail
// folder, see harness.mjs), joins and sees the role; the Supervisor then changes their role through the
// People table's drop-down and its confirmation. Under run-all.mjs the administrator is the one organizations.e2e.mjs
// registered (E2E_ADMIN_*); run alone on a fresh database, this suite registers it itself.
import { adminAccount, baseUrl, checkAccessibility, expectPath, newAccount, pathOf, runSuite, signIn, timeout, verifyEmail } from './harness.mjs';

const admin = adminAccount();
const invitee = newAccount('Invitee');
const orgName = `E2E People Lab ${invitee.unique}`;
const customRole = 'Sequencing Analyst';
const customPermissions = ['Upload files (FASTQ, BAM, VCF, …) and define samples and subjects', 'Launch analyses with a workflow'];
let orgPath = '';
let acceptLink = '';
let second = null;

async function clickNav(page, name) {
  await page.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name, exact: true }).click();
}

/** The text of the selected option of a <select>. */
async function selectedLabel(locator) {
  return locator.evaluate((select) => select.selectedOptions[0]?.textContent?.trim() ?? '');
}

async function waitForSelected(page, name, expected) {
  await page.waitForFunction(
    ({ label, value }) => {
      const select = [...document.querySelectorAll('select')].find((s) => s.getAttribute('aria-label') === label);
      return select?.selectedOptions[0]?.textContent?.trim() === value;
    },
    { label: name, value: expected },
    { timeout },
  );
}

await runSuite([
  {
    name: 'supervisor-signs-in',
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
      await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor({ timeout });
    },
  },
  {
    name: 'supervisor-creates-organization',
    async run(page) {
      await page.goto(`${baseUrl}/orgs`);
      await page.getByRole('button', { name: 'Create organization' }).first().click();
      const dialog = page.getByRole('dialog', { name: 'Create organization' });
      await dialog.getByLabel('Name').fill(orgName);
      await dialog.getByRole('button', { name: 'Create organization' }).click();
      await expectPath(page, /^\/orgs\/[0-9a-f-]{36}$/);
      orgPath = new URL(page.url()).pathname;
      await page.getByRole('heading', { level: 1, name: orgName }).waitFor({ timeout });
      await page.getByRole('region', { name: 'Your role' }).getByText('Group Supervisor').waitFor({ timeout });
    },
  },
  {
    name: 'supervisor-creates-custom-role-with-permissions',
    async run(page) {
      await clickNav(page, 'Roles');
      await expectPath(page, `${orgPath}/roles`);
      await page.getByRole('table', { name: 'Permissions of each role' }).waitFor({ timeout });
      // The Supervisor column is locked for everyone.
      const locked = page.getByRole('checkbox', { name: 'Group Supervisor: Launch sub-analyses', exact: true });
      if (!(await locked.isChecked()) || !(await locked.isDisabled())) throw new Error('the Group Supervisor column is not locked');
      await checkAccessibility(page, 'roles page');

      await page.getByRole('button', { name: 'New role' }).click();
      const dialog = page.getByRole('dialog', { name: 'New role' });
      await dialog.getByLabel('Role name').waitFor({ timeout });
      await checkAccessibility(page, 'new role dialog');
      await dialog.getByLabel('Role name').fill(customRole);
      await dialog.getByRole('button', { name: 'Create role' }).click();
      await dialog.waitFor({ state: 'detached', timeout });
      await page.getByRole('columnheader', { name: new RegExp(`^${customRole}`) }).waitFor({ timeout });

      for (const permission of customPermissions) {
        await page.getByRole('checkbox', { name: `${customRole}: ${permission}`, exact: true }).check();
      }
      await page.getByRole('button', { name: `Save changes to ${customRole}` }).click();
      await page.getByText(`Changes to ${customRole} saved.`).waitFor({ timeout });

      // Stored on the server.
      await page.reload();
      for (const permission of customPermissions) {
        const box = page.getByRole('checkbox', { name: `${customRole}: ${permission}`, exact: true });
        await box.waitFor({ timeout });
        if (!(await box.isChecked())) throw new Error(`"${permission}" is not held by ${customRole} after a reload`);
      }
      const other = page.getByRole('checkbox', { name: `${customRole}: Launch sub-analyses`, exact: true });
      if (await other.isChecked()) throw new Error(`${customRole} holds a permission that was not ticked`);
    },
  },
  {
    name: 'supervisor-invites-an-analyst-and-copies-the-link',
    async run(page) {
      await clickNav(page, 'People');
      await expectPath(page, `${orgPath}/members`);
      await page.getByRole('table', { name: 'Members' }).getByText(admin.email).waitFor({ timeout });
      await checkAccessibility(page, 'people page');

      await page.getByRole('button', { name: 'Invite people' }).click();
      const dialog = page.getByRole('dialog', { name: 'Invite people' });
      await dialog.getByLabel('E-mail addresses', { exact: true }).fill(invitee.email);
      const role = dialog.getByLabel('Role');
      // The custom role is offered like the built-in ones.
      await role.locator('option', { hasText: customRole }).waitFor({ state: 'attached', timeout });
      await role.selectOption({ label: 'Analyst' });
      await dialog.getByRole('checkbox', { name: 'General' }).check();
      await checkAccessibility(page, 'invitation dialog');
      await dialog.getByRole('button', { name: 'Send invitation' }).click();

      const link = dialog.getByLabel('Invitation link');
      await link.waitFor({ timeout });
      await checkAccessibility(page, 'invitation dialog with the link');
      acceptLink = await link.inputValue();
      if (!/\/invitations\/accept\?token=.+/.test(acceptLink)) throw new Error(`unexpected invitation link "${acceptLink}"`);
      await dialog.getByRole('button', { name: 'Copy invitation link' }).click();
      await dialog.getByRole('button', { name: 'Done' }).click();
      await dialog.waitFor({ state: 'detached', timeout });

      const pending = page.getByRole('table', { name: 'Pending invitations' });
      const row = pending.getByRole('row').filter({ has: page.getByRole('rowheader', { name: invitee.email }) });
      await row.waitFor({ timeout });
      await row.getByRole('cell', { name: 'Analyst', exact: true }).waitFor({ timeout });
    },
  },
  {
    name: 'invitee-registers-through-the-link-verifies-the-address-and-joins-as-analyst',
    async run(_page, session) {
      second = await session.newPage('invitee');
      // The link is built from the server's configured public address; the test server may listen elsewhere.
      const link = new URL(acceptLink);
      await second.goto(`${baseUrl}${link.pathname}${link.search}`);
      // The invitation is read first: organization, inviter, role and invited address are shown signed out.
      await second.getByRole('heading', { level: 1, name: `Invitation to join ${orgName}` }).waitFor({ timeout });
      for (const [term, expected] of [
        ['Organization', orgName],
        ['Invited by', admin.displayName],
        ['Role', 'Analyst'],
        ['Invited address', invitee.email],
      ]) {
        const value = (await second.locator(`dt:text-is("${term}") + dd`).textContent({ timeout }))?.trim();
        if (value !== expected) throw new Error(`the invitation shows ${term} "${value}", expected "${expected}"`);
      }
      await second.getByText(/Sign in or create an account with/).waitFor({ timeout });
      await checkAccessibility(second, 'invitation accept page (signed out)');

      await second.getByRole('link', { name: 'Create an account' }).click();
      await expectPath(second, /^\/register\?returnTo=/);
      await second.getByLabel('Full name').fill(invitee.displayName);
      // Prefilled with the invited address.
      const email = await second.getByLabel('E-mail address').inputValue();
      if (email !== invitee.email) throw new Error(`the registration form starts with "${email}", expected the invited ${invitee.email}`);
      await second.getByLabel('Password').fill(invitee.password);
      await second.getByRole('button', { name: 'Create account' }).click();

      // Back on the invitation, now signed in — but only a verified address may accept it.
      await expectPath(second, `${link.pathname}${link.search}`);
      await second.getByText(/Invitations can be accepted only from a verified address/).waitFor({ timeout });
      await checkAccessibility(second, 'invitation accept page (unverified)');
      await verifyEmail(second, invitee.email);
      await checkAccessibility(second, 'verify-email page');
      await second.goto(`${baseUrl}${link.pathname}${link.search}`);
      await second.getByRole('button', { name: 'Join the organization' }).waitFor({ timeout });
      if ((await second.getByRole('button', { name: 'Send the link again' }).count()) !== 0) {
        throw new Error('the invitation page still asks to verify the address after the link was opened');
      }
      await checkAccessibility(second, 'invitation accept page (ready to join)');
      await second.getByRole('button', { name: 'Join the organization' }).click();
      await expectPath(second, orgPath);
      await second.getByRole('heading', { level: 1, name: orgName }).waitFor({ timeout });
      const role = second.getByRole('region', { name: 'Your role' });
      await role.locator('.badge--role').filter({ hasText: /^Analyst$/ }).waitFor({ timeout });
      if (pathOf(second) !== orgPath) throw new Error(`expected ${orgPath}, at ${pathOf(second)}`);

      // The link again: the invitation is accepted, and leads to the organization.
      await second.goto(`${baseUrl}${link.pathname}${link.search}`);
      await second.getByText('This invitation has been accepted').waitFor({ timeout });
      await second.getByRole('link', { name: `Open ${orgName}` }).click();
      await expectPath(second, orgPath);
    },
  },
  {
    name: 'supervisor-changes-the-members-role-with-confirmation',
    async run(page) {
      await page.reload();
      const table = page.getByRole('table', { name: 'Members' });
      await table.getByText(invitee.email).waitFor({ timeout });
      const selectName = `Role of ${invitee.displayName}`;
      const select = page.getByRole('combobox', { name: selectName, exact: true });
      const before = await selectedLabel(select);
      if (before !== 'Analyst') throw new Error(`the new member's role shows "${before}", expected Analyst`);
      // Accepted: no longer pending.
      await page.getByText('No invitations are waiting for an answer.').waitFor({ timeout });

      await select.selectOption({ label: 'Clinical Curator' });
      const dialog = page.getByRole('dialog', { name: 'Change role' });
      const text = await dialog.textContent();
      const expected = `Change ${invitee.displayName}'s role from Analyst to Clinical Curator? It applies immediately.`;
      if (!text?.includes(expected)) throw new Error(`the confirmation says "${text}"`);
      await checkAccessibility(page, 'change role confirmation');
      await dialog.getByRole('button', { name: 'Change role' }).click();
      await dialog.waitFor({ state: 'detached', timeout });
      await waitForSelected(page, selectName, 'Clinical Curator');

      // Stored on the server, and shown by the role filter too.
      await page.reload();
      await waitForSelected(page, selectName, 'Clinical Curator');
      await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Clinical Curator' });
      await page.getByText('1 matching', { exact: true }).waitFor({ timeout });
      await table.getByText(invitee.email).waitFor({ timeout });
    },
  },
  {
    name: 'member-sees-the-new-role-at-once',
    async run() {
      await second.reload();
      await second
        .getByRole('region', { name: 'Your role' })
        .locator('.badge--role')
        .filter({ hasText: /^Clinical Curator$/ })
        .waitFor({ timeout });
    },
  },
]);
