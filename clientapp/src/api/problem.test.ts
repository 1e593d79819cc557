import { describe, expect, it } from 'vitest';
import {
  apiErrorFromResponse,
  asApiError,
  EMAIL_UNVERIFIED,
  formErrors,
  ORGANIZATION_REQUIRES_FRESH_SIGN_IN,
  organizationPolicyReason,
  problemMessage,
  problemReason,
  toApiError,
} from './problem';

describe('problem details helper', () => {
  it('uses the detail as the message, then the title, then a default for the status', () => {
    expect(problemMessage(401, { title: 'Unauthorized', detail: 'The e-mail address or password is incorrect.' })).toBe(
      'The e-mail address or password is incorrect.',
    );
    expect(problemMessage(400, { title: 'One or more validation errors occurred.' })).toBe(
      'One or more validation errors occurred.',
    );
    expect(problemMessage(403, null)).toBe('You do not have permission to do this.');
    expect(problemMessage(503, { detail: '  ' })).toBe('The server could not complete the request. Try again later.');
    expect(problemMessage(418, {})).toBe('The request failed (HTTP 418).');
    // Sign-in no longer answers 423: no message of its own.
    expect(problemMessage(423, null)).toBe('The request failed (HTTP 423).');
  });

  it('keeps the reason extension member of a problem', async () => {
    const error = await apiErrorFromResponse(
      new Response(
        JSON.stringify({ status: 403, title: 'Forbidden', detail: 'Verify your e-mail address first.', reason: 'email-unverified' }),
        { status: 403, headers: { 'Content-Type': 'application/problem+json' } },
      ),
    );
    expect(error.problem?.reason).toBe(EMAIL_UNVERIFIED);
    expect(problemReason(error)).toBe(EMAIL_UNVERIFIED);
    expect(error.message).toBe('Verify your e-mail address first.');
    expect(problemReason(toApiError(403, { title: 'Forbidden', reason: 42 }))).toBeNull();
    expect(problemReason(toApiError(403, { title: 'Forbidden' }))).toBeNull();
    expect(problemReason(new Error('not an API error'))).toBeNull();
  });

  it('recognises the refusals of an organization\'s security policy: a 403 with one of their reasons', () => {
    expect(organizationPolicyReason(toApiError(403, { title: 'Forbidden', reason: ORGANIZATION_REQUIRES_FRESH_SIGN_IN }))).toBe(
      ORGANIZATION_REQUIRES_FRESH_SIGN_IN,
    );
    expect(organizationPolicyReason(toApiError(403, { title: 'Forbidden', reason: EMAIL_UNVERIFIED }))).toBeNull();
    expect(organizationPolicyReason(toApiError(400, { title: 'Bad Request', reason: ORGANIZATION_REQUIRES_FRESH_SIGN_IN }))).toBeNull();
    expect(organizationPolicyReason(new Error(ORGANIZATION_REQUIRES_FRESH_SIGN_IN))).toBeNull();
  });

  it('collects field errors under camelCase keys', () => {
    const error = toApiError(400, {
      title: 'One or more validation errors occurred.',
      status: 400,
      errors: { Password: ['Too short.'], password: ['Too common.'], 'Items[0].DisplayName': ['Required.'] },
    });
    expect(error.status).toBe(400);
    expect(error.message).toBe('One or more validation errors occurred.');
    expect(error.fieldErrors).toEqual({
      password: ['Too short.', 'Too common.'],
      'items[0].displayName': ['Required.'],
    });
  });

  it('ignores a body that is not a problem document', () => {
    const error = toApiError(502, ['not', 'a', 'problem']);
    expect(error.problem).toBeNull();
    expect(error.fieldErrors).toEqual({});
    expect(error.message).toBe('The server could not complete the request. Try again later.');
  });

  it('reads an error response, tolerating a body that is not JSON', async () => {
    const fromHtml = await apiErrorFromResponse(
      new Response('<html>Bad gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } }),
    );
    expect(fromHtml.status).toBe(502);
    expect(fromHtml.message).toBe('The server could not complete the request. Try again later.');

    const fromProblem = await apiErrorFromResponse(
      new Response(JSON.stringify({ status: 409, title: 'Conflict', detail: 'That e-mail address is already registered.' }), {
        status: 409,
        headers: { 'Content-Type': 'application/problem+json' },
      }),
    );
    expect(fromProblem.message).toBe('That e-mail address is already registered.');
  });

  it('turns a network failure into a readable error', () => {
    const error = asApiError(new TypeError('Failed to fetch'));
    expect(error.status).toBe(0);
    expect(error.message).toBe('Could not reach the server. Check your connection and try again.');
  });

  it('splits errors between the form fields and the summary', () => {
    const error = toApiError(400, {
      title: 'One or more validation errors occurred.',
      errors: { Email: ['Enter a valid address.'], '': ['The request body is invalid.'], tenant: ['Unknown.'] },
    });
    const { summary, fieldErrors } = formErrors(error, ['email', 'password'] as const);
    expect(fieldErrors).toEqual({ email: ['Enter a valid address.'] });
    expect(summary).toBe('One or more validation errors occurred. The request body is invalid. Unknown.');
  });

  it('points to the fields when every error is shown next to one', () => {
    const error = toApiError(400, {
      title: 'Validation failed',
      detail: 'Use at least 12 characters.',
      errors: { password: ['Use at least 12 characters.'] },
    });
    expect(formErrors(error, ['email', 'password'] as const)).toEqual({
      summary: 'Check the highlighted fields and try again.',
      fieldErrors: { password: ['Use at least 12 characters.'] },
    });
  });
});
