import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, organizationPolicyReason } from '../api/problem';
import type { CurrentUser } from '../api/types';
import { meQueryKey } from '../features/auth/authApi';
import { sessionEndedKey } from './session';

function isMeKey(key: readonly unknown[]): boolean {
  return key.length === meQueryKey.length && meQueryKey.every((part, i) => key[i] === part);
}

/** My access in one organization (orgKeys.access): what its layout loads first. */
function isAccessKey(key: readonly unknown[]): boolean {
  return key.length === 3 && key[0] === 'orgs' && key[2] === 'me';
}

export function createQueryClient(): QueryClient {
  /**
   * Any other call answered 401 means the session has ended: become anonymous. When someone was signed in here, say
   * so (sessionEndedKey: the layout shows "You have been signed out" with a link to sign in again) rather than
   * leaving a page full of errors or jumping to the sign-in page without a word.
   */
  function unauthorized(error: unknown) {
    if (!(error instanceof ApiError) || error.status !== 401) return;
    if (queryClient.getQueryData<CurrentUser | null>(meQueryKey)) queryClient.setQueryData(sessionEndedKey, true);
    queryClient.setQueryData(meQueryKey, null);
  }

  /**
   * A refusal by an organization's security policy holds for every route of the organization, and usually first meets
   * a page's own request (the policy changed, the session aged): read my access again, which meets it too, so that the
   * organization's layout says what to do instead of the page's error.
   */
  function policyRefused(error: unknown) {
    if (organizationPolicyReason(error)) void queryClient.invalidateQueries({ predicate: (query) => isAccessKey(query.queryKey) });
  }

  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (!isMeKey(query.queryKey)) unauthorized(error);
        // Not for my access itself: the layout shows that one (and reading it again would only meet it again).
        if (!isAccessKey(query.queryKey)) policyRefused(error);
      },
    }),
    // A save, create or delete refused with 401 or by the policy: the same (a failed sign-in happens signed out, so it
    // changes nothing).
    mutationCache: new MutationCache({
      onError: (error) => {
        unauthorized(error);
        policyRefused(error);
      },
    }),
    defaultOptions: {
      queries: {
        retry: (failureCount, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failureCount < 2,
      },
    },
  });
  // Kept until signing in or out clears it, however long the tab stays open.
  queryClient.setQueryDefaults(sessionEndedKey, { gcTime: Infinity, staleTime: Infinity });

  // The signed-in user read again (on focus, after a minute) and found anonymous: the session ended elsewhere. Writes
  // by the app itself (signing in or out: setQueryData, marked `manual`) are not that.
  let signedIn = false;
  queryClient.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' || event.action.type !== 'success' || !isMeKey(event.query.queryKey)) return;
    const user = event.action.data as CurrentUser | null | undefined;
    if (signedIn && !user && !event.action.manual) queryClient.setQueryData(sessionEndedKey, true);
    signedIn = !!user;
  });
  return queryClient;
}
