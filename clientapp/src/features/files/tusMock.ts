// A test double of tus-js-client for the files tests: `vi.mock('tus-js-client', () => import('./tusMock'))`.
// Upload records what the hook asks of it (start, abort, resume from a stored upload) and lets the test play the
// server's part (progress, success with Upload-File-Id, a refusal with a problem body, a HEAD answer). The URL storage
// is an in-memory list shaped like tus's localStorage one ("tus::<fingerprint>::<n>").
import type { HttpRequest, HttpResponse, PreviousUpload, UploadOptions } from 'tus-js-client';

type StoredUpload = Omit<PreviousUpload, 'urlStorageKey'>;

let stored: PreviousUpload[] = [];
let keys = 0;

export const urlStorage = {
  removed: [] as string[],
  async findAllUploads(): Promise<PreviousUpload[]> {
    return stored.map((u) => ({ ...u }));
  },
  async findUploadsByFingerprint(fingerprint: string): Promise<PreviousUpload[]> {
    return stored.filter((u) => u.urlStorageKey.startsWith(`tus::${fingerprint}::`)).map((u) => ({ ...u }));
  },
  async removeUpload(key: string): Promise<void> {
    urlStorage.removed.push(key);
    stored = stored.filter((u) => u.urlStorageKey !== key);
  },
  async addUpload(fingerprint: string, upload: StoredUpload): Promise<string> {
    const key = `tus::${fingerprint}::${++keys}`;
    stored.push({ ...upload, urlStorageKey: key });
    return key;
  },
};

export const defaultOptions = { urlStorage };

/** A response as tus's HTTP stack gives it. */
export function response(status: number, body: unknown = '', headers: Record<string, string> = {}): HttpResponse {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return {
    getStatus: () => status,
    getHeader: (name: string) => Object.entries(headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1],
    getBody: () => text,
    getUnderlyingObject: () => null,
  };
}

/** A request as tus's HTTP stack builds it: records the headers set on it. */
export function request(method: string, url = 'http://localhost/uploads/u1'): HttpRequest & { headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  return {
    headers,
    getMethod: () => method,
    getURL: () => url,
    setHeader: (name: string, value: string) => {
      headers[name] = value;
    },
    getHeader: (name: string) => headers[name],
    setProgressHandler: () => {},
    send: () => Promise.reject(new Error('not sent in tests')),
    abort: () => Promise.resolve(),
    getUnderlyingObject: () => null,
  };
}

/** tus's DetailedError: the failed request and its response (null when there was no answer). */
export class DetailedError extends Error {
  originalRequest: HttpRequest;
  originalResponse: HttpResponse | null;
  causingError: Error | null = null;

  constructor(message: string, req: HttpRequest, res: HttpResponse | null) {
    super(message);
    this.originalRequest = req;
    this.originalResponse = res;
  }
}

/** A refusal of `method` with `status` and a problem document (or no answer at all when status is null). */
export function refusal(method: string, status: number | null, problem?: Record<string, unknown>): DetailedError {
  return new DetailedError(
    'tus: unexpected response',
    request(method),
    status === null ? null : response(status, problem ? { status, ...problem } : '', { 'Content-Type': 'application/problem+json' }),
  );
}

export class Upload {
  static instances: Upload[] = [];
  static terminated: string[] = [];
  static terminateResult: Error | null = null;

  static async terminate(url: string): Promise<void> {
    Upload.terminated.push(url);
    if (Upload.terminateResult) throw Upload.terminateResult;
  }

  file: File;
  options: UploadOptions;
  url: string | null = null;
  starts = 0;
  aborts: (boolean | undefined)[] = [];
  resumedFrom: PreviousUpload | null = null;

  constructor(file: File, options: UploadOptions) {
    this.file = file;
    this.options = options;
    Upload.instances.push(this);
  }

  async findPreviousUploads(): Promise<PreviousUpload[]> {
    const fingerprint = await this.options.fingerprint!(this.file, this.options);
    return urlStorage.findUploadsByFingerprint(fingerprint);
  }

  resumeFromPreviousUpload(previous: PreviousUpload) {
    this.resumedFrom = previous;
    this.url = previous.uploadUrl;
  }

  start() {
    this.starts++;
  }

  abort(shouldTerminate?: boolean): Promise<void> {
    this.aborts.push(shouldTerminate);
    return Promise.resolve();
  }

  // ---- the server's part ----

  /** The creation POST answered: tus stores the upload's URL under the file's fingerprint. */
  async created(url = `http://localhost/uploads/${Upload.instances.indexOf(this) + 1}`) {
    this.url = url;
    const fingerprint = await this.options.fingerprint!(this.file, this.options);
    await urlStorage.addUpload(fingerprint, {
      size: this.file.size,
      metadata: this.options.metadata ?? {},
      creationTime: new Date().toString(),
      uploadUrl: url,
      parallelUploadUrls: null,
    });
  }

  /** The HEAD of a continued upload answered with the server's offset. */
  async head(offset: number) {
    await this.options.onAfterResponse?.(request('HEAD'), response(200, '', { 'Upload-Offset': String(offset), 'Upload-Length': String(this.file.size) }));
  }

  progress(bytesSent: number, bytesTotal = this.file.size) {
    this.options.onProgress?.(bytesSent, bytesTotal);
  }

  succeed(fileId: string | null) {
    this.options.onSuccess?.({ lastResponse: response(204, '', fileId ? { 'Upload-File-Id': fileId } : {}) });
  }

  fail(error: Error) {
    this.options.onError?.(error);
  }
}

export class DefaultHttpStack {
  createRequest(method: string, url: string): HttpRequest {
    return request(method, url);
  }
  getName() {
    return 'test';
  }
}

export const isSupported = true;
export const canStoreURLs = true;

/** Forgets every upload, stored URL and termination (call before each test). */
export function resetTus() {
  Upload.instances = [];
  Upload.terminated = [];
  Upload.terminateResult = null;
  stored = [];
  keys = 0;
  urlStorage.removed = [];
}

/** Stores an unfinished upload, as an earlier page (before a reload) would have left it. */
export function storeUpload(fingerprint: string, upload: Partial<StoredUpload> & { uploadUrl: string }) {
  void urlStorage.addUpload(fingerprint, { size: null, metadata: {}, creationTime: new Date().toString(), parallelUploadUrls: null, ...upload });
}

/** The newest Upload the hook created to send a file (not the ones it only asked about earlier uploads). */
export function lastUpload(): Upload {
  const upload = Upload.instances.filter((u) => typeof u.options.onSuccess === 'function').at(-1);
  if (!upload) throw new Error('no tus Upload was created');
  return upload;
}
