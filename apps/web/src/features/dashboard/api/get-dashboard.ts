import type { Dashboard, DashboardQuery } from '@bdc/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export function useDashboard(query: DashboardQuery) {
  return useQuery({
    queryKey: ['dashboard', query] as const,
    queryFn: ({ signal }) => api.get<Dashboard>('/dashboard', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}
