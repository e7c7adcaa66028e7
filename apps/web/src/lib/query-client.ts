import { notifications } from '@mantine/notifications';
import { MutationCache, QueryClient } from '@tanstack/react-query';
import { ApiError, describeError } from './api-error';

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: Error;
    mutationMeta: {
      /** The caller shows the error itself (e.g. inline in a form) and also wants no toast. */
      silentError?: boolean;
      /** Short name of what failed, used as the notification title. */
      errorTitle?: string;
    };
  }
}

function shouldRetry(failureCount: number, error: Error): boolean {
  // 4xx answers will not change on retry; network hiccups and 5xx might.
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 15_000, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
    mutationCache: new MutationCache({
      onError: (error, _vars, _ctx, mutation) => {
        if (mutation.meta?.silentError) return;
        notifications.show({
          color: 'red',
          title: mutation.meta?.errorTitle ?? 'The request failed',
          message: describeError(error),
          autoClose: 8000,
        });
      },
    }),
  });
}
