import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { ticketKeys } from './ticket-keys';

export const deleteTicket = (id: number) => api.delete<void>(`/tickets/${id}`);

export function useDeleteTicket(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => deleteTicket(id),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: ticketKeys.detail(id) });
      return queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
    },
    meta: { errorTitle: 'The ticket was not deleted' },
  });
}
