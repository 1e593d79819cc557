// `npm run e2e`: runs every browser suite in order against one server and prints ONE summary line,
// "e2e: N passed, N failed", summed over the suites (their own summary lines are folded into it).
//
// Order matters: organizations.e2e.mjs registers the platform administrator, which must be the first
// registration of a fresh database, so it runs first. people.e2e.mjs signs in as that same administrator
// (handed over through E2E_ADMIN_*) to create its own organization, roles and invitations; samples.e2e.mjs does the
// same for its own organization (an Analyst, a Clinical Curator and a Report Writer; samples, bulk assignment and
// visibility, role-based access off; a sample moved to the trash and restored); files.e2e.mjs has the same administrator
// create an organization for a new person's address, who registers, verifies it and, as its Supervisor, uploads files
// (tus, resumed after a reload) and downloads them back; analyses.e2e.mjs does the same for a Supervisor who adds a
// reference bundle (htslib's ce.fa and tests/data/ce-genes.gff3), a workflow, a sample with reads simulated by dwgsim,
// runs the real germline pipeline and a gene-list sub-analysis, filters the imported variants, classifies one and notes
// it, makes a gene list, and assigns the sub-analysis to an invited Report Writer, who sees it and its main analysis only
// (and the sub-analysis's variants, not the main analysis's) and drafts a report of it, which the Supervisor signs after
// recording an order and setting a FHIR server the suite runs (the report is delivered there; its PDF downloaded) (it
// needs cwltool, bwa, samtools, bcftools and dwgsim on the server's machine);
// sso.e2e.mjs has the administrator create an organization whose new Supervisor sets up its institution sign-in against
// a real OpenID provider the suite starts (tests/oidc-provider), then a newcomer of the institution signs in through it;
// sdk.e2e.mjs uses the TypeScript SDK (sdk/typescript/dist, built first) from Node with a Supervisor's personal access token;
// cli.e2e.mjs runs the command line (cli/, built with the solution) signed in by the device code approved in the browser;
// auth.e2e.mjs and account.e2e.mjs (profile,
// password change, forgot / reset password) work with any account.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { newAccount } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const suites = [
  'organizations.e2e.mjs',
  'people.e2e.mjs',
  'samples.e2e.mjs',
  'files.e2e.mjs',
  'analyses.e2e.mjs',
  'sso.e2e.mjs',
  'sdk.e2e.mjs',
  'cli.e2e.mjs',
  'auth.e2e.mjs',
  'account.e2e.mjs',
];
const admin = newAccount('Admin');
const env = {
  ...process.env,
  E2E_ADMIN_EMAIL: admin.email,
  E2E_ADMIN_PASSWORD: admin.password,
  E2E_ADMIN_NAME: admin.displayName,
  E2E_ADMIN_UNIQUE: admin.unique,
};
const summary = /^e2e: (\d+) passed, (\d+) failed$/;

let passed = 0;
let failed = 0;
for (const suite of suites) {
  console.log(`— ${suite}`);
  const result = await new Promise((resolve) => {
    const child = spawn(process.execPath, [join(here, suite)], { stdio: ['ignore', 'pipe', 'inherit'], env });
    let counts = null;
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = summary.exec(line.trim());
      if (match) counts = { passed: Number(match[1]), failed: Number(match[2]) };
      else console.log(line);
    });
    child.on('close', (code) => resolve({ code, counts }));
  });
  const counts = result.counts ?? { passed: 0, failed: 1 };
  if (result.code !== 0 && counts.failed === 0) counts.failed = 1;
  console.log(`  ${suite}: ${counts.passed} passed, ${counts.failed} failed`);
  passed += counts.passed;
  failed += counts.failed;
}

console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
