import { isProblemDetails, problemMessage, type ProblemDetails } from '../../api/problem';

/** Why an upload stopped, as the row shows it. */
export interface UploadFailure {
  /** HTTP status of the refusal; 0 when the server could not be reached, -1 when the file itself could not be read. */
  status: number;
  /** The problem's detail (else its title, else a sentence for the status). */
  message: string;
  /** The problem's `reason` extension member (e.g. "storage-quota"). */
  reason: string | null;
  /** Trying again can help (the connection, the server, an offset or checksum mismatch); a refusal will not change. */
  retryable: boolean;
}

/** What tus-js-client's DetailedError carries (duck-typed: the class may be another copy, or a test double). */
interface ResponseLike {
  getStatus(): number;
  getBody(): string;
}

function isDetailedError(error: unknown): error is { originalRequest: unknown; originalResponse: ResponseLike | null } {
  return typeof error === 'object' && error !== null && 'originalRequest' in error;
}

/** The response a failed tus request got (DetailedError.originalResponse), if any. */
export function failedResponse(error: unknown): ResponseLike | null {
  return isDetailedError(error) ? (error.originalResponse ?? null) : null;
}

/** The RFC 9457 problem document in a failed response's body, if it is one. */
export function problemOf(response: ResponseLike | null): ProblemDetails | null {
  if (!response) return null;
  try {
    const body: unknown = JSON.parse(response.getBody() || 'null');
    return isProblemDetails(body) ? body : null;
  } catch {
    return null;
  }
}

/** Statuses worth another attempt: no answer, server errors, a wrong offset (409), a lock (423), a damaged chunk (460). */
export function isRetryableStatus(status: number): boolean {
  return status === 0 || status >= 500 || status === 409 || status === 423 || status === 460;
}

/** A 400 from the antiforgery check (the token expired or belongs to an earlier sign-in): fetch a new one and retry. */
export function isAntiforgeryRefusal(response: ResponseLike | null): boolean {
  if (!response || response.getStatus() !== 400) return false;
  const problem = problemOf(response);
  const text = `${problem?.detail ?? ''} ${problem?.title ?? ''}`;
  return /antiforgery|X-XSRF-TOKEN/i.test(text);
}

// Said when the refusal carries no problem document (a proxy, a dropped connection).
const UPLOAD_MESSAGES: Record<number, string> = {
  0: 'The connection to the server was lost. Try again: the upload continues where it stopped.',
  409: 'The server holds a different part of this file than expected. Try again: the upload continues where the server stopped.',
  410: 'This upload expired before it was finished. Start it again.',
  413: 'A part of the file was larger than the server accepts.',
  460: 'A part of the file arrived damaged (its checksum did not match). Try again.',
};

/** Turns what tus-js-client reports (onError) into the row's message: the problem's detail when the server sent one. */
export function describeUploadError(error: unknown): UploadFailure {
  if (!isDetailedError(error)) {
    const what = error instanceof Error && error.message ? `: ${error.message.replace(/^tus: /, '')}` : '.';
    return { status: -1, message: `The file could not be read${what}`, reason: null, retryable: false };
  }
  const response = error.originalResponse;
  const status = response ? response.getStatus() : 0;
  const problem = problemOf(response);
  const detail = problem?.detail?.trim() || problem?.title?.trim();
  const reason = typeof problem?.reason === 'string' && problem.reason ? problem.reason : null;
  return {
    status,
    message: detail || UPLOAD_MESSAGES[status] || problemMessage(status, null),
    reason,
    retryable: isRetryableStatus(status),
  };
}
