import { ApiError, asApiError, conflictOnField } from '../../api/problem';

const HPO = /^HP:\d{7}$/;

/** "HP:0001250, HP:0000252" (commas, semicolons or spaces) → the terms. */
export function parseTerms(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((t) => t.trim())
    .filter(Boolean);
}

/** Client-side check of HPO ids (the server is the authority and checks again). */
export function invalidTerms(terms: readonly string[]): string[] {
  return terms.filter((t) => !HPO.test(t)).map((t) => `"${t}" is not an HPO id; use the form HP:0001250.`);
}

/** Today in the person's own calendar, as a date input holds it ("2025-03-01"). */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export const FUTURE_BIRTH_DATE = 'The date of birth cannot be in the future.';

/**
 * Client-side check of a date of birth ("" = none): not after today. The server refuses one after tomorrow (UTC), so
 * this is the stricter of the two and anything it lets through the server accepts.
 */
export function dateOfBirthErrors(value: string, today: string = localToday()): string[] {
  return value && value > today ? [FUTURE_BIRTH_DATE] : [];
}

/**
 * A subject form's server error, with every message next to its field: `phenotypeTerms[2]` belongs to the phenotype
 * terms field, a 409 to the external id. A 400 that names no field but is about the date of birth (the server's
 * "A date of birth cannot be in the future." comes as a bare `detail` today) belongs to the date of birth field.
 */
export function subjectProblem(error: unknown): unknown {
  if (!error) return error;
  const apiError = asApiError(conflictOnField(error, 'externalId'));
  const errors: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(apiError.fieldErrors)) {
    const k = key.replace(/\[\d+\]$/, '');
    errors[k] = [...(errors[k] ?? []), ...messages];
  }
  if (apiError.status === 400 && Object.keys(errors).length === 0 && /date of birth/i.test(apiError.problem?.detail ?? '')) {
    errors.dateOfBirth = [apiError.message];
  }
  return new ApiError(apiError.status, { ...apiError.problem, errors }, apiError.message);
}

const NEW_SUBJECT = /^newSubject\.(.+)$/i;

/**
 * Splits the error of "Define sample" (one request carrying the sample and, as `newSubject`, a subject to create with
 * it) between the two forms: `newSubject.externalId`, `newSubject.phenotypeTerms[2]`… go to the subject's fields (as
 * subjectProblem places them), everything else to the sample's. A 409 names the sample's name unless it is about the
 * new subject's external id ("A subject with the external id … already exists"); a bare 400 about the date of birth
 * belongs to the subject too. Either part is null when it has nothing.
 */
export function splitDefineSampleError(error: unknown, withNewSubject: boolean): { sample: unknown; subject: unknown } {
  if (!error) return { sample: null, subject: null };
  const apiError = asApiError(error);
  const sampleErrors: Record<string, string[]> = {};
  const subjectErrors: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(apiError.fieldErrors)) {
    const match = NEW_SUBJECT.exec(key);
    const target = match ? subjectErrors : sampleErrors;
    const k = match ? match[1]! : key;
    target[k] = [...(target[k] ?? []), ...messages];
  }
  const detail = apiError.problem?.detail ?? '';
  const noFields = Object.keys(apiError.fieldErrors).length === 0;
  const aboutSubject =
    withNewSubject &&
    ((apiError.status === 409 && /\bsubject\b/i.test(detail)) || (apiError.status === 400 && noFields && /date of birth/i.test(detail)));
  if (aboutSubject) return { sample: null, subject: subjectProblem(apiError) };

  const hasSubject = Object.keys(subjectErrors).length > 0;
  const hasSample = Object.keys(sampleErrors).length > 0;
  const subject = hasSubject ? subjectProblem(new ApiError(apiError.status, { ...apiError.problem, errors: subjectErrors }, apiError.message)) : null;
  if (hasSubject && !hasSample) return { sample: null, subject };
  const sample = hasSubject ? new ApiError(apiError.status, { ...apiError.problem, errors: sampleErrors }, apiError.message) : apiError;
  return { sample: conflictOnField(sample, 'name'), subject };
}
