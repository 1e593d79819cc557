import type { HttpRequest, HttpResponse, HttpStack } from 'tus-js-client';

/** Base64 of a digest (Upload-Checksum carries "sha256 <base64>"). */
export function toBase64(bytes: ArrayBuffer): string {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The SHA-256 of a chunk, or null where the browser offers no Web Crypto (an insecure origin). */
async function sha256(body: Blob): Promise<ArrayBuffer | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  // A view rather than the buffer itself: accepted whichever realm the buffer comes from (jsdom in tests).
  return subtle.digest('SHA-256', new Uint8Array(await body.arrayBuffer()));
}

/** A request of the wrapped stack; a PATCH with a Blob body gets `Upload-Checksum: sha256 …` before it is sent. */
class ChecksumRequest implements HttpRequest {
  private readonly inner: HttpRequest;

  constructor(inner: HttpRequest) {
    this.inner = inner;
  }

  getMethod() {
    return this.inner.getMethod();
  }
  getURL() {
    return this.inner.getURL();
  }
  setHeader(header: string, value: string) {
    this.inner.setHeader(header, value);
  }
  getHeader(header: string) {
    return this.inner.getHeader(header);
  }
  setProgressHandler(handler: (bytesSent: number) => void) {
    this.inner.setProgressHandler(handler);
  }
  abort() {
    return this.inner.abort();
  }
  getUnderlyingObject(): unknown {
    return this.inner.getUnderlyingObject();
  }

  async send(body: unknown): Promise<HttpResponse> {
    if (this.getMethod() === 'PATCH' && body instanceof Blob) {
      const digest = await sha256(body).catch(() => null);
      if (digest) this.inner.setHeader('Upload-Checksum', `sha256 ${toBase64(digest)}`);
    }
    return this.inner.send(body);
  }
}

/**
 * tus checksum extension (Tus-Checksum-Algorithm: sha256): every chunk carries its SHA-256, so a chunk damaged on the
 * way is refused (460) and sent again instead of corrupting the file. tus-js-client has no option for it, hence a
 * wrapper around its HTTP stack.
 */
export class ChecksumHttpStack implements HttpStack {
  private readonly inner: HttpStack;

  constructor(inner: HttpStack) {
    this.inner = inner;
  }

  createRequest(method: string, url: string): HttpRequest {
    return new ChecksumRequest(this.inner.createRequest(method, url));
  }

  getName(): string {
    return `ChecksumHttpStack(${this.inner.getName()})`;
  }
}
