// Browser end-to-end test of file uploads (tus) against a running server (see harness.mjs).
//
//   E2E_BASE_URL=http://localhost:5080 node e2e/files.e2e.mjs      (npm run e2e runs every suite)
//
// The scenario: the platform administrator creates an organization for a new person's address (creating one is the
// administrator's unless self-service creation is on); that person registers, verifies the address with the mailed link
// — which makes them the organization's Group Supervisor — defines a sample and opens its page. On the sample's
// "Files" section they upload a generated ~20 MiB FASTQ (valid records, three 8 MiB tus chunks) through the file
// input, wait until it is done, download it back through the API and compare SHA-256 with the file on disk (and with the
// server's). A second FASTQ is uploaded with the browser's upload bandwidth throttled (DevTools network emulation), the
// page is reloaded once the server holds a first chunk, the same file is chosen again, and the row says it continued
// from where it stopped (tus: the URL stored under the file's fingerprint, HEAD for the offset) rather than from 0; it
// completes with the right SHA-256. Then the workspace's Files page: both files with their sample, the organization's
// storage, the kind filter, a workspace file uploaded and deleted, and a file whose content is not its declared kind
// refused with the server's reason.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import * as tus from 'tus-js-client';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  adminAccount,
  baseUrl,
  callApi,
  checkAccessibility,
  createOrganizationFor,
  expectNoHorizontalScroll,
  expectPath,
  newAccount,
  registerAndOwn,
  runSuite,
  timeout,
} from './harness.mjs';

const admin = adminAccount();
const supervisor = newAccount('FilesSupervisor');
const orgName = `E2E Files Lab ${supervisor.unique}`;
const sampleName = `E2E-F-${supervisor.unique}`;
const MiB = 1024 * 1024;
/** Uploads take longer than a click: a few chunks of 8 MiB, throttled on purpose in one step. */
const uploadTimeout = Math.max(timeout, 180_000);

let orgId = '';
let workspaceId = '';
let samplePath = '';
let sampleId = '';

// ---- Generated files (valid FASTQ records), in a temporary folder removed when the suite ends ----

const folder = mkdtempSync(join(tmpdir(), 'vm-e2e-files-'));
process.on('exit', () => rmSync(folder, { recursive: true, force: true }));

/** A small deterministic pseudo-random generator, so each file has its own content. */
function random(seed) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

/** Writes FASTQ records (150 bp reads, Phred+33 qualities) until the file holds at least `bytes`; returns its facts. */
function writeFastq(name, bytes, seed) {
  const next = random(seed);
  const bases = 'ACGT';
  const parts = [];
  let size = 0;
  for (let i = 1; size < bytes; i++) {
    let sequence = '';
    let quality = '';
    for (let j = 0; j < 150; j++) {
      sequence += bases[Math.floor(next() * 4)];
      quality += String.fromCharCode(35 + Math.floor(next() * 39)); // '#'..'I'
    }
    const record = `@E2E:${seed}:${i} 1:N:0:ACGT\n${sequence}\n+\n${quality}\n`;
    parts.push(record);
    size += record.length;
  }
  const content = Buffer.from(parts.join(''), 'ascii');
  const path = join(folder, name);
  writeFileSync(path, content);
  return { name, path, size: content.length, sha256: createHash('sha256').update(content).digest('hex') };
}

function writeText(name, text) {
  const content = Buffer.from(text, 'utf8');
  const path = join(folder, name);
  writeFileSync(path, content);
  return { name, path, size: content.length, sha256: createHash('sha256').update(content).digest('hex') };
}

const reads1 = writeFastq(`${sampleName}_R1.fastq`, 20 * MiB, 1);
const reads2 = writeFastq(`${sampleName}_R2.fastq`, 32 * MiB, 2);
const targets = writeText(`targets-${supervisor.unique}.bed`, 'chr1\t1000\t2000\tEXON1\nchr1\t3000\t4000\tEXON2\nchr2\t500\t900\tEXON3\n');
// Named as a VCF, but FASTQ inside: the server refuses it (422) and says what it found.
const mislabelled = writeText(`mislabelled-${supervisor.unique}.vcf`, '@r1\nACGTACGT\n+\nIIIIIIII\n');

// ---- Helpers ----

function workspaceApi() {
  return `/api/organizations/${orgId}/workspaces/${workspaceId}`;
}

/** The row of an upload (the list item holding its progress bar). */
function uploadRow(page, name) {
  return page.getByRole('listitem').filter({ has: page.getByRole('progressbar', { name: `Upload of ${name}`, exact: true }) });
}

async function progressOf(page, name) {
  const value = await page.getByRole('progressbar', { name: `Upload of ${name}`, exact: true }).getAttribute('aria-valuenow', { timeout });
  return Number(value);
}

/** Waits until the row says the file arrived (the server checked its kind and computed its SHA-256). */
async function waitUntilUploaded(page, name) {
  const row = uploadRow(page, name);
  const uploaded = row.getByText(/^Uploaded: /);
  const refused = row.getByRole('alert');
  await uploaded.or(refused).first().waitFor({ timeout: uploadTimeout });
  if (await refused.isVisible()) throw new Error(`the upload of ${name} failed: ${(await refused.textContent())?.trim()}`);
}

/** The file as the server lists it for the sample (or the workspace), by name. */
async function storedFile(page, name, query = '') {
  const listed = await callApi(page, 'GET', `${workspaceApi()}/files${query}`);
  if (listed.status !== 200) throw new Error(`GET …/files answered ${listed.status}: ${JSON.stringify(listed.body)}`);
  const file = listed.body.find((f) => f.name === name);
  if (!file) throw new Error(`${name} is not in the file list: ${JSON.stringify(listed.body.map((f) => f.name))}`);
  return file;
}

/** Downloads a file through the API with the page's session and compares its SHA-256 with the file on disk. */
async function expectSameBytes(page, local) {
  const file = await storedFile(page, local.name, `?sampleId=${sampleId}`);
  if (file.sizeBytes !== local.size) throw new Error(`${local.name}: the server holds ${file.sizeBytes} bytes, the file has ${local.size}`);
  if (file.sha256 !== local.sha256) throw new Error(`${local.name}: the server's SHA-256 is ${file.sha256}, the file's ${local.sha256}`);
  const response = await page.request.get(`${baseUrl}${workspaceApi()}/files/${file.id}/content`);
  if (response.status() !== 200) throw new Error(`downloading ${local.name} answered ${response.status()}`);
  const disposition = response.headers()['content-disposition'] ?? '';
  if (!disposition.startsWith('attachment')) throw new Error(`${local.name} is not sent as an attachment: ${disposition}`);
  const downloaded = createHash('sha256').update(await response.body()).digest('hex');
  if (downloaded !== local.sha256) throw new Error(`${local.name}: the download's SHA-256 is ${downloaded}, expected ${local.sha256}`);
  return file;
}

/** Chooses files through the uploader's file input (the "Choose files" button is its label). */
async function chooseFiles(page, files) {
  await page.getByLabel('Choose files', { exact: true }).setInputFiles(files.map((f) => f.path));
}

await runSuite([
  {
    name: 'files-administrator-creates-an-organization-for-a-new-supervisor',
    async run(_page, session) {
      const page = await session.newPage('Administrator');
      const created = await createOrganizationFor(page, admin, supervisor, orgName);
      orgId = created.id;
      workspaceId = created.initialWorkspaceId;
    },
  },
  {
    name: 'files-supervisor-registers-verifies-and-owns-the-organization',
    async run(page) {
      // Verifying the address claims the organization that waits for it.
      await registerAndOwn(page, supervisor, orgId, orgName);
    },
  },
  {
    name: 'files-supervisor-defines-a-sample-and-opens-its-files-section',
    async run(page) {
      await page.goto(`${baseUrl}/orgs/${orgId}/workspaces/${workspaceId}/samples`);
      await page.getByRole('heading', { level: 1, name: 'Analyses', exact: true }).waitFor({ timeout });
      await page.getByRole('link', { name: 'Define sample' }).click();
      await page.getByLabel('Sample name').fill(sampleName);
      const assay = page.getByLabel('Assay');
      await assay.locator('option', { hasText: 'WES' }).waitFor({ state: 'attached', timeout });
      await assay.selectOption({ label: 'WES' });
      await page.getByRole('button', { name: 'Define sample' }).click();
      await page.getByRole('heading', { level: 1, name: sampleName }).waitFor({ timeout });
      await expectPath(page, new RegExp(`^/orgs/${orgId}/workspaces/${workspaceId}/samples/[0-9a-f-]{36}$`));
      samplePath = new URL(page.url()).pathname;
      sampleId = samplePath.split('/').at(-1);

      const files = page.getByRole('region', { name: 'Files', exact: true });
      await files.getByText('No files yet. Upload the sample’s reads or other files below.').waitFor({ timeout });
      await files.getByLabel('Choose files', { exact: true }).waitFor({ state: 'attached', timeout });
      await checkAccessibility(page, 'sample page with its files section');
    },
  },
  {
    name: 'files-supervisor-uploads-a-multi-chunk-fastq-and-downloads-the-same-bytes',
    async run(page) {
      await chooseFiles(page, [reads1]);
      const row = uploadRow(page, reads1.name);
      await row.waitFor({ timeout });
      // The kind and the read are guessed from the name, and can still be changed.
      const kind = page.getByLabel(`Kind of ${reads1.name}`, { exact: true });
      if ((await kind.inputValue()) !== 'fastq') throw new Error(`${reads1.name} is guessed as ${await kind.inputValue()}`);
      const read = page.getByLabel(`Read of ${reads1.name}`, { exact: true });
      if ((await read.inputValue()) !== '1') throw new Error(`${reads1.name} is guessed as read "${await read.inputValue()}"`);
      await checkAccessibility(page, 'sample page with a file ready to upload');

      await row.getByRole('button', { name: `Upload ${reads1.name}`, exact: true }).click();
      await waitUntilUploaded(page, reads1.name);
      if ((await progressOf(page, reads1.name)) !== 100) throw new Error(`${reads1.name} is done at ${await progressOf(page, reads1.name)} %`);
      await page.getByTestId('status-message').filter({ hasText: `“${reads1.name}” uploaded.` }).waitFor({ timeout });

      // Listed with the sample's files (read R1), and the same bytes come back.
      const table = page.getByRole('table', { name: `Files of ${sampleName}` });
      const listed = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: reads1.name }) });
      await listed.waitFor({ timeout });
      await listed.getByRole('cell', { name: 'R1', exact: true }).waitFor({ timeout });
      const file = await expectSameBytes(page, reads1);
      if (file.readNumber !== 1 || file.kind !== 'fastq' || file.sampleId !== sampleId) {
        throw new Error(`${reads1.name} is stored as ${JSON.stringify({ kind: file.kind, readNumber: file.readNumber, sampleId: file.sampleId })}`);
      }
      await listed.getByText(file.sha256.slice(0, 12)).waitFor({ timeout });

      // The Download link saves the same bytes too.
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout }),
        listed.getByRole('link', { name: `Download ${reads1.name}`, exact: true }).click(),
      ]);
      const saved = await download.path();
      const savedHash = createHash('sha256').update(readFileSync(saved)).digest('hex');
      if (savedHash !== reads1.sha256) throw new Error(`the downloaded ${download.suggestedFilename()} has SHA-256 ${savedHash}`);
      await checkAccessibility(page, 'sample page with an uploaded file');
    },
  },
  {
    name: 'files-an-upload-continues-after-a-reload',
    async run(page) {
      await page.getByRole('button', { name: 'Clear finished' }).click();
      // Slow uploads down (DevTools network emulation, this page only) so that the reload comes in the middle.
      const devtools = await page.context().newCDPSession(page);
      await devtools.send('Network.enable');
      const throttle = (uploadThroughput) =>
        devtools.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput });
      await throttle(2 * MiB);
      try {
        await chooseFiles(page, [reads2]);
        const row = uploadRow(page, reads2.name);
        await row.getByRole('button', { name: `Upload ${reads2.name}`, exact: true }).click();

        // A chunk is 8 MiB of 32: past 25 % the server has acknowledged the first one (the next starts only then).
        const deadline = Date.now() + uploadTimeout;
        let percent = 0;
        while ((percent = await progressOf(page, reads2.name)) <= 28) {
          if (Date.now() > deadline) throw new Error(`${reads2.name} did not pass 28 % (at ${percent} %)`);
          await page.waitForTimeout(200);
        }
        if (percent >= 100) throw new Error(`${reads2.name} finished before the reload: the upload was not throttled`);

        // Leaving while an upload runs asks first (beforeunload): accept, the upload can be continued.
        const leave = (dialog) => void dialog.accept().catch(() => {});
        page.on('dialog', leave);
        await page.reload();
        page.off('dialog', leave);
        await page.getByRole('heading', { level: 1, name: sampleName }).waitFor({ timeout });

        // The unfinished upload is remembered (tus's stored URL): choosing the same file again continues it.
        const unfinished = page.getByRole('region', { name: 'Unfinished uploads' });
        await unfinished.getByText(reads2.name, { exact: true }).waitFor({ timeout });
        await checkAccessibility(page, 'sample page with an unfinished upload');
        await chooseFiles(page, [reads2]);
        const continued = uploadRow(page, reads2.name).getByText(/^Continued from /);
        await continued.waitFor({ timeout: uploadTimeout });
        const text = (await continued.textContent()) ?? '';
        const from = /^Continued from ([\d.,]+) (B|KiB|MiB)/.exec(text);
        if (!from || Number(from[1].replace(/,/g, '')) <= 0 || from[2] === 'B') throw new Error(`the upload did not continue from where it stopped: "${text}"`);
        const resumedAt = await progressOf(page, reads2.name);
        if (resumedAt <= 0) throw new Error(`the continued upload shows ${resumedAt} %, as if it started again`);
        // Continuing: no longer offered as unfinished.
        await unfinished.getByText(reads2.name, { exact: true }).waitFor({ state: 'detached', timeout });
      } finally {
        await throttle(-1).catch(() => {});
        await devtools.detach().catch(() => {});
      }
      await waitUntilUploaded(page, reads2.name);
      const file = await expectSameBytes(page, reads2);
      if (file.readNumber !== 2) throw new Error(`${reads2.name} is stored as read ${file.readNumber}`);
      await page
        .getByRole('table', { name: `Files of ${sampleName}` })
        .getByRole('rowheader', { name: reads2.name })
        .waitFor({ timeout });
    },
  },
  {
    name: 'files-workspace-files-page-lists-filters-uploads-refuses-and-deletes',
    async run(page) {
      await page.goto(`${baseUrl}/orgs/${orgId}/workspaces/${workspaceId}/samples`);
      await page.getByRole('main').getByRole('link', { name: 'Files', exact: true }).click();
      await expectPath(page, `/orgs/${orgId}/workspaces/${workspaceId}/files`);
      await page.getByRole('heading', { level: 1, name: 'Files' }).waitFor({ timeout });
      const table = page.getByRole('table', { name: 'Files of the workspace' });
      for (const local of [reads1, reads2]) {
        const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: local.name }) });
        await row.getByRole('link', { name: sampleName, exact: true }).waitFor({ timeout });
      }
      const meter = page.getByRole('meter', { name: `Storage used by ${orgName}` });
      await meter.waitFor({ timeout });
      const used = (await meter.getAttribute('aria-valuetext')) ?? '';
      if (!/^5\d(\.\d)? MiB of /.test(used)) throw new Error(`the storage bar says "${used}", expected about 52 MiB used`);
      await checkAccessibility(page, 'files page');

      // A workspace file (no sample).
      await chooseFiles(page, [targets]);
      const row = uploadRow(page, targets.name);
      if ((await page.getByLabel(`Kind of ${targets.name}`, { exact: true }).inputValue()) !== 'bed') throw new Error(`${targets.name} is not guessed as BED`);
      await row.getByRole('button', { name: `Upload ${targets.name}`, exact: true }).click();
      await waitUntilUploaded(page, targets.name);
      const bedRow = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: targets.name }) });
      await bedRow.getByRole('cell', { name: 'Workspace', exact: true }).waitFor({ timeout });
      const bed = await storedFile(page, targets.name);
      if (bed.sampleId !== null || bed.sha256 !== targets.sha256) throw new Error(`${targets.name} is stored as ${JSON.stringify(bed)}`);

      // Kind filter, kept in the address.
      await page.getByLabel('Kind', { exact: true }).selectOption('bed');
      await expectPath(page, `/orgs/${orgId}/workspaces/${workspaceId}/files?kind=bed`);
      await page.getByRole('table', { name: 'BED files of the workspace' }).getByRole('rowheader', { name: targets.name }).waitFor({ timeout });
      // The previous list stays on screen until the filtered one arrives: wait for the FASTQ rows to go.
      await page.getByRole('rowheader', { name: reads1.name }).waitFor({ state: 'detached', timeout }).catch(() => {
        throw new Error('the BED filter still shows the FASTQ files');
      });
      await page.getByRole('button', { name: 'Clear filters' }).click();
      await table.getByRole('rowheader', { name: reads1.name }).waitFor({ timeout });

      // Content that is not the declared kind: the server's reason is shown on the row.
      await chooseFiles(page, [mislabelled]);
      const refused = uploadRow(page, mislabelled.name);
      await refused.getByRole('button', { name: `Upload ${mislabelled.name}`, exact: true }).click();
      const alert = refused.getByRole('alert');
      await alert.waitFor({ timeout: uploadTimeout });
      const reason = (await alert.textContent()) ?? '';
      if (!reason.includes('declared as VCF')) throw new Error(`the refusal does not say why: "${reason.trim()}"`);
      // The "uploaded" message of the previous file floats over the page (bottom right) and can sit on the row's
      // buttons depending on the scroll position, which axe then reports as their contrast: dismiss it first.
      for (const close of await page.getByRole('button', { name: 'Dismiss message' }).all()) await close.click();
      await checkAccessibility(page, 'files page with a refused upload');
      await refused.getByRole('button', { name: `Remove ${mislabelled.name} from the list`, exact: true }).click();

      // Delete the workspace file: the confirmation names it.
      await bedRow.getByRole('button', { name: `Delete ${targets.name}`, exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Delete file' });
      await dialog.getByText(targets.name, { exact: true }).waitFor({ timeout });
      await checkAccessibility(page, 'delete file confirmation', { include: '[role="dialog"]' });
      await dialog.getByRole('button', { name: 'Delete file' }).click();
      await dialog.waitFor({ state: 'detached', timeout });
      await page.getByTestId('status-message').filter({ hasText: `File “${targets.name}” deleted.` }).waitFor({ timeout });
      await table.getByRole('rowheader', { name: targets.name }).waitFor({ state: 'detached', timeout });
      const after = await callApi(page, 'GET', `${workspaceApi()}/files`);
      if (after.body.some((f) => f.name === targets.name)) throw new Error(`${targets.name} is still listed by the server after deletion`);
    },
  },
  {
    // Interop outside the browser: tus-js-client in Node streams a generated 64 MiB FASTQ (never written to disk) to the
    // real server with the page's session, in 8 MiB chunks; the server's SHA-256 equals the stream's.
    name: 'files-tus-js-client-in-node-streams-a-generated-upload',
    async run(page) {
      const token = (await (await page.request.get(`${baseUrl}/api/auth/antiforgery`)).json()).token;
      const cookie = (await page.context().cookies(baseUrl)).map((c) => `${c.name}=${c.value}`).join('; ');
      const record = '@node\nACGTACGTACGTACGTACGTACGTACGTACGT\n+\nIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIII\n';
      const count = Math.floor((64 * MiB) / record.length);
      const size = count * record.length;
      const hash = createHash('sha256');
      const block = Buffer.from(record.repeat(1000));
      let left = count;
      const stream = new Readable({
        read() {
          if (left === 0) return this.push(null);
          const n = Math.min(1000, left);
          left -= n;
          const chunk = n === 1000 ? block : block.subarray(0, n * record.length);
          hash.update(chunk);
          this.push(chunk);
        },
      });
      const name = `node-${supervisor.unique}.fq`;
      await new Promise((resolve, reject) => {
        const upload = new tus.Upload(stream, {
          endpoint: `${baseUrl}${workspaceApi()}/uploads`,
          uploadSize: size,
          chunkSize: 8 * MiB,
          metadata: { filename: name, kind: 'fastq', sampleId },
          headers: { 'X-XSRF-TOKEN': token, Cookie: cookie },
          retryDelays: [0, 1000],
          onError: reject,
          onSuccess: resolve,
        });
        upload.start();
      });
      const file = await storedFile(page, name, `?sampleId=${sampleId}`);
      const expected = hash.digest('hex');
      if (file.sizeBytes !== size || file.sha256 !== expected) throw new Error(`${name}: the server holds ${JSON.stringify(file)}, expected ${size} bytes, ${expected}`);
    },
  },
  {
    // WCAG 1.4.10: at 320 CSS px the upload zone, the rows and the storage bar wrap; only the tables scroll in their wrapper.
    name: 'files-pages-reflow-at-320-px',
    async run(page) {
      await page.setViewportSize({ width: 320, height: 800 });
      try {
        for (const [label, path, heading] of [
          ['files page', `/orgs/${orgId}/workspaces/${workspaceId}/files`, 'Files'],
          ['sample page with files', samplePath, sampleName],
        ]) {
          await page.goto(`${baseUrl}${path}`);
          await page.getByRole('heading', { level: 1, name: heading }).waitFor({ timeout });
          await page.getByLabel('Choose files', { exact: true }).waitFor({ state: 'attached', timeout });
          await expectNoHorizontalScroll(page, `${label} (${path})`);
        }
        // An upload row at this width too.
        await chooseFiles(page, [targets]);
        await uploadRow(page, targets.name).waitFor({ timeout });
        await expectNoHorizontalScroll(page, 'sample page with an upload row');
        await checkAccessibility(page, 'sample page with an upload row at 320 px');
      } finally {
        await page.setViewportSize({ width: 1280, height: 800 });
      }
    },
  },
]);
