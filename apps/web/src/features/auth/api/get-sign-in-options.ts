import type { SignInOptions } from '@bdc/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export const getSignInOptions = (signal?: AbortSignal) =>
  apiRequest<SignInOptions>('GET', '/auth/sign-in-options', { anonymous: true, signal });

export const signInOptionsQueryOptions = () =>
  queryOptions({ queryKey: ['auth', 'sign-in-options'] as const, queryFn: ({ signal }) => getSignInOptions(signal), staleTime: 60_000 });

/** The hint is a courtesy: when the API cannot be asked, the page simply shows none. */
export function useSignInOptions() {
  return useQuery({ ...signInOptionsQueryOptions(), retry: false, meta: { silentError: true } });
}
