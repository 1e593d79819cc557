import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { asApiError, type ApiError } from '../../api/problem';
import type { CreateInvitationRequest, IssuedInvitation, SetInvitationPreferencesRequest } from '../../api/types';
import { orgKeys } from '../organizations/keys';

/** Pending invitations (users.invite). */
export function useInvitations(orgId: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: orgKeys.invitations(orgId),
    queryFn: () => unwrap(api.GET('/api/organizations/{orgId}/invitations', { params: { path: { orgId } } })),
    enabled,
  });
}

function useInvitationsChanged(orgId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: orgKeys.invitations(orgId) }),
      queryClient.invalidateQueries({ queryKey: ['orgs', orgId, 'activity'] }),
    ]);
}

/** What became of one address of a batch: the invitation issued, or the refusal. */
export type InvitationOutcome = { email: string; issued: IssuedInvitation; error?: undefined } | { email: string; issued?: undefined; error: ApiError };

/**
 * Invites several people with the same role and workspaces: one request per address, in order, each answered on its
 * own (a refused address does not stop the others). Only a 401 (the session has ended) stops the batch and fails it.
 */
export function useSendInvitations(orgId: string) {
  const changed = useInvitationsChanged(orgId);
  return useMutation({
    mutationFn: async ({ emails, ...rest }: Omit<CreateInvitationRequest, 'email'> & { emails: readonly string[] }) => {
      const outcomes: InvitationOutcome[] = [];
      for (const email of emails) {
        try {
          const issued = await unwrap(api.POST('/api/organizations/{orgId}/invitations', { params: { path: { orgId } }, body: { ...rest, email } }));
          outcomes.push({ email, issued });
        } catch (caught) {
          const error = asApiError(caught);
          if (error.status === 401) throw error;
          outcomes.push({ email, error });
        }
      }
      return outcomes;
    },
    // Some may have been sent before a failure: refresh either way.
    onSettled: changed,
  });
}

/** Sends a pending invitation again: a new link (the old one stops working) and a new expiry. */
export function useResendInvitation(orgId: string) {
  const changed = useInvitationsChanged(orgId);
  return useMutation({
    mutationFn: (invitationId: string) =>
      unwrap(api.POST('/api/organizations/{orgId}/invitations/{invitationId}/resend', { params: { path: { orgId, invitationId } } })),
    onSuccess: changed,
  });
}

export function useRevokeInvitation(orgId: string) {
  const changed = useInvitationsChanged(orgId);
  return useMutation({
    mutationFn: (invitationId: string) =>
      unwrap(api.DELETE('/api/organizations/{orgId}/invitations/{invitationId}', { params: { path: { orgId, invitationId } } })),
    onSuccess: changed,
  });
}

/** Allowed e-mail domains and the default role of invitations (any member may read them). */
export function useInvitationPreferences(orgId: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: orgKeys.invitationPreferences(orgId),
    queryFn: () => unwrap(api.GET('/api/organizations/{orgId}/settings/invitations', { params: { path: { orgId } } })),
    enabled,
  });
}

export function useSetInvitationPreferences(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SetInvitationPreferencesRequest) =>
      unwrap(api.PUT('/api/organizations/{orgId}/settings/invitations', { params: { path: { orgId } }, body })),
    onSuccess: (result) => {
      queryClient.setQueryData(orgKeys.invitationPreferences(orgId), result);
      return queryClient.invalidateQueries({ queryKey: ['orgs', orgId, 'activity'] });
    },
  });
}

/**
 * What an invitation link is for — organization, inviter, role, invited address and status (pending, accepted, revoked,
 * expired) — readable signed out (the link is the credential). 404: no invitation has this token.
 */
export function useInvitationPreview(token: string) {
  return useQuery({
    queryKey: ['invitation-preview', token] as const,
    queryFn: () => unwrap(api.POST('/api/invitations/preview', { body: { token } })),
    enabled: !!token,
    staleTime: 30_000,
  });
}

/** The signed-in user joins the organization of the invitation. */
export function useAcceptInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => unwrap(api.POST('/api/invitations/accept', { body: { token } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: orgKeys.list() }),
  });
}
