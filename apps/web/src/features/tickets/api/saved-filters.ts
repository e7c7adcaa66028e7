import type { ListResult, SavedFilter, SaveFilterRequest } from '@bdc/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

const savedFiltersKey = ['saved-filters'] as const;

export function useSavedFilters() {
  return useQuery({ queryKey: savedFiltersKey, queryFn: ({ signal }) => api.get<ListResult<SavedFilter>>('/saved-filters', undefined, signal) });
}

export function useSaveFilter() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: SaveFilterRequest) => api.post<SavedFilter>('/saved-filters', request),
    onSuccess: () => client.invalidateQueries({ queryKey: savedFiltersKey }),
  });
}

export function useDeleteSavedFilter() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete<void>(`/saved-filters/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: savedFiltersKey }),
  });
}
