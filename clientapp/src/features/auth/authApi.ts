import { hashKey, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, clearAntiforgeryToken, unwrap } from '../../api/client';
import { ApiError } from '../../api/problem';
import type { paths } from '../../api/schema';
import type {
  CurrentUser,
  LinkInstitutionAccountRequest,
  LoginRequest,
  RegisterRequest,
  SignInMethod,
  VerifyEmailRequest,
} from '../../api/types';

export const meQueryKey = ['auth', 'me'] as const;
const meQueryHash = hashKey(meQueryKey);

/** The signed-in user, or null when the session is anonymous (401). Other failures are errors. */
export async function fetchMe(): Promise<CurrentUser | null> {
  try {
    return await unwrap(api.GET('/api/auth/me'));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function useMe() {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: fetchMe,
    staleTime: 60_000,
    retry: (failureCount, error) => !(error instanceof ApiError && error.status > 0 && error.status < 500) && failureCount < 2,
  });
}

/** After any change of identity: new antiforgery token, fresh server state. */
function useIdentityChanged() {
  const queryClient = useQueryClient();
  return (user: CurrentUser | null) => {
    clearAntiforgeryToken();
    // Every query but the user's own (its observers stay subscribed), those under its key (two-factor status) included.
    queryClient.removeQueries({ predicate: (q) => q.queryHash !== meQueryHash });
    queryClient.setQueryData(meQueryKey, user);
  };
}

export function useLogin() {
  const identityChanged = useIdentityChanged();
  return useMutation({
    mutationFn: (body: LoginRequest) => unwrap(api.POST('/api/auth/login', { body })),
    onSuccess: (user) => identityChanged(user),
  });
}

/**
 * The second step of signing in to an account with two-factor on (after a 401 TWO_FACTOR_REQUIRED from useLogin):
 * a code of the authenticator app or a recovery code. Signs in exactly like useLogin.
 */
export function useLoginSecondFactor() {
  const identityChanged = useIdentityChanged();
  return useMutation({
    mutationFn: (body: SecondFactorRequest) => unwrap(api.POST('/api/auth/login/two-factor', { body })),
    onSuccess: (user) => identityChanged(user),
  });
}

function signInMethodQuery(email: string) {
  return queryOptions({
    queryKey: ['auth', 'sign-in-method', email] as const,
    queryFn: () => unwrap(api.GET('/api/auth/sso', { params: { query: { email } } })),
    staleTime: 5 * 60_000,
    // Only a help to the sign-in form: a failure means the password at once, not after retries.
    retry: false,
  });
}

/** The organization whose institution signs an address in. */
export interface Institution {
  organizationId: string;
  organizationName: string;
  /** Its members cannot sign in with a password. */
  required: boolean;
}

function institutionOf(method: SignInMethod | undefined): Institution | null {
  if (method?.method !== 'sso' || !method.organizationId) return null;
  return { organizationId: method.organizationId, organizationName: method.organizationName ?? 'Your organization', required: method.required };
}

/**
 * Which sign-in an address uses, asked with `lookUp(address)` (`initial` is asked at once when not empty). Failures
 * count as the password: the sign-in form works as before without the answer.
 */
export function useSignInMethod(initial: string) {
  const queryClient = useQueryClient();
  const me = useMe();
  const [email, setEmail] = useState(initial);
  // Not once signed in (signing in drops the answer: it would be asked again on the way out of the page).
  const { data } = useQuery({ ...signInMethodQuery(email), enabled: email !== '' && me.data === null });
  return {
    /** The institution of `address` when it was the last looked up and signs in there, else null. */
    institution: (address: string) => (address === email ? institutionOf(data) : null),
    lookUp: async (address: string): Promise<Institution | null> => {
      setEmail(address);
      try {
        return institutionOf(await queryClient.fetchQuery(signInMethodQuery(address)));
      } catch {
        return null;
      }
    },
  };
}

/** Where a browser navigation (never a fetch) starts signing in at the organization's institution. */
export function institutionSignInPath(organizationId: string, email: string, returnUrl: string): string {
  return `/api/auth/sso/${encodeURIComponent(organizationId)}/start?${new URLSearchParams({ email, returnUrl })}`;
}

/**
 * After an institution signed in someone whose address has an account not linked to it yet: the account's password
 * (and, with two-factor on, a code) links it, and signs in exactly like useLogin.
 */
export function useLinkInstitutionAccount() {
  const identityChanged = useIdentityChanged();
  return useMutation({
    mutationFn: (body: LinkInstitutionAccountRequest) => unwrap(api.POST('/api/auth/sso/link', { body })),
    onSuccess: (user) => identityChanged(user),
  });
}

export function useRegister() {
  const identityChanged = useIdentityChanged();
  return useMutation({
    mutationFn: (body: RegisterRequest) => unwrap(api.POST('/api/auth/register', { body })),
    onSuccess: (user) => identityChanged(user),
  });
}

export function useLogout() {
  const identityChanged = useIdentityChanged();
  return useMutation({
    mutationFn: async () => {
      await unwrap(api.POST('/api/auth/logout'));
    },
    // Even if the call fails, the user asked to leave: drop local state. A 401 means already signed out.
    onSettled: () => identityChanged(null),
  });
}

/**
 * Verifies an e-mail address with the userId and token of the link mailed at registration (anonymous). Afterwards
 * the signed-in user is read again, so the "verify your address" banner goes away.
 */
export function useVerifyEmail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: VerifyEmailRequest) => {
      await unwrap(api.POST('/api/auth/verify-email', { body }));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
  });
}

/** Mails the signed-in user a new verification link. A 409 means the address is already verified: read me again. */
export function useResendVerification() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await unwrap(api.POST('/api/auth/verify-email/resend'));
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) void queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}

type Body<P extends keyof paths, M extends 'post' | 'patch'> = paths[P] extends { [K in M]: { requestBody?: { content: { 'application/json': infer B } } } }
  ? B
  : never;
export type ChangePasswordRequest = Body<'/api/auth/me/password', 'post'>;
export type ChangeEmailRequest = Body<'/api/auth/me/email', 'post'>;
export type ConfirmEmailChangeRequest = Body<'/api/auth/confirm-email-change', 'post'>;
export type ResetPasswordRequest = Body<'/api/auth/reset-password', 'post'>;
export type SecondFactorRequest = Body<'/api/auth/login/two-factor', 'post'>;

/** Changes my display name; the answer is the signed-in user as it now is. */
export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (displayName: string) => unwrap(api.PATCH('/api/auth/me', { body: { displayName } })),
    onSuccess: (user) => {
      queryClient.setQueryData(meQueryKey, user);
      // Names are shown in member lists, assignees, activity…: read them again.
      return queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
    },
  });
}

/** Changes my password (the current one is needed). Every other session of the account ends; this one stays. */
export function useChangePassword() {
  return useMutation({
    mutationFn: async (body: ChangePasswordRequest) => {
      await unwrap(api.POST('/api/auth/me/password', { body }));
    },
    // The session cookie is issued again: fetch a new antiforgery token rather than risk one bound to the old one.
    onSuccess: () => clearAntiforgeryToken(),
  });
}

/** Asks to move my account to another address: a link goes to the new address (202); nothing changes until it is opened. */
export function useChangeEmail() {
  return useMutation({
    mutationFn: async (body: ChangeEmailRequest) => {
      await unwrap(api.POST('/api/auth/me/email', { body }));
    },
  });
}

/**
 * After a link that ends every session of the account `userId` (new address, new password): signed out here too when
 * this tab was signed in as that account (or not at all); someone else signed in here stays signed in.
 */
function useSessionsOfAccountEnded() {
  const queryClient = useQueryClient();
  const identityChanged = useIdentityChanged();
  return (userId: string) => {
    const user = queryClient.getQueryData<CurrentUser | null>(meQueryKey);
    if (!user || user.id === userId) identityChanged(null);
  };
}

/** Opens the link mailed to the new address (anonymous). Every session of the account ends, this one included. */
export function useConfirmEmailChange() {
  const ended = useSessionsOfAccountEnded();
  return useMutation({
    mutationFn: async (body: ConfirmEmailChangeRequest) => {
      await unwrap(api.POST('/api/auth/confirm-email-change', { body }));
    },
    onSuccess: (_result, body) => ended(body.userId),
  });
}

/** Mails a reset link when an account uses the address; the server answers the same (202) whether or not one does. */
export function useForgotPassword() {
  return useMutation({
    mutationFn: async (email: string) => {
      await unwrap(api.POST('/api/auth/forgot-password', { body: { email } }));
    },
  });
}

/** Sets a new password from the mailed link (anonymous). Every session of the account ends, this one included. */
export function useResetPassword() {
  const ended = useSessionsOfAccountEnded();
  return useMutation({
    mutationFn: async (body: ResetPasswordRequest) => {
      await unwrap(api.POST('/api/auth/reset-password', { body }));
    },
    onSuccess: (_result, body) => ended(body.userId),
  });
}
