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

/** `phenotypeTerms[2]` errors from the server belong to the phenotype terms field; a 409 to the external id. */
export function subjectProblem(error: unknown): unknown {
  if (!error) return error;
  const apiError = asApiError(conflictOnField(error, 'externalId'));
  const errors: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(apiError.fieldErrors)) {
    const k = key.replace(/\[\d+\]$/, '');
    errors[k] = [...(errors[k] ?? []), ...messages];
  }
  return new ApiError(apiError.status, { ...apiError.problem, errors }, apiError.message);
}
