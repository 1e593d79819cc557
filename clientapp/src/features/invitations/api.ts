import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { CreateInvitationRequest, SetInvitationPreferencesRequest } from '../../api/types';
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

/** Invites someone; the answer carries the accept link, which is shown once. */
export function useCreateInvitation(orgId: string) {
  const changed = useInvitationsChanged(orgId);
  return useMutation({
    mutationFn: (body: CreateInvitationRequest) =>
      unwrap(api.POST('/api/organizations/{orgId}/invitations', { params: { path: { orgId } }, body })),
    onSuccess: changed,
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

/** The signed-in user joins the organization of the invitation. */
export function useAcceptInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => unwrap(api.POST('/api/invitations/accept', { body: { token } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: orgKeys.list() }),
  });
}
