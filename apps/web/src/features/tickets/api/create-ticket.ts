import type { CreateTicketRequest, TicketDetail } from '@bdc/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { ticketKeys } from './ticket-keys';

export const createTicket = (body: CreateTicketRequest) => api.post<TicketDetail>('/tickets', body);

export function useCreateTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createTicket,
    onSuccess: (ticket) => {
      queryClient.setQueryData(ticketKeys.detail(ticket.id), ticket);
      return queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
    },
    meta: { errorTitle: 'The ticket was not saved' },
  });
}
