import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { ORGANIZATION_DISALLOWS_TOKENS, problemReason } from '../../api/problem';
import type { paths } from '../../api/schema';
import type { BodyOf, JsonOf } from '../../api/types';
import { orgKeys } from '../organizations/keys';

type TokensPath = paths['/api/organizations/{orgId}/tokens'];

/** One of my personal access tokens: never the token itself, only its last four characters (`hint`). */
export type Token = JsonOf<TokensPath['get']['responses'][200]>[number];
export type CreateTokenRequest = BodyOf<TokensPath['post']>;
/** `token`: the token itself, in this answer only (the server keeps a hash). */
export type CreatedToken = JsonOf<TokensPath['post']['responses'][201]>;

export const tokenKeys = {
  mine: (orgId: string) => [...orgKeys.org(orgId), 'tokens'] as const,
};

/** My tokens for the organization, newest first (nobody else's: the server lists only mine). */
export function useTokens(orgId: string) {
  return useQuery({
    queryKey: tokenKeys.mine(orgId),
    queryFn: () => unwrap(api.GET('/api/organizations/{orgId}/tokens', { params: { path: { orgId } } })),
  });
}

export function useCreateToken(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTokenRequest) => unwrap(api.POST('/api/organizations/{orgId}/tokens', { params: { path: { orgId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokenKeys.mine(orgId) }),
    // The policy changed since the page read it: read it again, so that the page says tokens are not allowed.
    onError: (error) => {
      if (problemReason(error) === ORGANIZATION_DISALLOWS_TOKENS) void queryClient.invalidateQueries({ queryKey: orgKeys.securityPolicy(orgId) });
    },
  });
}

export function useRevokeToken(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tokenId: string) =>
      unwrap(api.POST('/api/organizations/{orgId}/tokens/{tokenId}/revoke', { params: { path: { orgId, tokenId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokenKeys.mine(orgId) }),
  });
}
