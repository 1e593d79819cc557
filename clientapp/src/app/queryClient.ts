import { QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/problem';
import { meQueryKey } from '../features/auth/authApi';

export function createQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      // Any other query answered 401 means the session has ended: become anonymous, so
      // protected routes send the user to the sign-in page.
      onError: (error, query) => {
        if (error instanceof ApiError && error.status === 401 && query.queryKey[0] !== meQueryKey[0]) {
          queryClient.setQueryData(meQueryKey, null);
        }
      },
    }),
    defaultOptions: {
      queries: {
        retry: (failureCount, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failureCount < 2,
      },
    },
  });
  return queryClient;
}
