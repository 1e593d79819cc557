// The upload manager with the real tus-js-client (its browser build, over jsdom's XMLHttpRequest) against a small tus
// 1.0.0 server in this process (tusTestServer.mjs): 8 MiB chunks with their SHA-256 (Upload-Checksum), the antiforgery
// header and its refresh after a 400, Upload-File-Id on the last chunk, a 422 problem shown as its detail, and an
// upload continued by a new page (a new manager, as after a reload) from the offset the server holds.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTusServer, type TusTestServer } from './tusTestServer.mjs';
import { UploadManager, type UploadItem } from './useUploads';

vi.mock('tus-js-client', () => vi.importActual('tus-js-client/lib.esm/browser/index.js'));

/** The JSDOM instance Vitest exposes in its jsdom environment. */
declare const jsdom: { reconfigure(options: { url: string }): void };

const MiB = 1024 * 1024;
const context = { orgId: 'org-1', workspaceId: 'ws-1', sampleId: 'sample-1', userId: 'user-1' };
let server: TusTestServer;

beforeAll(async () => {
  server = await startTusServer();
  // The page's origin is the server's, as the SPA is served by the API's host.
  jsdom.reconfigure({ url: `${server.origin}/` });
});

afterAll(() => server.close());

beforeEach(() => {
  server.reset();
  localStorage.clear();
});

function content(size: number, seed: number): File {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + seed) & 0xff;
  return new File([bytes], 'NA12878_R1.fastq.gz', { lastModified: 1_700_000_000_000 + seed });
}

async function sha256(file: File): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new Uint8Array(await file.arrayBuffer()));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Resolves with the row once it is done, rejects with the row's message once it failed. */
function finished(manager: UploadManager): Promise<UploadItem> {
  return new Promise((resolve, reject) => manager.setCallbacks({ onUploaded: resolve, onFailed: (item) => reject(new Error(item.error?.message)) }));
}

describe('UploadManager with tus-js-client', () => {
  it('sends the file in 8 MiB chunks with their checksums, and gets a new antiforgery token after a 400', async () => {
    const file = content(20 * MiB + 123, 1);
    const manager = new UploadManager(context);
    manager.attach();
    const done = finished(manager);
    server.state.refuseNextPatchAsAntiforgery = true;
    manager.add([file]);
    manager.start(manager.getItems()[0]!.id);

    const item = await done;
    expect(item).toMatchObject({ state: 'done', percent: 100, fileId: 'file-u1', kind: 'fastq', read: 1 });
    expect(server.state.uploads.get('u1')!.metadata).toEqual({ filename: 'NA12878_R1.fastq.gz', kind: 'fastq', sampleId: 'sample-1', read: '1' });
    expect(server.sha256Of('u1')).toBe(await sha256(file));
    const patches = server.state.requests.filter((r) => r.method === 'PATCH');
    expect(patches.map((p) => Number(p.offset))).toEqual([0, 0, 8 * MiB, 16 * MiB]);
    expect(patches.every((p) => p.tusResumable === '1.0.0' && p.checksum?.startsWith('sha256 '))).toBe(true);
    // The refused PATCH carried the first token, the ones after it a new one.
    expect(patches.map((p) => p.token)).toEqual(['token-1', 'token-2', 'token-2', 'token-2']);
    // Nothing is left to resume.
    expect(localStorage.length).toBe(0);
  });

  it('shows the detail of a 422 on the last chunk', async () => {
    server.state.refuseCompletion = '"NA12878_R1.fastq.gz" was declared as FASTQ, but its content is binary data. Nothing was kept.';
    const manager = new UploadManager(context);
    manager.attach();
    const done = finished(manager);
    manager.add([content(1024, 2)]);
    manager.start(manager.getItems()[0]!.id);
    await expect(done).rejects.toThrow(server.state.refuseCompletion);
    expect(manager.getItems()[0]!.error).toMatchObject({ status: 422, retryable: false });
  });

  it('continues after a reload from where the server stopped', async () => {
    const file = content(20 * MiB, 3);
    server.state.holdPatchesFrom = 8 * MiB;
    const secondChunk = new Promise<void>((resolve) => {
      server.state.onHeld = resolve;
    });
    const before = new UploadManager(context);
    before.attach();
    before.add([file]);
    before.start(before.getItems()[0]!.id);
    await secondChunk;
    before.detach(); // the page goes away with the second chunk under way
    expect(server.state.uploads.get('u1')!.offset).toBe(8 * MiB);

    server.state.holdPatchesFrom = Infinity;
    const after = new UploadManager(context);
    after.attach();
    await vi.waitFor(() => expect(after.getInterrupted()).toHaveLength(1));
    const done = finished(after);
    const headsBefore = server.state.requests.length;
    after.add([file]); // chosen again: continued at once
    const item = await done;
    expect(item).toMatchObject({ state: 'done', continues: true, resumedAt: 8 * MiB, fileId: 'file-u1' });
    expect(server.state.uploads.size).toBe(1);
    expect(server.sha256Of('u1')).toBe(await sha256(file));
    expect(server.state.requests.slice(headsBefore).map((r) => `${r.method} ${r.offset ?? ''}`)).toEqual([
      'HEAD ',
      `PATCH ${8 * MiB}`,
      `PATCH ${16 * MiB}`,
    ]);
  });
});
