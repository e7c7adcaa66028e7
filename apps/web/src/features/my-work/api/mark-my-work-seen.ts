import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const markMyWorkSeen = () => api.post<{ lastVisitAt: string }>('/my-work/seen');

/**
 * Records a visit. Not invalidating My work on success: the page keeps showing what changed since
 * the previous visit until the user comes back.
 */
export function useMarkMyWorkSeen() {
  return useMutation({ mutationFn: markMyWorkSeen, meta: { silentError: true } });
}
