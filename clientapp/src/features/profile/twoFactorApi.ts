import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, clearAntiforgeryToken, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import type { BodyOf, JsonOf } from '../../api/types';
import { meQueryKey } from '../auth/authApi';

// Under the signed-in user's key: read again with it (invalidating meQueryKey), dropped when the identity changes.
export const twoFactorQueryKey = [...meQueryKey, 'two-factor'] as const;

export type TwoFactorStatus = JsonOf<paths['/api/auth/me/two-factor']['get']['responses'][200]>;
export type TwoFactorSetup = JsonOf<paths['/api/auth/me/two-factor/setup']['post']['responses'][200]>;
export type DisableTwoFactorRequest = BodyOf<paths['/api/auth/me/two-factor/disable']['post']>;

/** Whether two-factor sign-in is on for my account, and how many recovery codes are left. */
export function useTwoFactorStatus() {
  return useQuery({ queryKey: twoFactorQueryKey, queryFn: () => unwrap(api.GET('/api/auth/me/two-factor')) });
}

/** A new key for an authenticator app; nothing changes until a code of it turns two-factor on. 409 when on already. */
export function useBeginTwoFactorSetup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/auth/me/two-factor/setup')),
    onError: () => queryClient.invalidateQueries({ queryKey: twoFactorQueryKey }),
  });
}

/** Turns two-factor on with a code of the new key; answers the ten recovery codes (shown once). Other sessions end. */
export function useEnableTwoFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (code: string) => (await unwrap(api.POST('/api/auth/me/two-factor/enable', { body: { code } }))).recoveryCodes,
    onSuccess: () => {
      // This session's cookie is issued again: the antiforgery token bound to the old one would be refused.
      clearAntiforgeryToken();
      return queryClient.invalidateQueries({ queryKey: twoFactorQueryKey });
    },
  });
}

/** Turns two-factor off with my password and a code of the app (or a recovery code). */
export function useDisableTwoFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: DisableTwoFactorRequest) => {
      await unwrap(api.POST('/api/auth/me/two-factor/disable', { body }));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: twoFactorQueryKey }),
  });
}

/** Ten new recovery codes (shown once) for a code of the app; the earlier ones stop working. */
export function useNewRecoveryCodes() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (code: string) => (await unwrap(api.POST('/api/auth/me/two-factor/recovery-codes', { body: { code } }))).recoveryCodes,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: twoFactorQueryKey }),
  });
}
