// The TypeScript SDK (sdk/typescript, built by ./build.sh test before this suite) from Node, against a running server,
// with a personal access token: what a LIMS script would do.
//
//   (cd sdk/typescript && npm ci && npm run build) && E2E_BASE_URL=http://localhost:5080 node e2e/sdk.e2e.mjs
//
// The scenario: the platform administrator creates an organization for a new Supervisor, who registers and creates a
// token on the API tokens page's route; with only that token, the SDK lists the workspaces, defines a sample (a write
// needs no antiforgery token with a bearer token), lists it back, and is no credential on another organization's routes (401).
import { connect } from '../../sdk/typescript/dist/index.js';
import { adminAccount, baseUrl, callApi, createOrganizationFor, newAccount, registerAndOwn, runSuite } from './harness.mjs';

const admin = adminAccount();
const supervisor = newAccount('SdkSupervisor');
const orgName = `E2E SDK Lab ${supervisor.unique}`;
let orgId = '';
let token = '';

await runSuite([
  {
    name: 'sdk-a-supervisor-gets-a-personal-access-token',
    async run(page, session) {
      orgId = (await createOrganizationFor(await session.newPage('Administrator'), admin, supervisor, orgName)).id;
      await registerAndOwn(page, supervisor, orgId, orgName);
      const created = await callApi(page, 'POST', `/api/organizations/${orgId}/tokens`, { name: 'LIMS export', expiresInDays: 7 });
      if (created.status !== 201 || !created.body.token?.startsWith('vm_pat_')) throw new Error(`creating a token answered ${created.status}: ${JSON.stringify(created.body)}`);
      token = created.body.token;
    },
  },
  {
    name: 'sdk-the-typescript-sdk-reads-and-writes-with-the-token',
    async run() {
      const api = connect(baseUrl, token);
      const workspaces = await api.GET('/api/organizations/{orgId}/workspaces', { params: { path: { orgId } } });
      if (workspaces.error || workspaces.data.length !== 1) throw new Error(`workspaces: ${JSON.stringify(workspaces.error ?? workspaces.data)}`);
      const workspaceId = workspaces.data[0].id;
      const path = { orgId, workspaceId };

      const name = `SDK-${supervisor.unique}`;
      const created = await api.POST('/api/organizations/{orgId}/workspaces/{workspaceId}/samples', { params: { path }, body: { name, assay: 'WGS' } });
      if (created.error || created.response.status !== 201) throw new Error(`defining a sample: ${created.response.status} ${JSON.stringify(created.error)}`);
      const listed = await api.GET('/api/organizations/{orgId}/workspaces/{workspaceId}/samples', { params: { path } });
      if (listed.error || !listed.data.items.some((s) => s.name === name)) throw new Error(`the sample is not listed: ${JSON.stringify(listed.error ?? listed.data)}`);

      // The token is of this organization only: on another one's routes it is no credential at all.
      const elsewhere = await api.GET('/api/organizations/{orgId}/workspaces', { params: { path: { orgId: crypto.randomUUID() } } });
      if (elsewhere.response.status !== 401 || !elsewhere.error?.detail) throw new Error(`another organization answered ${elsewhere.response.status}`);
    },
  },
]);
