// The command line (cli/, the real `vm` program) against a running server: a Supervisor signs it in with the device
// code — `vm login` prints the /device address, the person approves it on that page in Chromium — then `vm` lists,
// uploads a real VCF from htslib-test through tus and finds the file on the sample, all with its own saved sign-in.
//
//   dotnet build VariantMiner.sln && E2E_BASE_URL=http://localhost:5080 E2E_VM=cli/VariantMiner.Cli/bin/Debug/net10.0/vm.dll node e2e/cli.e2e.mjs
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { adminAccount, baseUrl, callApi, createOrganizationFor, newAccount, registerAndOwn, runSuite } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const vmDll = resolve(process.env.E2E_VM ?? join(here, '..', '..', 'cli', 'VariantMiner.Cli', 'bin', 'Debug', 'net10.0', 'vm.dll'));
const config = mkdtempSync(join(tmpdir(), 'vm-e2e-'));
const vcf = '/usr/share/htslib-test/test/index.vcf';
const admin = adminAccount();
const supervisor = newAccount('CliSupervisor');
const orgName = `E2E CLI Lab ${supervisor.unique}`;
let orgId = '';
let workspaceId = '';
const sampleName = `CLI-${supervisor.unique}`;

/** Starts `vm` with its own configuration folder; `onError` sees standard error as it arrives. */
function vm(args, onError) {
  const child = spawn('dotnet', [vmDll, ...args], { env: { ...process.env, VM_CONFIG_DIR: config }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => {
    err += d;
    onError?.(err);
  });
  const done = new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
  return { child, done };
}

async function vmOk(args) {
  const result = await vm(args).done;
  if (result.code !== 0) throw new Error(`vm ${args.join(' ')} exited ${result.code}: ${result.err}`);
  return result;
}

try {
  await runSuite([
    {
      name: 'cli-signs-in-with-the-device-code-approved-in-the-browser',
      async run(page, session) {
        orgId = (await createOrganizationFor(await session.newPage('Administrator'), admin, supervisor, orgName)).id;
        await registerAndOwn(page, supervisor, orgId, orgName);

        let link = null;
        const login = vm(['login', '--server', baseUrl], (err) => {
          link ??= err.match(/Open (\S+) in a browser/)?.[1] ?? null;
        });
        const deadline = Date.now() + 30_000;
        while (!link && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
        if (!link) throw new Error(`vm login showed no address: ${(await Promise.race([login.done, Promise.resolve({ err: '(still running)' })])).err}`);
        if (!link.startsWith(`${baseUrl}/device?user_code=`)) throw new Error(`vm login names ${link}`);

        await page.goto(link);
        await page.getByRole('heading', { name: 'Sign in the command line' }).waitFor();
        await page.getByLabel('Organization').selectOption({ label: orgName });
        await page.getByRole('button', { name: 'Allow' }).click();
        await page.getByRole('heading', { name: 'The command line is signed in' }).waitFor();

        const result = await login.done;
        if (result.code !== 0 || !result.out.includes(`Signed in to ${orgName}`)) throw new Error(`vm login exited ${result.code}: ${result.out} ${result.err}`);
      },
    },
    {
      name: 'cli-lists-and-uploads-with-its-saved-sign-in',
      async run(page) {
        const workspaces = JSON.parse((await vmOk(['workspaces', '--json'])).out);
        if (workspaces.length !== 1) throw new Error(`vm workspaces: ${JSON.stringify(workspaces)}`);
        workspaceId = workspaces[0].id;
        const created = await callApi(page, 'POST', `/api/organizations/${orgId}/workspaces/${workspaceId}/samples`, { name: sampleName, assay: 'WES' });
        if (created.status !== 201) throw new Error(`defining the sample answered ${created.status}`);

        const listed = JSON.parse((await vmOk(['samples', 'list', '--json'])).out);
        if (!listed.some((s) => s.name === sampleName)) throw new Error(`vm samples list: ${JSON.stringify(listed)}`);

        const upload = await vmOk(['upload', vcf, '--sample', sampleName, '--json']);
        const { fileId, bytes } = JSON.parse(upload.out);
        if (!upload.err.includes('index.vcf: 100%')) throw new Error(`no progress shown: ${upload.err}`);
        const files = await callApi(page, 'GET', `/api/organizations/${orgId}/workspaces/${workspaceId}/files?sampleId=${created.body.id}`);
        const file = (files.body.items ?? files.body).find((f) => f.id === fileId);
        if (!file || file.sizeBytes !== bytes || file.kind !== 'vcf') throw new Error(`the uploaded file is not on the sample: ${JSON.stringify(files.body)}`);

        const missing = await vm(['samples', 'list', '--workspace', 'No such workspace']).done;
        if (missing.code !== 5 || !missing.err.includes('No workspace')) throw new Error(`an unknown workspace exited ${missing.code}: ${missing.err}`);
      },
    },
  ]);
} finally {
  rmSync(config, { recursive: true, force: true });
}
