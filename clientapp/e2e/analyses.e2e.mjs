// Browser end-to-end test of pipeline runs against a running server (see harness.mjs), with the real engine (cwltool,
// bwa, samtools, bcftools) and Debian's dwgsim to simulate reads.
//
//   E2E_BASE_URL=http://localhost:5080 node e2e/analyses.e2e.mjs      (npm run e2e runs every suite)
//
// The scenario: the platform administrator creates an organization for a new person's address; that person registers,
// verifies the address with the mailed link and so becomes its Group Supervisor. On the workspace's Files page they
// upload htslib's test genome (ce.fa, kind fasta) and the repository's gene models for it (tests/data/ce-genes.gff3,
// kind gff3), add a reference bundle from them on the References page and wait until it is Ready, and save a workflow
// "Germline" (germline-fastq with that bundle) on the Workflows page. They define a sample, upload a read pair simulated
// by dwgsim (R1 / R2 chosen in the uploader) on its page, launch with the workflow from the sample's launch dialog and
// wait until the run page says Complete (all 8 steps, annotation and variant import included); its VCF is listed with the
// outputs. From that run page they launch a gene-list sub-analysis (genes "vmA1, vmC3"), which opens the new run's page,
// and wait until it is Complete. Back on the germline run's page, its "Variants" link opens the variant table (the
// count, rows, the annotation it was imported with); they filter it by gene vmC3 in the "Filter variants" panel (the
// filter goes into the URL; every row is vmC3, inside its span by position — dwgsim's seed leaves no called variant in
// vmA1), open the first row's page, classify it "Likely pathogenic" with evidence in the Classify dialog (the
// classification, by them, and its history entry show) and add a note (shown with them as its author). "View in the
// genome browser" opens igv at the variant (the genome and the BAM read by HTTP Range, the BAM and VCF tracks labelled);
// back on the variant page, its back link returns to the filtered table, where the row carries the classification badge; filtering by that classification
// alone shows exactly that row. On the Gene lists page they create "E2E panel" (vmA1, vmC3), listed with 2 genes. A
// Report Writer is invited on the People page, registers through the link and joins; the Supervisor assigns the
// sub-analysis to them on its page. The Report Writer then sees on the workspace's Runs page the sub-analysis and its
// main analysis — and nothing else of the sample: not the sample, not its reads, not the main analysis's outputs, not
// its variants (its Variants page says "Variants not found": the API answers 404); the sub-analysis's Variants page
// shows its own rows (the filtered VCF, imported), only of the listed genes, with the organization's classification.
// The Report Writer drafts a report of the sub-analysis from its page (and is not offered "Sign"). The Supervisor
// records an order for the sample on the Orders page, sets the organization's FHIR server on the Integrations page (a
// receiver this suite runs; bearer token), signs the draft with the password again (final), sees it "Delivered" on the
// report page — the receiver got one transaction with the final genomics report and the token — and downloads the PDF,
// whose SHA-256 is the signature's. The Report Writer's bell then says the report was signed and leads to it.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  adminAccount,
  baseUrl,
  callApi,
  checkAccessibility,
  createOrganizationFor,
  expectPath,
  newAccount,
  registerAndOwn,
  runSuite,
  timeout,
  verifyEmail,
} from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const admin = adminAccount();
const supervisor = newAccount('RunsSupervisor');
const writer = newAccount('RunsWriter');
const orgName = `E2E Runs Lab ${supervisor.unique}`;
const sampleName = `E2E-R-${supervisor.unique}`;
const workflowName = 'Germline';
const bundle = { name: 'C. elegans excerpt', version: supervisor.unique, genomeBuild: 'ce-test' };
const bundleLabel = `${bundle.name} ${bundle.version} (${bundle.genomeBuild})`;
const genes = 'vmA1, vmC3';
/**
 * The gene the variant table is filtered by (tests/data/ce-genes.gff3). Of dwgsim's variants (fixed seed), six in vmC3
 * are called at this depth; none in vmA1 (1001-5000) or vmB2.
 */
const variantGene = { name: 'vmC3', chrom: 'CHROMOSOME_I', start: 100001, end: 150000 };
const geneListName = 'E2E panel';
/** A run of the real pipelines (alignment and calling on ~1 Mbp, or the gene-list filter) takes well under this. */
const runTimeout = Number(process.env.E2E_RUN_TIMEOUT_MS ?? 180_000);
const uploadTimeout = Math.max(timeout, 120_000);

// htslib's test genome (Debian package htslib-test) and the gene models written for it in this repository.
const genome = '/usr/share/htslib-test/test/ce.fa';
const geneModels = resolve(here, '..', '..', 'tests', 'data', 'ce-genes.gff3');

let orgId = '';
let orgPath = '';
let workspaceId = '';
let samplePath = '';
let mainRunPath = '';
let subRunPath = '';
let writerPage = null;
/** The germline run's outputs (the sample's files: the Report Writer must not see them). */
let mainOutputs = [];
/** The variant classified on its page: { position, name } (its position as the table shows it, its heading). */
let classified = null;
let reportPath = '';
const reportTitle = 'E2E gene panel report';
/** The simulated reads (dwgsim), in a temporary folder removed when the suite ends. */
const reads = [];
const folder = mkdtempSync(join(tmpdir(), 'vm-e2e-analyses-'));
process.on('exit', () => rmSync(folder, { recursive: true, force: true }));

/** The organization's FHIR server: records what it receives and answers like one (a transaction-response). */
const fhir = await new Promise((resolveServer) => {
  const requests = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      requests.push({ method: request.method, authorization: request.headers.authorization, body });
      response.writeHead(200, { 'Content-Type': 'application/fhir+json' });
      response.end(JSON.stringify({ resourceType: 'Bundle', type: 'transaction-response', entry: [{ response: { status: '201 Created', location: 'DiagnosticReport/1/_history/1' } }] }));
    });
  });
  server.listen(0, '127.0.0.1', () => resolveServer({ url: `http://127.0.0.1:${server.address().port}`, requests, server }));
});
process.on('exit', () => fhir.server.close());

function workspacePath() {
  return `${orgPath}/workspaces/${workspaceId}`;
}

async function clickNav(page, name) {
  await page.getByRole('navigation', { name: 'Organization' }).getByRole('link', { name, exact: true }).click();
}

/** Chooses files through the uploader's file input (the "Choose files" button is its label). */
async function chooseFiles(page, paths) {
  await page.getByLabel('Choose files', { exact: true }).setInputFiles(paths);
}

/** The row of an upload (the list item holding its progress bar). */
function uploadRow(page, name) {
  return page.getByRole('listitem').filter({ has: page.getByRole('progressbar', { name: `Upload of ${name}`, exact: true }) });
}

/** Waits until the row says the file arrived (the server checked its kind), or fails with the server's reason. */
async function waitUntilUploaded(page, name) {
  const row = uploadRow(page, name);
  const uploaded = row.getByText(/^Uploaded: /);
  const refused = row.getByRole('alert');
  await uploaded.or(refused).first().waitFor({ timeout: uploadTimeout });
  if (await refused.isVisible()) throw new Error(`the upload of ${name} failed: ${(await refused.textContent())?.trim()}`);
}

/** The value of a <select> option whose text starts with `text` (file options read "name (size)"). */
async function optionValue(select, text) {
  const option = select.locator('option').filter({ hasText: text }).first();
  await option.waitFor({ state: 'attached', timeout });
  return option.getAttribute('value');
}

/**
 * Waits on a run's page (which reads the run again every few seconds) until it says Complete; fails at once, with the
 * reason the page shows, when the run failed or was cancelled.
 */
async function waitForComplete(page, what) {
  const status = page.locator('.run-heading .run-status');
  const deadline = Date.now() + runTimeout;
  let last = '';
  for (;;) {
    last = ((await status.textContent({ timeout }).catch(() => '')) ?? '').trim();
    if (last === 'Complete') return;
    if (['Failed', 'System error', 'Cancelled'].includes(last)) {
      const reason = await page.getByRole('alert').allTextContents().catch(() => []);
      throw new Error(`${what} ended ${last}: ${reason.join(' ').trim()}`);
    }
    if (Date.now() > deadline) throw new Error(`${what} is still "${last}" after ${runTimeout} ms`);
    await page.waitForTimeout(1000);
  }
}

/** The names in the first column of the run page's Outputs table. */
async function outputNames(page) {
  const outputs = page.getByRole('region', { name: 'Outputs' });
  const table = outputs.getByRole('table');
  await table.waitFor({ timeout });
  return (await table.getByRole('rowheader').allTextContents()).map((t) => t.trim());
}

function analysisApi(runPath) {
  return `/api/organizations/${orgId}/workspaces/${workspaceId}/analyses/${runPath.split('/').at(-1)}`;
}

/** The variant table of a run's Variants page (named "Variants of <run> on <sample>"). */
function variantTable(page) {
  return page.getByRole('table', { name: /^Variants of / });
}

/** "1,234 variants", "1 variant", "1,000+ variants": what the Variants page says above its table. */
function variantTotal({ total, totalCapped }) {
  return `${total.toLocaleString('en-US')}${totalCapped ? '+' : ''} ${total === 1 && !totalCapped ? 'variant' : 'variants'}`;
}

/**
 * Waits until the Variants page shows the rows of its filters (`query`, as in the page's URL): the count above the
 * table is the one the API gives for them and the table is no longer reading. Returns the count's text and the rows in
 * the page (virtualised: those in view and a few around them), each as { heading: cell text }.
 */
async function settledVariants(page, runPath, query = '') {
  const expected = await callApi(page, 'GET', `${analysisApi(runPath)}/variants?${query ? `${query}&` : ''}limit=1`);
  if (expected.status !== 200) throw new Error(`the variants (${query || 'no filters'}) answered ${expected.status}: ${JSON.stringify(expected.body)}`);
  const count = variantTotal(expected.body);
  await page.getByRole('main').getByText(count, { exact: true }).waitFor({ timeout });
  if (expected.body.total === 0) {
    await page.getByText('No variant matches these filters').waitFor({ timeout });
    return { count, total: 0, rows: [] };
  }
  const table = variantTable(page);
  await page.locator('.variants-scroll[aria-busy="false"]').waitFor({ timeout });
  await table.getByRole('rowheader').first().waitFor({ timeout });
  const headings = (await table.locator('thead th').allTextContents()).map((t) => t.trim());
  const cells = await table.locator('tbody tr[data-index]').evaluateAll((rows) => rows.map((row) => [...row.cells].map((cell) => (cell.textContent ?? '').trim())));
  return { count, total: expected.body.total, rows: cells.map((row) => Object.fromEntries(headings.map((h, i) => [h, row[i]]))) };
}

/** "CHROMOSOME_I:1,478" → ["CHROMOSOME_I", 1478]. */
function parsePosition(text) {
  const colon = text.lastIndexOf(':');
  return [text.slice(0, colon), Number(text.slice(colon + 1).replace(/,/g, ''))];
}

function inGene(row, gene) {
  const [chrom, position] = parsePosition(row.Position);
  return row.Gene === gene.name && chrom === gene.chrom && position >= gene.start && position <= gene.end;
}

await runSuite([
  {
    name: 'analyses-administrator-creates-an-organization-for-a-new-supervisor',
    async run(_page, session) {
      for (const file of [genome, geneModels]) if (!existsSync(file)) throw new Error(`missing test data: ${file}`);
      const page = await session.newPage('Administrator');
      const created = await createOrganizationFor(page, admin, supervisor, orgName);
      orgId = created.id;
      orgPath = `/orgs/${orgId}`;
      workspaceId = created.initialWorkspaceId;
    },
  },
  {
    name: 'analyses-supervisor-registers-verifies-and-owns-the-organization',
    async run(page) {
      // Verifying the address (the link read from the mail sink) claims the organization that waits for it.
      await registerAndOwn(page, supervisor, orgId, orgName);
    },
  },
  {
    name: 'analyses-supervisor-uploads-the-genome-and-its-gene-models-to-the-workspace',
    async run(page) {
      await page.goto(`${baseUrl}${workspacePath()}/files`);
      await page.getByRole('heading', { level: 1, name: 'Files' }).waitFor({ timeout });
      await chooseFiles(page, [genome, geneModels]);
      for (const [file, kind] of [
        [genome, 'fasta'],
        [geneModels, 'gff3'],
      ]) {
        const name = basename(file);
        await uploadRow(page, name).waitFor({ timeout });
        const chosen = page.getByLabel(`Kind of ${name}`, { exact: true });
        if ((await chosen.inputValue()) !== kind) await chosen.selectOption(kind);
      }
      await page.getByRole('button', { name: 'Upload all (2)' }).click();
      for (const file of [genome, geneModels]) await waitUntilUploaded(page, basename(file));
      const table = page.getByRole('table', { name: 'Files of the workspace' });
      for (const file of [genome, geneModels]) await table.getByRole('rowheader', { name: basename(file) }).waitFor({ timeout });
    },
  },
  {
    name: 'analyses-supervisor-adds-a-reference-bundle-and-waits-until-it-is-ready',
    async run(page) {
      await clickNav(page, 'References');
      await expectPath(page, `${orgPath}/references`);
      await page.getByText('No reference bundles yet').waitFor({ timeout });
      await page.getByRole('button', { name: 'Add reference bundle' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add reference bundle' });
      await dialog.getByLabel('Name', { exact: true }).fill(bundle.name);
      await dialog.getByLabel('Version', { exact: true }).fill(bundle.version);
      await dialog.getByLabel('Genome build', { exact: true }).fill(bundle.genomeBuild);
      const fasta = dialog.getByLabel('Genome (FASTA)', { exact: true });
      await fasta.selectOption(await optionValue(fasta, basename(genome)));
      const gff = dialog.getByLabel('Gene models (GFF3, optional)', { exact: true });
      await gff.selectOption(await optionValue(gff, basename(geneModels)));
      await checkAccessibility(page, 'add reference bundle dialog', { include: '[role="dialog"]' });
      await dialog.getByRole('button', { name: 'Add bundle' }).click();
      await dialog.waitFor({ state: 'detached', timeout });

      // The page reads the bundles again while one is Preparing (the genome is being indexed).
      const row = page.getByRole('table', { name: 'Reference bundles' }).getByRole('row').filter({ hasText: bundle.version });
      const ready = row.locator('.run-status').filter({ hasText: /^Ready$/ });
      const failed = row.locator('.run-status').filter({ hasText: /^Failed$/ });
      await ready.or(failed).first().waitFor({ timeout: runTimeout });
      if (await failed.isVisible()) throw new Error(`the reference bundle failed: ${(await row.textContent())?.trim()}`);
      await row.getByText('2 files: genome, gene models').waitFor({ timeout });
      await checkAccessibility(page, 'references page');
    },
  },
  {
    name: 'analyses-supervisor-creates-the-germline-workflow-with-the-bundle',
    async run(page) {
      await clickNav(page, 'Workflows');
      await expectPath(page, `${orgPath}/workflows`);
      await page.getByRole('button', { name: 'New workflow' }).click();
      const dialog = page.getByRole('dialog', { name: 'New workflow' });
      await dialog.getByLabel('Workflow name').fill(workflowName);
      const pipeline = dialog.getByLabel('Pipeline', { exact: true });
      // A sub-analysis pipeline is never offered for a workflow.
      const offered = await pipeline.locator('option').allTextContents();
      if (offered.some((o) => /sub-analysis/i.test(o))) throw new Error(`the workflow form offers a sub-analysis pipeline: ${offered.join(' | ')}`);
      await pipeline.selectOption('germline-fastq');
      const reference = dialog.getByLabel('Reference bundle', { exact: true });
      await reference.locator('option', { hasText: bundleLabel }).waitFor({ state: 'attached', timeout });
      await reference.selectOption({ label: bundleLabel });
      await checkAccessibility(page, 'new workflow dialog', { include: '[role="dialog"]' });
      await dialog.getByRole('button', { name: 'Create workflow' }).click();
      await dialog.waitFor({ state: 'detached', timeout });
      const card = page.getByRole('region', { name: workflowName, exact: true });
      await card.getByRole('table', { name: `Parameters of ${workflowName}` }).getByText(bundleLabel).waitFor({ timeout });
    },
  },
  {
    name: 'analyses-supervisor-defines-a-sample-and-uploads-a-simulated-read-pair',
    async run(page) {
      // 20,000 read pairs of 100 bp from the genome (fixed seed), gzipped: <prefix>.bwa.read1.fastq.gz and .read2.
      const prefix = join(folder, sampleName);
      const simulated = spawnSync('dwgsim', ['-N', '20000', '-1', '100', '-2', '100', '-z', '7', genome, prefix], { encoding: 'utf8' });
      if (simulated.error || simulated.status !== 0) {
        throw new Error(`dwgsim failed (${simulated.error?.message ?? `exit ${simulated.status}`}): ${simulated.stderr?.slice(-500) ?? ''}`);
      }
      reads.push(`${prefix}.bwa.read1.fastq.gz`, `${prefix}.bwa.read2.fastq.gz`);
      for (const file of reads) if (!existsSync(file)) throw new Error(`dwgsim did not write ${file}`);

      await page.goto(`${baseUrl}${workspacePath()}/samples`);
      await page.getByRole('heading', { level: 1, name: 'Analyses', exact: true }).waitFor({ timeout });
      await page.getByRole('link', { name: 'Define sample' }).click();
      await page.getByLabel('Sample name').fill(sampleName);
      const assay = page.getByLabel('Assay');
      await assay.locator('option', { hasText: 'WGS' }).waitFor({ state: 'attached', timeout });
      await assay.selectOption({ label: 'WGS' });
      await page.getByRole('button', { name: 'Define sample' }).click();
      await page.getByRole('heading', { level: 1, name: sampleName }).waitFor({ timeout });
      await expectPath(page, new RegExp(`^${workspacePath()}/samples/[0-9a-f-]{36}$`));
      samplePath = new URL(page.url()).pathname;

      // dwgsim's names do not say R1 / R2 the way the uploader guesses: choose the read of each file.
      const files = page.getByRole('region', { name: 'Files', exact: true });
      await chooseFiles(page, reads);
      for (const [i, file] of reads.entries()) {
        const name = basename(file);
        await uploadRow(page, name).waitFor({ timeout });
        const kind = page.getByLabel(`Kind of ${name}`, { exact: true });
        if ((await kind.inputValue()) !== 'fastq') throw new Error(`${name} is guessed as ${await kind.inputValue()}`);
        await page.getByLabel(`Read of ${name}`, { exact: true }).selectOption(String(i + 1));
      }
      await page.getByRole('button', { name: 'Upload all (2)' }).click();
      for (const file of reads) await waitUntilUploaded(page, basename(file));
      const table = files.getByRole('table', { name: `Files of ${sampleName}` });
      for (const [i, file] of reads.entries()) {
        const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: basename(file) }) });
        await row.getByRole('cell', { name: `R${i + 1}`, exact: true }).waitFor({ timeout });
      }
    },
  },
  {
    name: 'analyses-supervisor-launches-with-the-workflow-and-the-run-completes-with-a-vcf',
    async run(page) {
      // Dismiss the "uploaded" messages, which float over the bottom of the page.
      for (const close of await page.getByRole('button', { name: 'Dismiss message' }).all()) await close.click().catch(() => {});
      await page.getByRole('button', { name: 'Launch analysis' }).click();
      const dialog = page.getByRole('dialog', { name: `Launch an analysis on “${sampleName}”` });
      // The Supervisor may do both: a workflow is the default choice.
      // (The segmented control's label covers its radio button.)
      await dialog.locator('label', { hasText: 'Choose a pipeline' }).click();
      const pipelines = dialog.getByRole('group', { name: 'Pipeline' });
      await pipelines.getByRole('radio', { name: 'Germline calling from FASTQ' }).waitFor({ timeout });
      if ((await pipelines.getByRole('radio', { name: /sub-analysis/i }).count()) !== 0) throw new Error('the launch dialog offers a sub-analysis pipeline');
      await dialog.locator('label', { hasText: 'With a workflow' }).click();
      const picker = dialog.getByLabel('Workflow', { exact: true });
      const option = `${workflowName} — Germline calling from FASTQ`;
      await picker.locator('option', { hasText: option }).waitFor({ state: 'attached', timeout });
      await picker.selectOption({ label: option });
      await dialog.getByRole('table', { name: `Parameters of ${workflowName}` }).getByText(bundleLabel).waitFor({ timeout });
      await checkAccessibility(page, 'launch analysis dialog', { include: '[role="dialog"]' });
      await dialog.getByRole('button', { name: 'Launch analysis' }).click();
      await dialog.waitFor({ state: 'detached', timeout });
      await page.getByTestId('status-message').filter({ hasText: `Analysis launched on “${sampleName}”.` }).waitFor({ timeout });

      const runs = page.getByRole('table', { name: `Runs of ${sampleName}` });
      await runs.getByRole('link', { name: workflowName, exact: true }).click();
      await expectPath(page, new RegExp(`^${workspacePath()}/analyses/[0-9a-f-]{36}$`));
      mainRunPath = new URL(page.url()).pathname;
      await page.getByRole('heading', { level: 1, name: workflowName }).waitFor({ timeout });
      const started = Date.now();
      await waitForComplete(page, 'the germline run');
      console.log(`  (the germline run completed within ${Math.round((Date.now() - started) / 1000)} s of opening its page)`);
      await page.getByRole('progressbar', { name: `Progress of ${workflowName}` }).and(page.locator('[aria-valuetext="8 of 8 steps complete"]')).waitFor({ timeout });

      const names = await outputNames(page);
      if (!names.some((n) => /\.vcf\.gz$/.test(n))) throw new Error(`no VCF among the outputs: ${names.join(', ')}`);
      mainOutputs = names;
      const vcf = page.getByRole('region', { name: 'Outputs' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: /\.vcf\.gz$/ }) });
      await vcf.first().getByRole('link', { name: /^Download .*\.vcf\.gz$/ }).waitFor({ timeout });
      await checkAccessibility(page, 'run page (complete, with outputs)');
    },
  },
  {
    name: 'analyses-supervisor-launches-a-gene-list-sub-analysis-from-the-run-page',
    async run(page) {
      await page.getByRole('button', { name: 'Launch sub-analysis' }).click();
      const dialog = page.getByRole('dialog', { name: 'Launch a sub-analysis' });
      const kind = dialog.getByRole('group', { name: 'Kind of sub-analysis' }).getByRole('radio', { name: 'Gene-list filter (sub-analysis)' });
      if (!(await kind.isChecked())) await kind.check();
      // The reference bundle is the main analysis's, shown read only.
      await dialog.locator('dd', { hasText: bundleLabel }).waitFor({ timeout });
      if ((await dialog.getByRole('combobox').count()) !== 0) throw new Error('the sub-analysis dialog offers a choice of reference bundle');
      const field = dialog.getByLabel(/^Genes/);
      // Characters the declared pattern does not allow are refused next to the field, before anything is sent.
      await field.fill('vmA1 && rm -rf /');
      await dialog.getByRole('button', { name: 'Launch sub-analysis' }).click();
      await dialog.getByText(/is not in the expected form\./).waitFor({ timeout });
      if ((await field.getAttribute('aria-invalid')) !== 'true') throw new Error('the refused gene list is not marked invalid');
      await checkAccessibility(page, 'sub-analysis dialog with an error', { include: '[role="dialog"]' });
      await field.fill(genes);
      await dialog.getByRole('button', { name: 'Launch sub-analysis' }).click();
      await dialog.waitFor({ state: 'detached', timeout });

      // The new run's page: a sub-analysis of the germline run.
      await page.waitForURL((url) => url.pathname !== mainRunPath && /\/analyses\/[0-9a-f-]{36}$/.test(url.pathname), { timeout });
      subRunPath = new URL(page.url()).pathname;
      await page.getByRole('heading', { level: 1, name: 'Gene-list filter (sub-analysis)' }).waitFor({ timeout });
      const summary = page.getByRole('region', { name: 'Summary' });
      const main = summary.getByRole('link', { name: workflowName, exact: true });
      await main.waitFor({ timeout });
      if ((await main.getAttribute('href')) !== mainRunPath) throw new Error(`the sub-analysis links to ${await main.getAttribute('href')}, not ${mainRunPath}`);
      await summary.getByText(bundleLabel).waitFor({ timeout });
      await page.getByRole('table', { name: 'Parameters of Gene-list filter (sub-analysis)' }).getByText(genes, { exact: true }).waitFor({ timeout });
      await waitForComplete(page, 'the gene-list sub-analysis');
      const names = await outputNames(page);
      if (!names.some((n) => /\.vcf\.gz$/.test(n))) throw new Error(`no VCF among the sub-analysis's outputs: ${names.join(', ')}`);
      if ((await page.getByRole('button', { name: 'Launch sub-analysis' }).count()) !== 0) throw new Error('a sub-analysis offers "Launch sub-analysis"');
      await checkAccessibility(page, 'sub-analysis run page');

      // The workspace's runs: the sub-analysis under its main analysis.
      await page.getByRole('link', { name: 'Runs', exact: true }).click();
      await expectPath(page, `${workspacePath()}/analyses`);
      const table = page.getByRole('table', { name: 'Runs of the workspace' });
      await table.getByRole('rowheader').nth(1).waitFor({ timeout });
      const rows = (await table.getByRole('rowheader').allTextContents()).map((t) => t.trim());
      if (rows.length !== 2 || !rows[0].startsWith(workflowName) || rows[1] !== '↳Sub-analysis: Gene-list filter (sub-analysis)') {
        throw new Error(`the Runs page lists ${JSON.stringify(rows)}`);
      }
      await checkAccessibility(page, 'runs page');
    },
  },
  {
    name: 'analyses-supervisor-opens-the-variants-of-the-germline-run-from-its-page',
    async run(page) {
      await page.goto(`${baseUrl}${mainRunPath}`);
      await page.getByRole('heading', { level: 1, name: workflowName }).waitFor({ timeout });
      await page.getByRole('main').getByRole('link', { name: 'Variants', exact: true }).click();
      await expectPath(page, `${mainRunPath}/variants`);
      await page.getByRole('heading', { level: 1, name: 'Variants' }).waitFor({ timeout });
      // Annotated (bcftools csq) with the bundle's gene models on import.
      await page.getByText(`Annotated with ${bundle.name} ${bundle.version}`).waitFor({ timeout });
      const { count, total, rows } = await settledVariants(page, mainRunPath);
      if (total === 0 || rows.length === 0) throw new Error(`the germline run's Variants page shows ${count} and ${rows.length} rows`);
      await variantTable(page).getByRole('rowheader').first().getByRole('link').waitFor({ timeout });
      console.log(`  (the germline run imported ${count}; ${rows.length} rows in the page)`);
      await checkAccessibility(page, 'variants page');
    },
  },
  {
    name: 'analyses-supervisor-filters-the-variants-by-gene-in-the-side-panel',
    async run(page) {
      const panel = page.getByRole('search', { name: 'Filter variants' });
      await panel.getByLabel('Genes', { exact: true }).fill(variantGene.name);
      await panel.getByRole('button', { name: 'Apply filters' }).click();
      // The filters live in the URL (a filtered view can be shared, survives a reload, Back returns to the previous one).
      await expectPath(page, `${mainRunPath}/variants?gene=${variantGene.name}`);
      const { count, rows } = await settledVariants(page, mainRunPath, `gene=${variantGene.name}`);
      if (rows.length === 0) throw new Error(`no variant of ${variantGene.name} (${count})`);
      const others = rows.filter((r) => !inGene(r, variantGene));
      if (others.length > 0) throw new Error(`filtered by ${variantGene.name}, the table shows ${others.map((r) => `${r.Position} (${r.Gene})`).join(', ')}`);
    },
  },
  {
    name: 'analyses-supervisor-classifies-a-variant-and-adds-a-note-on-its-page',
    async run(page) {
      const first = variantTable(page).getByRole('rowheader').first();
      const position = ((await first.textContent()) ?? '').trim();
      await first.getByRole('link', { name: position, exact: true }).click();
      await expectPath(page, new RegExp(`^${mainRunPath}/variants/\\d+$`));
      const heading = page.getByRole('heading', { level: 1, name: new RegExp(`^${variantGene.name} ${position} `) });
      await heading.waitFor({ timeout });
      const name = ((await heading.textContent()) ?? '').trim();
      classified = { position, name };

      const section = page.getByRole('region', { name: 'Classification', exact: true });
      await section.getByText('Not classified in this organization yet.').waitFor({ timeout });
      await section.getByRole('button', { name: 'Classify', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Classify this variant' });
      await dialog.getByRole('group', { name: 'Classification' }).getByRole('radio', { name: 'Likely pathogenic', exact: true }).check();
      await dialog.getByLabel('Evidence', { exact: true }).fill('PM2, PP3');
      await checkAccessibility(page, 'classify dialog', { include: '[role="dialog"]' });
      await dialog.getByRole('button', { name: 'Save classification' }).click();
      await dialog.waitFor({ state: 'detached', timeout });
      await page.getByTestId('status-message').filter({ hasText: `${name} classified as likely pathogenic.` }).waitFor({ timeout });

      // The classification, by whom, its evidence; and its history entry; "Classify" is now "Reclassify".
      await section.locator('.acmg').filter({ hasText: /^Likely pathogenic$/ }).first().waitFor({ timeout });
      await section.getByText(`by ${supervisor.displayName},`).waitFor({ timeout });
      await section.locator('.classification__evidence').filter({ hasText: /^PM2, PP3$/ }).first().waitFor({ timeout });
      await section.getByRole('button', { name: 'Reclassify', exact: true }).waitFor({ timeout });
      const history = section.getByRole('table', { name: `Classification history of ${name}` });
      await history.getByRole('cell', { name: supervisor.displayName, exact: true }).waitFor({ timeout });
      const entries = await history.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.cells].map((cell) => (cell.textContent ?? '').trim())));
      if (entries.length !== 1 || entries[0][0] !== 'Likely pathogenic' || entries[0][1] !== 'PM2, PP3' || entries[0][2] !== supervisor.displayName) {
        throw new Error(`the classification history reads ${JSON.stringify(entries)}`);
      }
      // The page's own badge follows (the variant is read again).
      await page.locator('.variant-heading .acmg').filter({ hasText: /^Likely pathogenic$/ }).waitFor({ timeout });

      const notes = page.getByRole('region', { name: 'Notes', exact: true });
      await notes.getByText('No notes yet.').waitFor({ timeout });
      const form = notes.getByRole('form', { name: 'Add a note' });
      await form.getByLabel('New note', { exact: true }).fill('Checked by Sanger.');
      await form.getByRole('button', { name: 'Add note' }).click();
      await page.getByTestId('status-message').filter({ hasText: 'Note added.' }).waitFor({ timeout });
      const note = notes.getByRole('list', { name: 'Notes' }).getByRole('listitem').filter({ hasText: 'Checked by Sanger.' });
      await note.locator('.note-item__author').filter({ hasText: supervisor.displayName }).waitFor({ timeout });
      // Their own note: they may edit or delete it.
      await note.getByRole('button', { name: /^Edit your note of / }).waitFor({ timeout });
      if ((await form.getByLabel('New note', { exact: true }).inputValue()) !== '') throw new Error('the note form is not emptied after adding');
      await checkAccessibility(page, 'variant page (classified, with a note)');
    },
  },
  {
    name: 'analyses-supervisor-opens-the-variant-in-the-genome-browser',
    async run(page) {
      // igv reads the bundle's genome and the run's BAM by HTTP Range (206) through the product's routes.
      const ranged = (test) => page.waitForResponse((r) => test(new URL(r.url()).pathname) && r.status() === 206, { timeout });
      const genome = ranged((path) => path.endsWith('/genome'));
      const reads = ranged((path) => /\/files\/[^/]+\/content$/.test(path));
      await page.getByRole('link', { name: 'View in the genome browser', exact: true }).click();
      await expectPath(page, new RegExp(`^${mainRunPath}/browser\\?locus=${variantGene.chrom}%3A\\d+-\\d+$`));
      await page.getByRole('heading', { level: 1, name: 'Genome browser' }).waitFor({ timeout });
      await Promise.all([genome, reads]);
      const panel = page.getByRole('region', { name: 'Genome browser (igv)' });
      // igv labels each track it loaded: the run's reads and its variants.
      await panel.locator('.igv-track-label').filter({ hasText: /\.bam$/ }).first().waitFor({ timeout });
      await panel.locator('.igv-track-label').filter({ hasText: /\.vcf\.gz$/ }).first().waitFor({ timeout });
      // igv reports a track it could not load in an alert of its own.
      const failures = await panel.locator('.igv-ui-alert-dialog-body-copy').filter({ hasText: /\S/ }).allTextContents();
      if (failures.length > 0) throw new Error(`igv says: ${failures.join(' | ')}`);
      const shown = await panel.locator('.igv-search-input').inputValue();
      const [, start, end] = /:(\d[\d,]*)-(\d[\d,]*)$/.exec(shown) ?? [];
      const [, position] = parsePosition(classified.position);
      if (!shown.startsWith(`${variantGene.chrom}:`) || Number(start.replace(/,/g, '')) > position || Number(end.replace(/,/g, '')) < position) {
        throw new Error(`igv shows ${shown}, not the variant at ${classified.position}`);
      }
      // igv's own panel is a third-party widget (canvas drawing): the page around it is checked.
      await checkAccessibility(page, 'genome browser page', { include: '.page__header' });
      await page.goBack();
      await expectPath(page, new RegExp(`^${mainRunPath}/variants/\\d+$`));
    },
  },
  {
    name: 'analyses-supervisor-sees-the-classification-in-the-table-and-filters-by-it',
    async run(page) {
      // The page's back link returns to the table with its filters.
      await page.getByRole('link', { name: `Variants of ${workflowName}`, exact: true }).click();
      await expectPath(page, `${mainRunPath}/variants?gene=${variantGene.name}`);
      const table = variantTable(page);
      const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: classified.position, exact: true }) });
      await row.locator('.acmg').filter({ hasText: /^Likely pathogenic$/ }).waitFor({ timeout });

      // Every variant of the run classified "likely-pathogenic": that one only.
      const panel = page.getByRole('search', { name: 'Filter variants' });
      await panel.getByLabel('Genes', { exact: true }).fill('');
      await panel.getByRole('group', { name: 'Classification' }).getByRole('checkbox', { name: 'Likely pathogenic', exact: true }).check();
      await panel.getByRole('button', { name: 'Apply filters' }).click();
      await expectPath(page, `${mainRunPath}/variants?classification=likely-pathogenic`);
      const { count, rows } = await settledVariants(page, mainRunPath, 'classification=likely-pathogenic');
      if (count !== '1 variant' || rows.length !== 1 || rows[0].Position !== classified.position || rows[0].Classification !== 'Likely pathogenic') {
        throw new Error(`filtered by classification, the table shows ${count}: ${JSON.stringify(rows)}`);
      }
    },
  },
  {
    name: 'analyses-supervisor-creates-a-gene-list',
    async run(page) {
      await clickNav(page, 'Gene lists');
      await expectPath(page, `${orgPath}/gene-lists`);
      await page.getByRole('heading', { level: 1, name: 'Gene lists' }).waitFor({ timeout });
      await page.getByText('No gene lists yet').waitFor({ timeout });
      await page.getByRole('button', { name: 'New gene list' }).click();
      const dialog = page.getByRole('dialog', { name: 'New gene list' });
      await dialog.getByLabel('Name', { exact: true }).fill(geneListName);
      await dialog.getByLabel('Genes', { exact: true }).fill(genes);
      await dialog.getByRole('status').filter({ hasText: /^2 genes$/ }).waitFor({ timeout });
      await checkAccessibility(page, 'new gene list dialog', { include: '[role="dialog"]' });
      await dialog.getByRole('button', { name: 'Create gene list' }).click();
      await dialog.waitFor({ state: 'detached', timeout });
      await page.getByTestId('status-message').filter({ hasText: `Gene list “${geneListName}” created with 2 genes.` }).waitFor({ timeout });
      const row = page.getByRole('table', { name: 'Gene lists' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: geneListName, exact: true }) });
      await row.getByText('2 genes', { exact: true }).waitFor({ timeout });
      await row.getByText(genes, { exact: true }).waitFor({ timeout });
      await checkAccessibility(page, 'gene lists page');
    },
  },
  {
    name: 'analyses-supervisor-invites-a-report-writer-who-registers-and-joins',
    async run(page, session) {
      await clickNav(page, 'People');
      await expectPath(page, `${orgPath}/members`);
      await page.getByRole('button', { name: 'Invite people' }).click();
      const dialog = page.getByRole('dialog', { name: 'Invite people' });
      await dialog.getByLabel('E-mail addresses', { exact: true }).fill(writer.email);
      const role = dialog.getByLabel('Role');
      await role.locator('option', { hasText: 'Report Writer' }).waitFor({ state: 'attached', timeout });
      await role.selectOption({ label: 'Report Writer' });
      await dialog.getByRole('checkbox', { name: 'General' }).check();
      await dialog.getByRole('button', { name: 'Send invitation' }).click();
      const link = new URL(await dialog.getByLabel('Invitation link').inputValue({ timeout }));
      await dialog.getByRole('button', { name: 'Done' }).click();
      await dialog.waitFor({ state: 'detached', timeout });

      // The invited person, in a browser session of their own (the link is built from the server's public address).
      writerPage = await session.newPage('Report Writer');
      await writerPage.goto(`${baseUrl}${link.pathname}${link.search}`);
      await writerPage.getByRole('link', { name: 'Create an account' }).click();
      await expectPath(writerPage, /^\/register\?returnTo=/);
      await writerPage.getByLabel('Full name').fill(writer.displayName);
      await writerPage.getByLabel('E-mail address').fill(writer.email);
      await writerPage.getByLabel('Password').fill(writer.password);
      await writerPage.getByRole('button', { name: 'Create account' }).click();
      await expectPath(writerPage, `${link.pathname}${link.search}`);
      await verifyEmail(writerPage, writer.email);
      await writerPage.goto(`${baseUrl}${link.pathname}${link.search}`);
      await writerPage.getByRole('button', { name: 'Join the organization' }).click();
      await expectPath(writerPage, orgPath);
      await writerPage
        .getByRole('region', { name: 'Your role' })
        .locator('.badge--role')
        .filter({ hasText: /^Report Writer$/ })
        .waitFor({ timeout });
    },
  },
  {
    name: 'analyses-supervisor-assigns-the-sub-analysis-to-the-report-writer',
    async run(page) {
      await page.goto(`${baseUrl}${subRunPath}`);
      const section = page.getByRole('region', { name: 'Assigned to' });
      await section.getByRole('button', { name: 'Edit assignees' }).click();
      const dialog = page.getByRole('dialog', { name: 'Assign “Gene-list filter (sub-analysis)”' });
      await dialog.getByRole('checkbox', { name: writer.displayName }).check();
      await checkAccessibility(page, 'run assignees dialog', { include: '[role="dialog"]' });
      await dialog.getByRole('button', { name: 'Save assignees' }).click();
      await dialog.waitFor({ state: 'detached', timeout });
      await section.getByText(writer.displayName).waitFor({ timeout });
    },
  },
  {
    name: 'analyses-report-writer-sees-the-sub-analysis-and-its-main-analysis-and-nothing-else-of-the-sample',
    async run() {
      const page = writerPage;
      // The sample is not assigned to them: the Analyses table is empty; its Runs button leads to what they may see.
      await clickNav(page, 'Analyses');
      await expectPath(page, `${workspacePath()}/samples`);
      await page.getByText('No samples you can see yet').waitFor({ timeout });
      await page.getByRole('main').getByRole('link', { name: 'Runs', exact: true }).click();
      await expectPath(page, `${workspacePath()}/analyses`);
      const table = page.getByRole('table', { name: 'Runs of the workspace' });
      await table.getByRole('rowheader').nth(1).waitFor({ timeout });
      const rows = (await table.getByRole('rowheader').allTextContents()).map((t) => t.trim());
      if (rows.length !== 2 || !rows[0].startsWith(workflowName) || rows[1] !== '↳Sub-analysis: Gene-list filter (sub-analysis)') {
        throw new Error(`the Report Writer's Runs page lists ${JSON.stringify(rows)}`);
      }
      await checkAccessibility(page, 'runs page (Report Writer)');

      // The assigned sub-analysis with its outputs, linking to its main analysis.
      await table.getByRole('link', { name: 'Gene-list filter (sub-analysis)' }).click();
      await expectPath(page, subRunPath);
      await page.getByRole('heading', { level: 1, name: 'Gene-list filter (sub-analysis)' }).waitFor({ timeout });
      const subOutputs = await outputNames(page);
      if (!subOutputs.some((n) => /\.vcf\.gz$/.test(n))) throw new Error(`the Report Writer does not see the sub-analysis's VCF: ${subOutputs.join(', ')}`);
      if ((await page.getByRole('button', { name: 'Edit assignees' }).count()) !== 0) throw new Error('the Report Writer is offered "Edit assignees"');
      await checkAccessibility(page, 'sub-analysis run page (Report Writer)');

      // The main analysis: its row and page, but none of its outputs (they are the sample's).
      await page.getByRole('region', { name: 'Summary' }).getByRole('link', { name: workflowName, exact: true }).click();
      await expectPath(page, mainRunPath);
      await page.getByRole('heading', { level: 1, name: workflowName }).waitFor({ timeout });
      await page.getByRole('region', { name: 'Outputs' }).getByText('No output files you can see.').waitFor({ timeout });
      if ((await page.getByRole('button', { name: 'Launch sub-analysis' }).count()) !== 0) throw new Error('the Report Writer is offered "Launch sub-analysis"');

      // The sample itself, its reads and its other files: not visible.
      await page.goto(`${baseUrl}${samplePath}`);
      await page.getByText('This sample does not exist or you cannot see it.').waitFor({ timeout });
      await page.goto(`${baseUrl}${workspacePath()}/files`);
      await page.getByRole('heading', { level: 1, name: 'Files' }).waitFor({ timeout });
      const files = page.getByRole('table', { name: 'Files of the workspace' });
      await files.getByRole('rowheader').first().waitFor({ timeout });
      const listed = (await files.getByRole('rowheader').allTextContents()).map((t) => t.trim());
      const hidden = listed.filter((n) => reads.some((r) => basename(r) === n) || mainOutputs.includes(n));
      if (hidden.length > 0) throw new Error(`the Report Writer sees the sample's files: ${hidden.join(', ')}`);
      for (const name of subOutputs) if (!listed.includes(name)) throw new Error(`the Report Writer's Files page lacks the sub-analysis's ${name}: ${listed.join(', ')}`);
      const sampleId = samplePath.split('/').at(-1);
      const api = `/api/organizations/${orgId}/workspaces/${workspaceId}`;
      const sampleRuns = await callApi(page, 'GET', `${api}/analyses?sampleId=${sampleId}`);
      const runIds = (sampleRuns.body ?? []).map((r) => r.id).sort();
      const expected = [mainRunPath, subRunPath].map((p) => p.split('/').at(-1)).sort();
      if (sampleRuns.status !== 200 || JSON.stringify(runIds) !== JSON.stringify(expected)) {
        throw new Error(`the sample's runs as the Report Writer: ${sampleRuns.status} ${JSON.stringify(runIds)}, expected ${JSON.stringify(expected)}`);
      }
      const sampleFiles = await callApi(page, 'GET', `${api}/files?sampleId=${sampleId}`);
      const readNames = (sampleFiles.body ?? []).map((f) => f.name).filter((n) => reads.some((r) => basename(r) === n));
      if (readNames.length > 0) throw new Error(`the Report Writer can list the sample's reads: ${readNames.join(', ')}`);
    },
  },
  {
    name: 'analyses-report-writer-reads-the-sub-analysis-variants-but-not-the-main-analysis-variants',
    async run() {
      const page = writerPage;
      // The main analysis is shown to them only as the sub-analysis's parent: its variants are the sample's data.
      await page.goto(`${baseUrl}${mainRunPath}/variants`);
      await page.getByRole('heading', { level: 1, name: 'Variants' }).waitFor({ timeout });
      const refused = page.getByRole('alert').filter({ hasText: 'Variants not found' });
      await refused.getByText('This analysis does not exist or you cannot see its variants.', { exact: true }).waitFor({ timeout });
      if ((await variantTable(page).count()) !== 0) throw new Error("the Report Writer is shown a table of the main analysis's variants");
      const direct = await callApi(page, 'GET', `${analysisApi(mainRunPath)}/variants?limit=1`);
      if (direct.status !== 404) throw new Error(`the main analysis's variants answer the Report Writer ${direct.status}, not 404`);
      await checkAccessibility(page, 'variants page, not found (Report Writer)');
      // …and the main analysis's page offers no link to them (the server gives it no variant count).
      await page.goto(`${baseUrl}${mainRunPath}`);
      await page.getByRole('main').getByRole('heading', { level: 1 }).waitFor({ timeout });
      if ((await page.getByRole('main').getByRole('link', { name: 'Variants', exact: true }).count()) !== 0) {
        throw new Error("the main analysis's page links the Report Writer to its variants");
      }

      // The assigned sub-analysis: its own variants (its filtered VCF, imported), with the organization's classification.
      await page.goto(`${baseUrl}${subRunPath}`);
      await page.getByRole('heading', { level: 1, name: 'Gene-list filter (sub-analysis)' }).waitFor({ timeout });
      await page.getByRole('main').getByRole('link', { name: 'Variants', exact: true }).click();
      await expectPath(page, `${subRunPath}/variants`);
      await page.getByRole('heading', { level: 1, name: 'Variants' }).waitFor({ timeout });
      const { count, total, rows } = await settledVariants(page, subRunPath);
      if (total === 0 || rows.length === 0) throw new Error(`the sub-analysis's Variants page shows ${count} and ${rows.length} rows`);
      const listed = genes.split(', ');
      const others = rows.filter((r) => !listed.includes(r.Gene));
      if (others.length > 0) throw new Error(`the sub-analysis of ${genes} shows ${others.map((r) => `${r.Position} (${r.Gene})`).join(', ')}`);
      const row = rows.find((r) => r.Position === classified.position);
      if (!row || row.Classification !== 'Likely pathogenic') throw new Error(`the classified ${classified.position} reads ${JSON.stringify(row)} in the sub-analysis`);
      console.log(`  (the sub-analysis imported ${count})`);
      await checkAccessibility(page, 'variants page of the sub-analysis (Report Writer)');
    },
  },
  {
    name: 'analyses-report-writer-drafts-a-report-of-the-sub-analysis-and-cannot-sign-it',
    async run() {
      const page = writerPage;
      await page.goto(`${baseUrl}${subRunPath}`);
      await page.getByRole('heading', { level: 1, name: 'Gene-list filter (sub-analysis)' }).waitFor({ timeout });
      await page.getByRole('region', { name: 'Reports' }).getByRole('button', { name: 'Draft a report' }).click();
      const dialog = page.getByRole('dialog', { name: 'Draft a report' });
      await dialog.getByLabel('Title').fill(reportTitle);
      await dialog.getByRole('group', { name: 'Variants to report' }).getByRole('checkbox').first().check();
      await dialog.getByRole('button', { name: 'Create draft' }).click();
      await page.getByRole('heading', { level: 1, name: reportTitle }).waitFor({ timeout });
      reportPath = new URL(page.url()).pathname;
      if ((await page.getByRole('button', { name: 'Sign', exact: true }).count()) !== 0) throw new Error('the Report Writer is offered "Sign"');
      // Ready for review: it now awaits the signature of those who sign reports.
      const edit = page.getByRole('form', { name: 'Edit version 1' });
      await edit.getByLabel('Status').selectOption('preliminary');
      await edit.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Preliminary (draft)').first().waitFor({ timeout });
      await checkAccessibility(page, 'report page, a draft (Report Writer)');
    },
  },
  {
    name: 'analyses-supervisor-opens-the-dashboard-and-follows-the-report-awaiting-signature',
    async run(page) {
      // The morning page: nothing running any more, the draft marked preliminary awaits the Supervisor's signature.
      await page.goto(`${baseUrl}${orgPath}`);
      await page.getByRole('heading', { level: 2, name: 'Needs attention' }).waitFor({ timeout });
      await page.getByRole('heading', { level: 3, name: 'Runs in progress (0)' }).waitFor({ timeout });
      const awaiting = page.getByRole('region', { name: 'Reports awaiting your signature (1)' });
      await awaiting.waitFor({ timeout });
      await checkAccessibility(page, 'dashboard with work to do');
      await awaiting.getByRole('link', { name: reportTitle }).click();
      await expectPath(page, reportPath);
      await page.getByRole('heading', { level: 1, name: reportTitle }).waitFor({ timeout });

      // The organization's usage: the Supervisor launched the finished runs, so tops the users by processing.
      await page.goto(`${baseUrl}${orgPath}/usage`);
      await page.getByRole('heading', { level: 1, name: 'Usage' }).waitFor({ timeout });
      const users = page.getByRole('table', { name: 'Top users by processing hours' });
      await users.getByRole('row').filter({ hasText: supervisor.displayName }).waitFor({ timeout });
      await checkAccessibility(page, 'usage page');
    },
  },
  {
    name: 'analyses-supervisor-records-an-order-sends-final-reports-to-a-fhir-server-signs-and-downloads-the-pdf',
    async run(page) {
      // An order for the sample, on the workspace's Orders page.
      await page.goto(`${baseUrl}${workspacePath()}/orders`);
      await page.getByRole('heading', { level: 1, name: 'Orders' }).waitFor({ timeout });
      await page.getByRole('button', { name: 'New order' }).click();
      const order = page.getByRole('dialog', { name: 'New order' });
      await order.getByRole('checkbox', { name: new RegExp(`^${sampleName} `) }).check();
      await order.getByLabel('Test', { exact: true }).fill('Exome gene panel');
      await order.getByLabel('Ordering clinician').fill('Dr. E2E Clinician');
      await order.getByRole('button', { name: 'Create order' }).click();
      await page.getByRole('heading', { level: 1, name: 'Exome gene panel' }).waitFor({ timeout });
      await checkAccessibility(page, 'order page');

      // The organization's FHIR server: a receiver this suite runs on the server's machine (the e2e server allows it).
      await clickNav(page, 'Integrations');
      await page.getByRole('heading', { level: 1, name: 'Integrations' }).waitFor({ timeout });
      await page.getByLabel('Base address').fill(`${fhir.url}/fhir`);
      await page.getByRole('radio', { name: 'Bearer token' }).check();
      await page.getByLabel('Token', { exact: true }).fill('e2e-ehr-token');
      await page.getByRole('button', { name: 'Save integration settings' }).click();
      await page.getByText('A secret is kept', { exact: false }).first().waitFor({ timeout });
      await checkAccessibility(page, 'integrations page');

      // Sign the Report Writer's draft: password again and the meaning.
      await page.goto(`${baseUrl}${reportPath}`);
      await page.getByRole('heading', { level: 1, name: reportTitle }).waitFor({ timeout });
      await page.getByRole('button', { name: 'Sign', exact: true }).click();
      const sign = page.getByRole('dialog', { name: 'Sign version 1' });
      await sign.getByLabel('Your password').fill(supervisor.password);
      await sign.getByLabel('Meaning of the signature').selectOption('approved');
      await sign.getByRole('button', { name: 'Sign', exact: true }).click();
      await sign.waitFor({ state: 'hidden', timeout });
      await page.getByText('Final (signed)').first().waitFor({ timeout });

      // Pushed to the FHIR server: the report says so (it reads itself again while the delivery is pending).
      const deliveries = page.getByRole('region', { name: 'Sent to the FHIR server' });
      await deliveries.getByText('Delivered', { exact: true }).first().waitFor({ timeout: 60_000 });
      const received = fhir.requests.filter((r) => r.method === 'POST');
      if (received.length !== 1) throw new Error(`the FHIR server received ${received.length} requests`);
      if (received[0].authorization !== 'Bearer e2e-ehr-token') throw new Error(`the FHIR server was sent "${received[0].authorization}"`);
      const transaction = JSON.parse(received[0].body);
      const diagnostic = transaction.entry?.find((e) => e.resource?.resourceType === 'DiagnosticReport')?.resource;
      if (transaction.type !== 'transaction' || diagnostic?.status !== 'final' || diagnostic?.code?.coding?.[0]?.code !== '51969-4') {
        throw new Error(`the FHIR server received ${received[0].body.slice(0, 300)}`);
      }
      await checkAccessibility(page, 'report page, signed and delivered');

      // The signed PDF, byte for byte what was signed.
      const api = await callApi(page, 'GET', `/api/organizations/${orgId}${reportPath.slice(orgPath.length)}`);
      const expected = api.body?.versions?.[0]?.signature?.pdfSha256;
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout }),
        page.getByRole('link', { name: 'PDF of version 1' }).click(),
      ]);
      const pdf = readFileSync(await download.path());
      if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('the download is not a PDF');
      const sha256 = createHash('sha256').update(pdf).digest('hex');
      if (!expected || sha256 !== expected) throw new Error(`the PDF's SHA-256 is ${sha256}, the signature says ${expected}`);
    },
  },
  {
    name: 'analyses-report-writer-is-told-the-report-was-signed-and-follows-the-bell-to-it',
    async run() {
      const page = writerPage;
      await page.goto(`${baseUrl}${subRunPath}`);
      // The bell polls; a reload reads it at once.
      const bell = page.getByRole('button', { name: /^Notifications, \d+ unread/ });
      await bell.waitFor({ timeout });
      await bell.click();
      const latest = page.getByRole('region', { name: 'Latest notifications' });
      await latest.getByRole('link', { name: new RegExp(`Report signed: ${reportTitle} \\(version 1\\)`) }).click();
      await expectPath(page, reportPath);
      await page.getByRole('heading', { level: 1, name: reportTitle }).waitFor({ timeout });
      await checkAccessibility(page, 'report page reached from a notification (Report Writer)');
    },
  },
]);
