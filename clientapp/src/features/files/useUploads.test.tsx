import { act, renderHook, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { clearAntiforgeryToken } from '../../api/client';
import { mockFetch } from '../../test/fetchMock';
import { ORG_ID, WS_GENERAL } from '../../test/orgFixtures';
import { lastUpload, refusal, request, resetTus, storeUpload, Upload, urlStorage } from './tusMock';
import { CHUNK_SIZE, RETRY_DELAYS, useUploads, type UploadCallbacks, type UploadContext } from './useUploads';

vi.mock('tus-js-client', () => import('./tusMock'));

const SAMPLE_ID = '0190f0aa-0000-7000-8000-0000000005a1';
const USER_ID = '3f2b8c1e-8d7a-4a53-9a55-0b7c3b0d2e11';
const MiB = 1024 * 1024;
const context: UploadContext = { orgId: ORG_ID, workspaceId: WS_GENERAL, sampleId: SAMPLE_ID, userId: USER_ID };
const endpoint = `${window.location.origin}/api/organizations/${ORG_ID}/workspaces/${WS_GENERAL}/uploads`;

/** A file of `size` bytes (sparse: the content does not matter to the hook). */
function file(name: string, size = 20 * MiB, lastModified = 1_700_000_000_000): File {
  const f = new File(['@r1\nACGT\n+\nIIII\n'], name, { lastModified });
  Object.defineProperty(f, 'size', { value: size });
  return f;
}

function render(callbacks: UploadCallbacks = {}, ctx: UploadContext = context) {
  return renderHook(() => useUploads(ctx, callbacks));
}

/** Adds files, starts the first row, and waits until tus was asked to start. */
async function startOne(result: { current: ReturnType<typeof useUploads> }, f: File) {
  act(() => {
    result.current.add([f]);
  });
  const id = result.current.items.at(-1)!.id;
  act(() => result.current.start(id));
  await waitFor(() => expect(lastUpload().starts).toBe(1));
  return { id, upload: lastUpload() };
}

beforeEach(() => {
  resetTus();
});

describe('useUploads: adding files', () => {
  it('guesses the kind and the read from the name, and waits for the kind to be confirmed', () => {
    mockFetch({});
    const { result } = render();
    act(() => {
      result.current.add([file('NA12878_R2_001.fastq.gz'), file('calls.vcf.gz'), file('notes.txt')]);
    });
    expect(result.current.items.map((i) => [i.name, i.kind, i.read, i.state])).toEqual([
      ['NA12878_R2_001.fastq.gz', 'fastq', 2, 'queued'],
      ['calls.vcf.gz', 'vcf', null, 'queued'],
      ['notes.txt', 'other', null, 'queued'],
    ]);
    // Nothing is sent before "Upload".
    expect(Upload.instances.every((u) => u.starts === 0)).toBe(true);

    const notes = result.current.items[2]!.id;
    act(() => result.current.setKind(notes, 'bed'));
    expect(result.current.items[2]!.kind).toBe('bed');
    const vcf = result.current.items[1]!.id;
    act(() => result.current.setKind(vcf, 'fastq'));
    act(() => result.current.setRead(vcf, 1));
    expect(result.current.items[1]).toMatchObject({ kind: 'fastq', read: 1 });
  });

  it('does not add a file twice while its row is open', () => {
    mockFetch({});
    const { result } = render();
    const f = file('NA12878_R1.fastq.gz');
    act(() => {
      result.current.add([f]);
      result.current.add([f]);
    });
    expect(result.current.items).toHaveLength(1);
  });
});

describe('useUploads: the tus upload', () => {
  it('creates the tus upload with the endpoint, 8 MiB chunks, retries, the metadata and no fingerprint left on success', async () => {
    mockFetch({});
    const { result } = render();
    const { id, upload } = await startOne(result, file('NA12878_R1.fastq.gz'));
    expect(result.current.items[0]!.state).toBe('uploading');
    expect(upload.options).toMatchObject({
      endpoint,
      chunkSize: CHUNK_SIZE,
      retryDelays: RETRY_DELAYS,
      removeFingerprintOnSuccess: true,
      storeFingerprintForResuming: true,
      metadata: { filename: 'NA12878_R1.fastq.gz', kind: 'fastq', sampleId: SAMPLE_ID, read: '1' },
    });
    expect(CHUNK_SIZE).toBe(8 * MiB);
    // The fingerprint is this person's, this place's, this file's.
    const fingerprint = await upload.options.fingerprint!(upload.file as File, upload.options);
    expect(fingerprint).toContain(USER_ID);
    expect(fingerprint).toContain(endpoint);
    expect(fingerprint).toContain(SAMPLE_ID);
    expect(id).toBeTruthy();
  });

  it('sends no sampleId for workspace files and no read for other kinds', async () => {
    mockFetch({});
    const { result } = render({}, { ...context, sampleId: null });
    const { upload } = await startOne(result, file('targets.bed'));
    expect(upload.options.metadata).toEqual({ filename: 'targets.bed', kind: 'bed' });
  });

  it('puts the antiforgery token on unsafe requests, and fetches a new one after a 400 antiforgery refusal', async () => {
    const { calls } = mockFetch({});
    const { result } = render();
    const { upload } = await startOne(result, file('NA12878_R1.fastq.gz'));

    const head = request('HEAD');
    await upload.options.onBeforeRequest!(head);
    expect(head.headers['X-XSRF-TOKEN']).toBeUndefined();
    const post = request('POST');
    await upload.options.onBeforeRequest!(post);
    expect(post.headers['X-XSRF-TOKEN']).toBe('token-1');
    const patch = request('PATCH');
    await upload.options.onBeforeRequest!(patch);
    expect(patch.headers['X-XSRF-TOKEN']).toBe('token-1'); // cached
    expect(calls('GET /api/auth/antiforgery')).toHaveLength(1);

    const antiforgery = refusal('PATCH', 400, {
      title: 'Bad request',
      detail: 'The request is missing a valid antiforgery token (X-XSRF-TOKEN header). Reload the page and try again.',
    });
    expect(upload.options.onShouldRetry!(antiforgery, 0, upload.options)).toBe(true);
    const again = request('PATCH');
    await upload.options.onBeforeRequest!(again);
    expect(again.headers['X-XSRF-TOKEN']).toBe('token-2');
    expect(calls('GET /api/auth/antiforgery')).toHaveLength(2);

    // Other refusals are not retried; a dropped connection and a wrong offset are.
    expect(upload.options.onShouldRetry!(refusal('PATCH', 422, { detail: 'x' }), 0, upload.options)).toBe(false);
    expect(upload.options.onShouldRetry!(refusal('POST', 403, { detail: 'x', reason: 'storage-quota' }), 0, upload.options)).toBe(false);
    expect(upload.options.onShouldRetry!(refusal('PATCH', 409, { detail: 'x' }), 0, upload.options)).toBe(true);
    let retried = false;
    act(() => {
      retried = upload.options.onShouldRetry!(refusal('PATCH', null), 0, upload.options);
    });
    expect(retried).toBe(true);
    expect(result.current.items[0]!.reconnecting).toBe(true);
  });

  it('reports bytes, percent, speed and time left', async () => {
    mockFetch({});
    const now = vi.spyOn(Date, 'now');
    const { result } = render();
    const { upload } = await startOne(result, file('NA12878_R1.fastq.gz', 20 * MiB));

    now.mockReturnValue(10_000);
    act(() => upload.progress(0));
    now.mockReturnValue(12_000);
    act(() => upload.progress(4 * MiB)); // 2 MiB/s
    const item = result.current.items[0]!;
    expect(item.bytesUploaded).toBe(4 * MiB);
    expect(item.percent).toBe(20);
    expect(item.bytesPerSecond).toBe(2 * MiB);
    expect(item.secondsLeft).toBe(8);
  });

  it('pauses (abort without termination) and resumes the same upload', async () => {
    mockFetch({});
    const { result } = render();
    const { id, upload } = await startOne(result, file('NA12878_R1.fastq.gz'));
    act(() => upload.progress(8 * MiB));

    act(() => result.current.pause(id));
    expect(upload.aborts).toEqual([false]);
    expect(result.current.items[0]).toMatchObject({ state: 'paused', bytesUploaded: 8 * MiB, percent: 40, bytesPerSecond: null });

    act(() => result.current.resume(id));
    expect(result.current.items[0]!.state).toBe('uploading');
    expect(upload.starts).toBe(2);
    // tus asks where the server stands (HEAD) and goes on from there.
    await act(() => upload.head(8 * MiB));
    expect(result.current.items[0]).toMatchObject({ resumedAt: 8 * MiB, percent: 40 });
  });

  it('cancels with termination and removes the row', async () => {
    mockFetch({});
    const { result } = render();
    const { id, upload } = await startOne(result, file('NA12878_R1.fastq.gz'));
    await act(() => upload.created());
    let removed = false;
    await act(async () => {
      removed = await result.current.cancel(id);
    });
    expect(removed).toBe(true);
    expect(upload.aborts).toEqual([true]);
    expect(result.current.items).toEqual([]);
  });

  it('is done with the new file id, and tells the page (which refreshes its file list)', async () => {
    mockFetch({});
    const onUploaded = vi.fn();
    const { result } = render({ onUploaded });
    const { upload } = await startOne(result, file('NA12878_R1.fastq.gz'));
    act(() => upload.progress(20 * MiB));
    act(() => upload.succeed('0190f0aa-0000-7000-8000-0000000000f1'));
    expect(result.current.items[0]).toMatchObject({ state: 'done', percent: 100, fileId: '0190f0aa-0000-7000-8000-0000000000f1' });
    expect(onUploaded).toHaveBeenCalledWith(expect.objectContaining({ name: 'NA12878_R1.fastq.gz', state: 'done' }));
    act(() => result.current.clearFinished());
    expect(result.current.items).toEqual([]);
  });
});

describe('useUploads: refusals', () => {
  it('shows the detail of a 422 (not the declared kind), forgets the upload, and lets the kind be changed before trying again', async () => {
    mockFetch({});
    const onFailed = vi.fn();
    const { result } = render({ onFailed });
    const { id, upload } = await startOne(result, file('NA12878_R1.fastq.gz'));
    await act(() => upload.created('http://localhost/uploads/u-422'));
    const detail = '"NA12878_R1.fastq.gz" was declared as FASTQ, but its content is a BAM file (BGZF-compressed). Nothing was kept.';
    act(() => upload.fail(refusal('PATCH', 422, { title: 'Not the declared kind of file', detail })));

    expect(result.current.items[0]).toMatchObject({ state: 'failed', error: { status: 422, message: detail, retryable: false } });
    expect(onFailed).toHaveBeenCalled();
    await waitFor(() => expect(urlStorage.removed).toHaveLength(1));

    act(() => result.current.setKind(id, 'bam'));
    expect(result.current.items[0]).toMatchObject({ kind: 'bam', read: null });
    act(() => result.current.resume(id));
    await waitFor(() => expect(lastUpload()).not.toBe(upload));
    await waitFor(() => expect(lastUpload().starts).toBe(1));
    expect(lastUpload().options.metadata).toMatchObject({ kind: 'bam' });
    expect(lastUpload().resumedFrom).toBeNull();
  });

  it('shows the detail of a 403 storage-quota refusal with its reason', async () => {
    mockFetch({});
    const { result } = render();
    const { upload } = await startOne(result, file('NA12878_R1.fastq.gz'));
    const detail = 'The organization uses 1000 bytes, 0 reserved by uploads in progress, of a quota of 1024; this file needs 20971520.';
    act(() => upload.fail(refusal('POST', 403, { title: 'Forbidden', detail, reason: 'storage-quota' })));
    expect(result.current.items[0]!.error).toEqual({ status: 403, message: detail, reason: 'storage-quota', retryable: false });
  });

  it('says the connection was lost when there was no answer, and tries again when the browser is back online', async () => {
    mockFetch({});
    const { result } = render();
    const { upload } = await startOne(result, file('NA12878_R1.fastq.gz'));
    act(() => upload.fail(refusal('PATCH', null)));
    expect(result.current.items[0]).toMatchObject({ state: 'failed', error: { status: 0, retryable: true } });
    expect(result.current.items[0]!.error!.message).toMatch(/connection to the server was lost/);

    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    expect(result.current.items[0]!.state).toBe('uploading');
    expect(upload.starts).toBe(2);
  });

  it('falls back to a sentence for the status when the refusal has no problem document', async () => {
    mockFetch({});
    const { result } = render();
    const { upload } = await startOne(result, file('NA12878_R1.fastq.gz'));
    act(() => upload.fail(refusal('HEAD', 410)));
    expect(result.current.items[0]!.error!.message).toBe('This upload expired before it was finished. Start it again.');
  });
});

describe('useUploads: continuing after a reload', () => {
  it('finds the stored upload of the same file, takes over its kind, continues it at once and says from where', async () => {
    mockFetch({});
    const f = file('NA12878_1.fq.gz');
    // The page before the reload had started it as FASTQ R1 (the name alone would also say so) and stored its URL.
    const { result, unmount } = render();
    await startOne(result, f);
    await act(() => lastUpload().created('http://localhost/uploads/u-earlier'));
    act(() => lastUpload().progress(8 * MiB));
    unmount(); // the reload: the running upload stops without termination
    expect(lastUpload().aborts).toEqual([false]);

    // The new page: the unfinished upload is listed until the file is chosen again.
    const reloaded = render();
    await waitFor(() => expect(reloaded.result.current.interrupted).toHaveLength(1));
    expect(reloaded.result.current.interrupted[0]).toMatchObject({ name: 'NA12878_1.fq.gz', kind: 'fastq', uploadUrl: 'http://localhost/uploads/u-earlier' });

    act(() => {
      reloaded.result.current.add([f]);
    });
    await waitFor(() => expect(lastUpload().starts).toBe(1));
    const upload = lastUpload();
    expect(upload.resumedFrom?.uploadUrl).toBe('http://localhost/uploads/u-earlier');
    expect(reloaded.result.current.items[0]).toMatchObject({ continues: true, kind: 'fastq', read: 1, state: 'uploading' });
    await waitFor(() => expect(reloaded.result.current.interrupted).toHaveLength(0));

    await act(() => upload.head(8 * MiB));
    expect(reloaded.result.current.items[0]).toMatchObject({ resumedAt: 8 * MiB, bytesUploaded: 8 * MiB, percent: 40 });
  });

  it('does not continue another person’s upload of the same file on this browser', async () => {
    mockFetch({});
    const f = file('NA12878_1.fq.gz');
    storeUpload(`variantminer/someone-else/${endpoint}/${SAMPLE_ID}/NA12878_1.fq.gz/${f.size}/${f.lastModified}`, {
      uploadUrl: 'http://localhost/uploads/theirs',
      metadata: { filename: 'NA12878_1.fq.gz', kind: 'fastq' },
    });
    const { result } = render();
    act(() => {
      result.current.add([f]);
    });
    await new Promise((r) => setTimeout(r, 0));
    expect(result.current.items[0]).toMatchObject({ continues: false, state: 'queued' });
    expect(result.current.interrupted).toEqual([]);
  });

  it('discards an interrupted upload with a tus termination', async () => {
    mockFetch({});
    const f = file('calls.vcf.gz', 3 * MiB);
    storeUpload(`variantminer/${USER_ID}/${endpoint}/${SAMPLE_ID}/calls.vcf.gz/${f.size}/${f.lastModified}`, {
      uploadUrl: 'http://localhost/uploads/u-old',
      size: f.size,
      metadata: { filename: 'calls.vcf.gz', kind: 'vcf' },
    });
    const { result } = render();
    await waitFor(() => expect(result.current.interrupted).toHaveLength(1));
    await act(() => result.current.discardInterrupted(result.current.interrupted[0]!.key));
    expect(Upload.terminated).toEqual(['http://localhost/uploads/u-old']);
    expect(result.current.interrupted).toEqual([]);
    clearAntiforgeryToken();
  });
});
