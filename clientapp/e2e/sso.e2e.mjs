// Browser end-to-end test of institution sign-in (OpenID Connect) against a running server and a real OpenID provider
// (npm oidc-provider, tests/oidc-provider/server.mjs, started by this suite on this machine; the server must allow a
// local provider: SingleSignOn__AllowPrivateNetworkProviders=true, as ./build.sh test sets).
//
//   E2E_BASE_URL=http://localhost:5080 node e2e/sso.e2e.mjs      (npm run e2e runs every suite)
//
// The scenario: the platform administrator creates an organization for a new Supervisor, who registers and sets up its
// institution sign-in on the settings page (the provider's issuer, client id and secret, the institution's e-mail
// domain, people may join on their first sign-in as Analyst). A newcomer of that domain enters their address on the
// sign-in page, is offered "Continue with <organization>", signs in at the institution's page and comes back signed in,
// a member with the default role. Someone who answers the institution with an address outside its domains comes back
// to the sign-in page with the reason.
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import {
  adminAccount,
  baseUrl,
  callApi,
  checkAccessibility,
  createOrganizationFor,
  newAccount,
  registerAndOwn,
  runSuite,
  timeout,
} from './harness.mjs';

const admin = adminAccount();
const supervisor = newAccount('SsoSupervisor');
const orgName = `E2E Institution ${supervisor.unique}`;
const domain = `sso-${supervisor.unique}.example`;
const newcomer = `newcomer@${domain}`;
const clientId = 'variantminer-e2e';
const clientSecret = `secret-${supervisor.unique}`;
const providerDirectory = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'tests', 'oidc-provider');

let orgId = '';
let provider = null;
let issuer = '';

/** Starts the institution's provider with this organization's redirect address; answers its issuer. */
async function startProvider() {
  const port = 20000 + Math.floor(Math.random() * 20000);
  provider = spawn(process.execPath, [join(providerDirectory, 'server.mjs')], {
    cwd: providerDirectory,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      PORT: String(port),
      CLIENT_ID: clientId,
      CLIENT_SECRET: clientSecret,
      REDIRECT_URIS: `${baseUrl}/api/auth/sso/${orgId}/callback`,
    },
  });
  process.on('exit', () => provider?.kill());
  return new Promise((resolveIssuer, reject) => {
    const timer = setTimeout(() => reject(new Error('the OpenID provider did not start in 20 s')), 20_000);
    createInterface({ input: provider.stdout }).on('line', (line) => {
      const ready = /^oidc-provider ready (\S+)$/.exec(line);
      if (ready) {
        clearTimeout(timer);
        resolveIssuer(ready[1]);
      }
    });
    provider.on('exit', (code) => reject(new Error(`the OpenID provider exited (${code})`)));
  });
}

/** From the sign-in page: the address, the institution's button, the institution's own sign-in form (as `answer`). */
async function signInThroughInstitution(page, address, answer = address) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('E-mail address').fill(address);
  await page.getByLabel('E-mail address').blur();
  await page.getByText(`${orgName} signs you in through your institution.`).waitFor({ timeout });
  await page.getByRole('button', { name: `Continue with ${orgName}` }).click();
  // The institution's page (another site): its sign-in form, the address pre-filled from the login hint.
  await page.getByRole('heading', { name: 'Test institution' }).waitFor({ timeout });
  const login = page.getByLabel('E-mail');
  if ((await login.inputValue()) !== address) throw new Error(`the provider was not given the address: ${await login.inputValue()}`);
  await login.fill(answer);
  await page.getByRole('button', { name: 'Sign in at the institution' }).click();
  await page.waitForURL((url) => url.origin === new URL(baseUrl).origin && !url.pathname.startsWith('/api/'), { timeout });
}

await runSuite([
  {
    name: 'sso-administrator-creates-an-organization-for-a-new-supervisor',
    async run(_page, session) {
      const page = await session.newPage('Administrator');
      orgId = (await createOrganizationFor(page, admin, supervisor, orgName)).id;
    },
  },
  {
    name: 'sso-supervisor-sets-up-the-institution-sign-in',
    async run(page) {
      await registerAndOwn(page, supervisor, orgId, orgName);
      issuer = await startProvider();

      await page.goto(`${baseUrl}/orgs/${orgId}`);
      await page.getByRole('link', { name: 'Institution sign-in' }).first().click();
      await page.getByRole('heading', { level: 1, name: 'Institution sign-in' }).waitFor({ timeout });
      const redirect = await page.getByLabel('Redirect address').inputValue();
      if (redirect !== `${baseUrl}/api/auth/sso/${orgId}/callback`) throw new Error(`the redirect address to register is ${redirect}`);
      await page.getByLabel('Issuer').fill(issuer);
      await page.getByLabel('Client id').fill(clientId);
      await page.getByLabel('Client secret').fill(clientSecret);
      await page.getByLabel('E-mail domains').fill(domain);
      await page.getByLabel('Default role').selectOption({ label: 'Analyst' });
      await page.getByLabel('Let people of these domains join on their first sign-in').check();
      await checkAccessibility(page, 'institution sign-in settings');
      await page.getByRole('button', { name: 'Save institution sign-in' }).click();
      await page.getByTestId('status-message').filter({ hasText: 'Institution sign-in saved.' }).waitFor({ timeout });

      const saved = await callApi(page, 'GET', `/api/organizations/${orgId}/settings/sso`);
      if (saved.status !== 200 || saved.body.issuer !== issuer || !saved.body.clientSecretSet || saved.body.emailDomains.join() !== domain) {
        throw new Error(`the settings were not saved: ${saved.status} ${JSON.stringify(saved.body)}`);
      }
    },
  },
  {
    name: 'sso-a-newcomer-signs-in-at-the-institution-and-joins-as-analyst',
    async run(_page, session) {
      const page = await session.newPage('Newcomer');
      await signInThroughInstitution(page, newcomer);
      const me = await callApi(page, 'GET', '/api/auth/me');
      if (me.status !== 200 || me.body.email !== newcomer) throw new Error(`not signed in as ${newcomer}: ${me.status} ${JSON.stringify(me.body)}`);
      const membership = await callApi(page, 'GET', `/api/organizations/${orgId}/me`);
      if (membership.status !== 200 || membership.body.role?.name !== 'Analyst') {
        throw new Error(`the newcomer is not an Analyst of the organization: ${membership.status} ${JSON.stringify(membership.body)}`);
      }
      await page.goto(`${baseUrl}/orgs/${orgId}`);
      await page.getByRole('heading', { level: 1, name: orgName }).waitFor({ timeout });
    },
  },
  {
    name: 'sso-an-address-outside-the-institutions-domains-comes-back-with-the-reason',
    async run(_page, session) {
      const page = await session.newPage('Outsider');
      await signInThroughInstitution(page, `someone@${domain}`, `someone@elsewhere-${supervisor.unique}.example`);
      if (new URL(page.url()).pathname !== '/login') throw new Error(`expected the sign-in page, at ${page.url()}`);
      await page.getByText('is not one of the organization’s domains').waitFor({ timeout });
      const me = await callApi(page, 'GET', '/api/auth/me');
      if (me.status !== 401) throw new Error(`someone outside the domains is signed in: ${me.status}`);
      await checkAccessibility(page, 'sign-in page with an institution sign-in error');
    },
  },
]);
provider?.kill();
