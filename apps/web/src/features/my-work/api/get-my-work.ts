import type { MyWork } from '@bdc/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** The same key as lib/use-live-events.ts invalidates on every live event. */
export const myWorkKeys = { all: ['my-work'] as const };

export const getMyWork = (signal?: AbortSignal) => api.get<MyWork>('/my-work', undefined, signal);

export const myWorkQueryOptions = () => queryOptions({ queryKey: myWorkKeys.all, queryFn: ({ signal }) => getMyWork(signal) });

export function useMyWork(enabled = true) {
  return useQuery({ ...myWorkQueryOptions(), enabled });
}
