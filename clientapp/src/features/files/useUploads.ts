import { useEffect, useState, useSyncExternalStore } from 'react';
import { DefaultHttpStack, defaultOptions, Upload, type HttpRequest, type HttpResponse, type PreviousUpload, type UploadOptions } from 'tus-js-client';
import { ANTIFORGERY_HEADER, clearAntiforgeryToken, getAntiforgeryToken } from '../../api/client';
import { uploadsEndpoint } from './api';
import { ChecksumHttpStack } from './checksumHttpStack';
import { guessKind, guessRead } from './guess';
import { isFileKind, type FileKind, type ReadNumber } from './types';
import { describeUploadError, failedResponse, isAntiforgeryRefusal, isRetryableStatus, type UploadFailure } from './uploadErrors';

/** Every PATCH carries at most this much (the server accepts up to 256 MiB). */
export const CHUNK_SIZE = 8 * 1024 * 1024;
/** Waits before each new attempt after a failed request (a dropped connection, a server error); then the row fails. */
export const RETRY_DELAYS = [0, 1000, 3000, 5000, 10000, 20000];
/** Speed is measured over the last few seconds of progress. */
const SPEED_WINDOW_MS = 5000;
const UNSAFE_METHODS = new Set(['POST', 'PATCH', 'DELETE']);

/**
 * queued: chosen, waiting for "Upload" (the kind can still be changed); uploading (also while reconnecting); paused;
 * done (the server has the whole file and checked it); failed (the row says why).
 */
export type UploadState = 'queued' | 'uploading' | 'paused' | 'done' | 'failed';

export interface UploadItem {
  /** Local id of the row. */
  id: string;
  file: File;
  name: string;
  size: number;
  kind: FileKind;
  /** R1 / R2 of a paired-end FASTQ, else null. */
  read: ReadNumber | null;
  state: UploadState;
  /** Bytes the server has (or is receiving). */
  bytesUploaded: number;
  /** 0–100, whole numbers. */
  percent: number;
  /** Measured over the last seconds while uploading; null otherwise or before there is enough to tell. */
  bytesPerSecond: number | null;
  secondsLeft: number | null;
  /** An earlier upload of this file (before a reload, or a pause) is continued: its kind was declared then. */
  continues: boolean;
  /** Where the server stood when this upload continued an earlier one (HEAD Upload-Offset), else null. */
  resumedAt: number | null;
  /** A request failed and is being tried again (connection lost, server error). */
  reconnecting: boolean;
  /** Cancel was asked: the upload is being deleted on the server. */
  cancelling: boolean;
  error: UploadFailure | null;
  /** The new file's id (Upload-File-Id of the last PATCH) once done. */
  fileId: string | null;
}

/** An upload of this place (workspace or sample) that a reload or a closed tab left unfinished, known from localStorage. */
export interface InterruptedUpload {
  key: string;
  name: string;
  kind: string;
  size: number | null;
  uploadUrl: string;
  createdAt: string;
}

export interface UploadContext {
  orgId: string;
  workspaceId: string;
  /** The sample the files belong to; null or undefined for workspace files. */
  sampleId?: string | null | undefined;
  /** The signed-in person (uploads are their creator's: another account on the same browser does not resume them). */
  userId: string;
}

export interface UploadCallbacks {
  /** A file arrived and was checked by the server. */
  onUploaded?: (item: UploadItem) => void;
  /** An upload failed for good. */
  onFailed?: (item: UploadItem) => void;
  /** A request was answered 401: the session ended under the page. */
  onSignedOut?: () => void;
}

interface Meter {
  samples: { at: number; bytes: number }[];
}

function percentOf(bytes: number, size: number): number {
  if (size <= 0) return 100;
  return Math.min(100, Math.floor((bytes * 100) / size));
}

function newest(uploads: PreviousUpload[]): PreviousUpload | null {
  const time = (u: PreviousUpload) => {
    const t = Date.parse(u.creationTime);
    return Number.isNaN(t) ? 0 : t;
  };
  return uploads.reduce<PreviousUpload | null>((best, u) => (!best || time(u) > time(best) ? u : best), null);
}

function readOf(value: string | undefined): ReadNumber | null {
  return value === '1' ? 1 : value === '2' ? 2 : null;
}

/** The fingerprint part of a tus storage key ("tus::<fingerprint>::<n>"). */
function fingerprintOfKey(key: string): string {
  const start = key.indexOf('::') + 2;
  const end = key.lastIndexOf('::');
  return end > start ? key.slice(start, end) : key;
}

/**
 * The uploads of one place (a workspace's files, or one sample's), on tus-js-client. Framework-free so that the state
 * machine is one object; React reads it through useSyncExternalStore (useUploads).
 *
 * Resuming: tus stores each upload's URL in localStorage under a fingerprint of the file (this person, this endpoint,
 * this sample, the file's name, size and modification time). Choosing the same file again — after a reload, a closed
 * tab, or in a new row — finds it (findPreviousUploads) and continues it (resumeFromPreviousUpload: HEAD for the
 * offset, then PATCH from there). A dropped connection is retried by tus itself (retryDelays); the row says it is
 * reconnecting, and a failed row is tried again when the browser is back online.
 */
export class UploadManager {
  readonly endpoint: string;
  readonly context: UploadContext;
  private callbacks: UploadCallbacks = {};

  private items: UploadItem[] = [];
  private interrupted: InterruptedUpload[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly uploads = new Map<string, Upload>();
  private readonly meters = new Map<string, Meter>();
  private sequence = 0;
  private disposed = false;

  constructor(context: UploadContext) {
    this.context = context;
    this.endpoint = uploadsEndpoint(context.orgId, context.workspaceId);
  }

  /** What the page does when a file arrives, an upload fails, the session ends (the latest render's callbacks). */
  setCallbacks(callbacks: UploadCallbacks) {
    this.callbacks = callbacks;
  }

  // ---- store ----

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getItems = (): readonly UploadItem[] => this.items;
  getInterrupted = (): readonly InterruptedUpload[] => this.interrupted;

  private emit() {
    for (const listener of this.listeners) listener();
  }

  private item(id: string): UploadItem | undefined {
    return this.items.find((i) => i.id === id);
  }

  private update(id: string, patch: Partial<UploadItem> | ((item: UploadItem) => Partial<UploadItem>)) {
    let changed = false;
    this.items = this.items.map((item) => {
      if (item.id !== id) return item;
      changed = true;
      return { ...item, ...(typeof patch === 'function' ? patch(item) : patch) };
    });
    if (changed) this.emit();
  }

  private remove(id: string) {
    this.uploads.delete(id);
    this.meters.delete(id);
    this.items = this.items.filter((i) => i.id !== id);
    this.emit();
    void this.refreshInterrupted();
  }

  // ---- tus ----

  /** This person's uploads to this place: the prefix of every fingerprint stored here. */
  private get fingerprintPrefix(): string {
    return ['variantminer', this.context.userId, this.endpoint, this.context.sampleId || 'workspace', ''].join('/');
  }

  fingerprintOf(file: File): string {
    return `${this.fingerprintPrefix}${[file.name, file.size, file.lastModified].join('/')}`;
  }

  /** Sent with every request: the antiforgery token on unsafe methods, fetched (and cached) the way the API client does. */
  private readonly onBeforeRequest = async (req: HttpRequest) => {
    if (UNSAFE_METHODS.has(req.getMethod().toUpperCase())) req.setHeader(ANTIFORGERY_HEADER, await getAntiforgeryToken());
  };

  /** Options shared by uploads and terminations. */
  private requestOptions(): UploadOptions {
    return {
      endpoint: this.endpoint,
      retryDelays: RETRY_DELAYS,
      onBeforeRequest: this.onBeforeRequest,
      fingerprint: (file: File) => Promise.resolve(this.fingerprintOf(file)),
      httpStack: new ChecksumHttpStack(new DefaultHttpStack({})),
    };
  }

  /** Whether to try a failed request again; a 400 from the antiforgery check gets a fresh token first. */
  private shouldRetry(id: string | null, error: Error) {
    const response = failedResponse(error);
    const status = response?.getStatus() ?? 0;
    let retry: boolean;
    if (isAntiforgeryRefusal(response)) {
      clearAntiforgeryToken();
      retry = true;
    } else if (status === 401) {
      clearAntiforgeryToken();
      retry = false;
    } else {
      retry = isRetryableStatus(status) && (status !== 0 || globalThis.navigator?.onLine !== false);
    }
    // The connection or the server failed: the row says it is trying again.
    if (retry && id && (status === 0 || status >= 500)) this.update(id, { reconnecting: true, bytesPerSecond: null, secondsLeft: null });
    return retry;
  }

  private uploadOptions(item: UploadItem): UploadOptions {
    const id = item.id;
    const metadata: Record<string, string> = { filename: item.name, kind: item.kind };
    if (this.context.sampleId) metadata.sampleId = this.context.sampleId;
    if (item.kind === 'fastq' && item.read) metadata.read = String(item.read);
    return {
      ...this.requestOptions(),
      chunkSize: CHUNK_SIZE,
      metadata,
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: true,
      onShouldRetry: (error) => this.shouldRetry(id, error),
      onAfterResponse: (req: HttpRequest, res: HttpResponse) => {
        if (res.getStatus() === 401) clearAntiforgeryToken();
        // HEAD answers where the server stands: the upload continues from there (after a reload, a pause, a retry).
        if (req.getMethod() === 'HEAD' && res.getStatus() >= 200 && res.getStatus() < 300) {
          const offset = Number.parseInt(res.getHeader('Upload-Offset') ?? '', 10);
          if (Number.isFinite(offset)) {
            this.update(id, (current) => ({
              resumedAt: offset > 0 ? offset : current.resumedAt,
              bytesUploaded: offset,
              percent: percentOf(offset, current.size),
              reconnecting: false,
            }));
            this.meters.set(id, { samples: [] });
          }
        }
      },
      onProgress: (bytesSent, bytesTotal) => this.progress(id, bytesSent, bytesTotal),
      onSuccess: ({ lastResponse }) => {
        if (this.uploads.get(id) === undefined) return;
        this.meters.delete(id);
        this.uploads.delete(id);
        this.update(id, (current) => ({
          state: 'done',
          bytesUploaded: current.size,
          percent: 100,
          bytesPerSecond: null,
          secondsLeft: 0,
          reconnecting: false,
          error: null,
          fileId: lastResponse.getHeader('Upload-File-Id') ?? null,
        }));
        const done = this.item(id);
        void this.refreshInterrupted();
        if (done) this.callbacks.onUploaded?.(done);
      },
      onError: (error) => this.fail(id, error),
    };
  }

  private progress(id: string, bytesSent: number, bytesTotal: number) {
    const now = Date.now();
    const meter = this.meters.get(id) ?? { samples: [] };
    meter.samples.push({ at: now, bytes: bytesSent });
    // Keep one sample older than the window, so that the speed always spans about the window.
    while (meter.samples.length > 2 && now - meter.samples[1]!.at > SPEED_WINDOW_MS) meter.samples.shift();
    this.meters.set(id, meter);
    const first = meter.samples[0]!;
    const elapsed = (now - first.at) / 1000;
    const speed = elapsed >= 0.5 && bytesSent > first.bytes ? (bytesSent - first.bytes) / elapsed : null;
    this.update(id, (current) => {
      const size = bytesTotal || current.size;
      const bytesPerSecond = speed ?? current.bytesPerSecond;
      return {
        bytesUploaded: bytesSent,
        percent: percentOf(bytesSent, size),
        bytesPerSecond,
        secondsLeft: bytesPerSecond ? Math.max(0, (size - bytesSent) / bytesPerSecond) : null,
        reconnecting: false,
      };
    });
  }

  private fail(id: string, error: Error) {
    const upload = this.uploads.get(id);
    const failure = describeUploadError(error);
    this.meters.delete(id);
    if (failure.status === 401) this.callbacks.onSignedOut?.();
    // The server has dropped the upload (refused content, expired, not found): a new attempt starts a new one.
    if ([404, 410, 422].includes(failure.status)) {
      this.uploads.delete(id);
      if (upload?.url) void this.forgetStored(upload.url);
    }
    this.update(id, { state: 'failed', error: failure, reconnecting: false, bytesPerSecond: null, secondsLeft: null, cancelling: false });
    const failed = this.item(id);
    if (failed) this.callbacks.onFailed?.(failed);
  }

  /** Removes the stored URL of an upload the server no longer has, so that it is not offered for resuming. */
  private async forgetStored(uploadUrl: string) {
    const storage = defaultOptions.urlStorage;
    try {
      const stored = await storage.findAllUploads();
      await Promise.all(stored.filter((u) => u.uploadUrl === uploadUrl).map((u) => storage.removeUpload(u.urlStorageKey)));
    } catch {
      // Storage unavailable: the HEAD of a later attempt finds the upload gone and starts anew.
    }
    await this.refreshInterrupted();
  }

  /** The stored, unfinished uploads of this place that no row holds (shown with "choose the file again to continue"). */
  async refreshInterrupted() {
    let stored: PreviousUpload[] = [];
    try {
      stored = await defaultOptions.urlStorage.findAllUploads();
    } catch {
      stored = [];
    }
    if (this.disposed) return;
    const prefix = this.fingerprintPrefix;
    const active = new Set(this.items.filter((i) => i.state !== 'done').map((i) => this.fingerprintOf(i.file)));
    const next = stored
      .filter((u) => u.uploadUrl && fingerprintOfKey(u.urlStorageKey).startsWith(prefix) && !active.has(fingerprintOfKey(u.urlStorageKey)))
      .map((u) => ({
        key: u.urlStorageKey,
        name: u.metadata.filename ?? 'Unnamed file',
        kind: u.metadata.kind ?? 'other',
        size: u.size,
        uploadUrl: u.uploadUrl!,
        createdAt: u.creationTime,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const same =
      next.length === this.interrupted.length && next.every((u, i) => u.key === this.interrupted[i]?.key);
    if (!same) {
      this.interrupted = next;
      this.emit();
    }
  }

  // ---- actions ----

  /**
   * Adds a row per file, its kind guessed from the name (R1/R2 too for FASTQ). A file that continues an earlier upload
   * (same file, same place, found in tus's storage) takes that upload's kind and starts at once; the others wait for
   * "Upload" so that the kind can be corrected first. A file already in a row that is not finished is not added twice.
   */
  add(files: Iterable<File>): UploadItem[] {
    const added: UploadItem[] = [];
    const open = new Set(this.items.filter((i) => i.state !== 'done').map((i) => this.fingerprintOf(i.file)));
    for (const file of files) {
      const fingerprint = this.fingerprintOf(file);
      if (open.has(fingerprint)) continue;
      open.add(fingerprint);
      const kind = guessKind(file.name);
      const item: UploadItem = {
        id: `upload-${++this.sequence}`,
        file,
        name: file.name,
        size: file.size,
        kind,
        read: guessRead(file.name, kind),
        state: 'queued',
        bytesUploaded: 0,
        percent: 0,
        bytesPerSecond: null,
        secondsLeft: null,
        continues: false,
        resumedAt: null,
        reconnecting: false,
        cancelling: false,
        error: null,
        fileId: null,
      };
      added.push(item);
    }
    if (added.length === 0) return added;
    this.items = [...this.items, ...added];
    this.emit();
    for (const item of added) void this.continueIfStarted(item.id);
    void this.refreshInterrupted();
    return added;
  }

  /** When tus knows an unfinished upload of this file here, take over its kind and read, and continue it now. */
  private async continueIfStarted(id: string) {
    const item = this.item(id);
    if (!item) return;
    let previous: PreviousUpload | null = null;
    try {
      const probe = new Upload(item.file, { ...this.requestOptions(), metadata: {} });
      previous = newest((await probe.findPreviousUploads()).filter((u) => !!u.uploadUrl));
    } catch {
      previous = null;
    }
    const current = this.item(id);
    if (!previous || !current || current.state !== 'queued' || this.disposed) return;
    const storedKind = previous.metadata.kind ?? '';
    this.update(id, {
      continues: true,
      kind: isFileKind(storedKind) ? storedKind : current.kind,
      read: readOf(previous.metadata.read),
    });
    this.start(id);
  }

  setKind(id: string, kind: FileKind) {
    const item = this.item(id);
    if (!item || item.continues || !(item.state === 'queued' || (item.state === 'failed' && !this.uploads.has(id)))) return;
    this.update(id, { kind, read: kind === 'fastq' ? (item.read ?? guessRead(item.name, kind)) : null });
  }

  setRead(id: string, read: ReadNumber | null) {
    const item = this.item(id);
    if (!item || item.continues || item.kind !== 'fastq' || !(item.state === 'queued' || (item.state === 'failed' && !this.uploads.has(id)))) return;
    this.update(id, { read });
  }

  /** Starts (or, for a file tus knows, continues) the upload of a queued or failed row. */
  start(id: string) {
    const item = this.item(id);
    if (!item || item.state === 'uploading' || item.state === 'done' || this.disposed) return;
    const upload = new Upload(item.file, this.uploadOptions(item));
    this.uploads.set(id, upload);
    this.meters.set(id, { samples: [] });
    this.update(id, { state: 'uploading', error: null, reconnecting: false, bytesPerSecond: null, secondsLeft: null, resumedAt: null });
    void (async () => {
      try {
        // Continue an earlier upload of the same file declared the same way; otherwise tus creates a new one.
        const previous = (await upload.findPreviousUploads()).filter(
          (u) => !!u.uploadUrl && u.metadata.kind === item.kind && readOf(u.metadata.read) === (item.kind === 'fastq' ? item.read : null),
        );
        const match = newest(previous);
        if (match) upload.resumeFromPreviousUpload(match);
      } catch {
        // Nothing stored (private browsing, storage off): a new upload.
      }
      // Paused, cancelled or left meanwhile.
      if (this.uploads.get(id) !== upload || this.item(id)?.state !== 'uploading' || this.disposed) return;
      upload.start();
    })();
  }

  pause(id: string) {
    const upload = this.uploads.get(id);
    const item = this.item(id);
    if (!upload || item?.state !== 'uploading') return;
    void upload.abort(false);
    this.meters.set(id, { samples: [] });
    this.update(id, { state: 'paused', bytesPerSecond: null, secondsLeft: null, reconnecting: false });
  }

  /** Continues a paused row (HEAD for the server's offset, then the rest), or tries a failed one again. */
  resume(id: string) {
    const item = this.item(id);
    const upload = this.uploads.get(id);
    if (!item || !(item.state === 'paused' || item.state === 'failed')) return;
    if (!upload || (item.state === 'failed' && item.error && !item.error.retryable)) {
      this.start(id);
      return;
    }
    this.meters.set(id, { samples: [] });
    this.update(id, { state: 'uploading', error: null, reconnecting: false, bytesPerSecond: null, secondsLeft: null });
    upload.start();
  }

  /**
   * Cancels a row. An upload the server has heard of is aborted with termination (tus DELETE: its bytes go and its
   * reservation is released); a row that never started is just removed.
   */
  async cancel(id: string): Promise<boolean> {
    const item = this.item(id);
    if (!item || item.cancelling || item.state === 'done') return false;
    const upload = this.uploads.get(id);
    if (!upload) {
      this.remove(id);
      return true;
    }
    this.update(id, { cancelling: true });
    try {
      await upload.abort(true);
      this.remove(id);
      return true;
    } catch (error) {
      const failure = describeUploadError(error);
      if (failure.status === 404 || failure.status === 410) {
        // Already gone on the server.
        if (upload.url) await this.forgetStored(upload.url);
        this.remove(id);
        return true;
      }
      this.update(id, {
        cancelling: false,
        state: 'failed',
        bytesPerSecond: null,
        secondsLeft: null,
        error: {
          ...failure,
          message: `The upload was stopped, but the server could not be told to delete it: ${failure.message} It is deleted when it expires.`,
        },
      });
      return false;
    }
  }

  /** Removes a finished, failed or waiting row from the list (nothing is sent). */
  dismiss(id: string) {
    const item = this.item(id);
    if (!item || item.state === 'uploading' || item.state === 'paused') return;
    this.remove(id);
  }

  clearFinished() {
    const done = this.items.filter((i) => i.state === 'done');
    if (done.length === 0) return;
    this.items = this.items.filter((i) => i.state !== 'done');
    for (const item of done) this.uploads.delete(item.id);
    this.emit();
  }

  /** Rows that failed because the connection dropped are tried again (when the browser is back online). */
  retryDisconnected() {
    for (const item of this.items) {
      if (item.state === 'failed' && item.error?.status === 0) this.resume(item.id);
    }
  }

  /** Deletes an interrupted upload on the server (tus termination) and forgets it. */
  async discardInterrupted(key: string) {
    const entry = this.interrupted.find((u) => u.key === key);
    if (!entry) return;
    try {
      await Upload.terminate(entry.uploadUrl, this.requestOptions());
    } catch (error) {
      const status = describeUploadError(error).status;
      // Gone already (expired, completed elsewhere): nothing to delete. Anything else is reported.
      if (status !== 404 && status !== 410) throw error;
    }
    await defaultOptions.urlStorage.removeUpload(key).catch(() => {});
    await this.refreshInterrupted();
  }

  /** The page shows the uploads (again: React may detach and attach a component once more in development). */
  attach() {
    this.disposed = false;
    void this.refreshInterrupted();
  }

  /**
   * Leaving the page: every running upload stops without being deleted (choosing the file again continues it), and
   * its row says it is paused.
   */
  detach() {
    this.disposed = true;
    for (const [id, upload] of this.uploads) {
      if (this.item(id)?.state === 'uploading') {
        void upload.abort(false);
        this.update(id, { state: 'paused', bytesPerSecond: null, secondsLeft: null, reconnecting: false });
      }
    }
  }

  get uploading(): boolean {
    return this.items.some((i) => i.state === 'uploading');
  }
}

/**
 * The upload manager of one place (a sample's files, or the workspace's): rows, their state and progress, and the
 * actions. Render it keyed by the place (a new manager per workspace / sample). While an upload runs, leaving the tab
 * asks first (the browser's prompt); a row that failed for a lost connection is tried again when the browser is back
 * online; leaving the page pauses the uploads (choose the files again to continue them).
 */
export function useUploads(context: UploadContext, callbacks: UploadCallbacks = {}) {
  const [manager] = useState(() => new UploadManager(context));
  const items = useSyncExternalStore(manager.subscribe, manager.getItems);
  const interrupted = useSyncExternalStore(manager.subscribe, manager.getInterrupted);
  const uploading = items.some((i) => i.state === 'uploading');

  useEffect(() => {
    manager.setCallbacks(callbacks);
  });

  useEffect(() => {
    manager.attach();
    return () => manager.detach();
  }, [manager]);

  useEffect(() => {
    const online = () => manager.retryDisconnected();
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [manager]);

  useEffect(() => {
    if (!uploading) return;
    const beforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', beforeUnload);
    return () => window.removeEventListener('beforeunload', beforeUnload);
  }, [uploading]);

  return {
    items,
    interrupted,
    uploading,
    add: (files: Iterable<File>) => manager.add(files),
    setKind: (id: string, kind: FileKind) => manager.setKind(id, kind),
    setRead: (id: string, read: ReadNumber | null) => manager.setRead(id, read),
    start: (id: string) => manager.start(id),
    startAll: () => {
      for (const item of manager.getItems()) if (item.state === 'queued') manager.start(item.id);
    },
    pause: (id: string) => manager.pause(id),
    resume: (id: string) => manager.resume(id),
    cancel: (id: string) => manager.cancel(id),
    dismiss: (id: string) => manager.dismiss(id),
    clearFinished: () => manager.clearFinished(),
    discardInterrupted: (key: string) => manager.discardInterrupted(key),
  };
}

export type Uploads = ReturnType<typeof useUploads>;
