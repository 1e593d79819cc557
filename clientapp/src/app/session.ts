import { useQueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';

/**
 * Set (to true) when the session ends under an open page: an API call answered 401, or the signed-in user read again
 * came back anonymous, while this tab still showed someone signed in — typically after signing out in another tab or
 * when the session expired. Not a key under 'auth', so signing in, out or registering (which drop every other query)
 * clears it.
 */
export const sessionEndedKey = ['session-ended'] as const;

/** Whether the session ended under this tab (see sessionEndedKey). */
export function useSessionEnded(): boolean {
  const queryClient = useQueryClient();
  return useSyncExternalStore(
    (onChange) => queryClient.getQueryCache().subscribe(onChange),
    () => queryClient.getQueryData<boolean>(sessionEndedKey) === true,
  );
}
