/**
 * RFC 9457 problem details, as every API error is sent (`application/problem+json`).
 * Validation problems add `errors`: field name -> messages. Some refusals add the extension member `reason`,
 * a machine-readable code the client acts on (e.g. `email-unverified`); the body is kept whole, so it survives.
 */
export interface ProblemDetails {
  type?: string | null;
  title?: string | null;
  status?: number | null;
  detail?: string | null;
  instance?: string | null;
  errors?: Record<string, string[]>;
  reason?: string | null;
}

/** `reason` of a 403 from accepting an invitation before the account's e-mail address is verified. */
export const EMAIL_UNVERIFIED = 'email-unverified';

/** `reason` of a 401 from signing in with the right password to an account with two-factor on: a code must follow. */
export const TWO_FACTOR_REQUIRED = 'two-factor-required';

/**
 * `reason` of a 403 from signing in with a password as a member of an organization that requires its institution's
 * sign-in: the way in is that institution.
 */
export const SSO_REQUIRED = 'sso-required';

/**
 * `reason` of a 403 from any route of an organization whose security policy my session does not meet: it was not
 * opened with two-factor, it is older than the organization allows, or its password is shorter than required.
 */
export const ORGANIZATION_REQUIRES_TWO_FACTOR = 'organization-requires-two-factor';
export const ORGANIZATION_REQUIRES_FRESH_SIGN_IN = 'organization-requires-fresh-sign-in';
export const ORGANIZATION_REQUIRES_LONGER_PASSWORD = 'organization-requires-longer-password';

/**
 * `reason` of a 403 from creating a personal access token in an organization whose security policy allows none. Not one
 * of the reasons above: the rest of the organization stays open.
 */
export const ORGANIZATION_DISALLOWS_TOKENS = 'organization-disallows-tokens';

const ORGANIZATION_POLICY_REASONS = [
  ORGANIZATION_REQUIRES_TWO_FACTOR,
  ORGANIZATION_REQUIRES_FRESH_SIGN_IN,
  ORGANIZATION_REQUIRES_LONGER_PASSWORD,
] as const;

export type OrganizationPolicyReason = (typeof ORGANIZATION_POLICY_REASONS)[number];

export type FieldErrors = Record<string, string[]>;

/** An API call that failed: an error response, or no response at all (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemDetails | null;
  /** Field errors with camelCase keys (`Password` and `password` both become `password`). */
  readonly fieldErrors: FieldErrors;

  constructor(status: number, problem: ProblemDetails | null, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.fieldErrors = normaliseFieldErrors(problem?.errors);
  }
}

const fallbackMessages: Record<number, string> = {
  0: 'Could not reach the server. Check your connection and try again.',
  400: 'The request was not valid. Check the form and try again.',
  401: 'You are not signed in, or your session has expired.',
  403: 'You do not have permission to do this.',
  404: 'The requested item was not found.',
  409: 'This conflicts with existing data.',
  413: 'The upload is too large.',
  429: 'Too many attempts. Wait a moment and try again.',
};

export function isProblemDetails(value: unknown): value is ProblemDetails {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return ['type', 'title', 'detail', 'status', 'errors'].some((k) => k in v);
}

/** `Password` -> `password`, `Items[0].Name` -> `items[0].name`; empty keys stay as they are. */
export function fieldKey(key: string): string {
  return key
    .split('.')
    .map((part) => (part ? part.charAt(0).toLowerCase() + part.slice(1) : part))
    .join('.');
}

function normaliseFieldErrors(errors: unknown): FieldErrors {
  const result: FieldErrors = {};
  if (!errors || typeof errors !== 'object' || Array.isArray(errors)) return result;
  for (const [key, value] of Object.entries(errors as Record<string, unknown>)) {
    const messages = (Array.isArray(value) ? value : [value]).filter(
      (m): m is string => typeof m === 'string' && m.length > 0,
    );
    if (messages.length === 0) continue;
    const k = fieldKey(key);
    result[k] = [...(result[k] ?? []), ...messages];
  }
  return result;
}

/** The readable one-line message for a failed call: the problem's detail, else its title, else a default by status. */
export function problemMessage(status: number, problem: ProblemDetails | null | undefined): string {
  const detail = problem?.detail?.trim();
  if (detail) return detail;
  const title = problem?.title?.trim();
  if (title) return title;
  if (status >= 500) return 'The server could not complete the request. Try again later.';
  return fallbackMessages[status] ?? `The request failed (HTTP ${status}).`;
}

/** Builds an ApiError from a status and a parsed body (which may be anything, or nothing). */
export function toApiError(status: number, body: unknown): ApiError {
  const problem = isProblemDetails(body) ? body : null;
  return new ApiError(status, problem, problemMessage(status, problem));
}

/** Reads a fetch Response that failed and turns it into an ApiError (tolerates non-JSON bodies). */
export async function apiErrorFromResponse(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    const text = await response.text();
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return toApiError(response.status, body);
}

/** The problem's `reason` extension member (a string), or null. */
export function problemReason(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  const reason: unknown = error.problem?.reason;
  return typeof reason === 'string' && reason ? reason : null;
}

/** The reason of a 403 from an organization's security policy (see ORGANIZATION_REQUIRES_TWO_FACTOR), or null. */
export function organizationPolicyReason(error: unknown): OrganizationPolicyReason | null {
  const reason = error instanceof ApiError && error.status === 403 ? problemReason(error) : null;
  return ORGANIZATION_POLICY_REASONS.find((r) => r === reason) ?? null;
}

/** Any thrown value -> ApiError (a network failure becomes status 0). */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, null, problemMessage(0, null), { cause: error });
}

export const FIELDS_SUMMARY = 'Check the highlighted fields and try again.';

/**
 * Splits an error for a form: messages for the form's own fields, and everything else
 * (the problem's message plus errors for fields the form does not show) for the summary.
 */
export function formErrors<F extends string>(
  error: unknown,
  fields: readonly F[],
): { summary: string; fieldErrors: Partial<Record<F, string[]>> } {
  const apiError = asApiError(error);
  const fieldErrors: Partial<Record<F, string[]>> = {};
  const other: string[] = [];
  for (const [key, messages] of Object.entries(apiError.fieldErrors)) {
    const field = fields.find((f) => f.toLowerCase() === key.toLowerCase());
    if (field) fieldErrors[field] = messages;
    else other.push(...messages);
  }
  // When every error belongs to a field on the form, the messages are shown there; the summary
  // only points to them (the problem's detail often repeats the first field message).
  const summary =
    other.length === 0 && Object.keys(fieldErrors).length > 0
      ? FIELDS_SUMMARY
      : [apiError.message, ...other].join(' ');
  return { summary, fieldErrors };
}

/** A 409 whose detail belongs next to one field (e.g. "already a member", "the name is taken"). */
export function conflictOnField(error: unknown, field: string): unknown {
  if (!error) return error;
  const apiError = asApiError(error);
  if (apiError.status !== 409) return error;
  return new ApiError(409, { ...apiError.problem, errors: { [field]: [apiError.message] } }, apiError.message);
}

/** A mutation as a confirmation dialog shows it: `busy` while pending, `error` the problem's message once it failed. */
export function mutationStatus(mutation: { isPending: boolean; error: unknown }): { busy: boolean; error: string | null } {
  return { busy: mutation.isPending, error: mutation.error ? asApiError(mutation.error).message : null };
}
