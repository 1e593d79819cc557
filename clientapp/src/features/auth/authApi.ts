import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, clearAntiforgeryToken, unwrap } from '../../api/client';
import { ApiError } from '../../api/problem';
import type { CurrentUser, LoginRequest, RegisterRequest, VerifyEmailRequest } from '../../api/types';

export const meQueryKey = ['auth', 'me'] as const;

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
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
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
