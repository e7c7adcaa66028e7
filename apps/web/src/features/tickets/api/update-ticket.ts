import type { TicketDetail, UpdateTicketRequest } from '@bdc/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { ticketKeys } from './ticket-keys';

export const updateTicket = (id: number, body: UpdateTicketRequest) => api.patch<TicketDetail>(`/tickets/${id}`, body);

export function useUpdateTicket(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateTicketRequest) => updateTicket(id, body),
    onSuccess: (ticket) => {
      queryClient.setQueryData(ticketKeys.detail(id), ticket);
      return queryClient.invalidateQueries({ queryKey: ticketKeys.all });
    },
    meta: { errorTitle: 'The changes were not saved' },
  });
}
