import type { TicketDetail } from '@bdc/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { ticketKeys } from './ticket-keys';

export const getTicket = (id: number, signal?: AbortSignal) => api.get<TicketDetail>(`/tickets/${id}`, undefined, signal);

export const ticketQueryOptions = (id: number) =>
  queryOptions({ queryKey: ticketKeys.detail(id), queryFn: ({ signal }) => getTicket(id, signal) });

export function useTicket(id: number) {
  return useQuery(ticketQueryOptions(id));
}
