import type { TicketListQuery, TicketPage } from '@bdc/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { ticketKeys } from './ticket-keys';

export const getTickets = (filters: TicketListQuery, signal?: AbortSignal) =>
  api.get<TicketPage>('/tickets', { ...filters }, signal);

export const ticketsQueryOptions = (filters: TicketListQuery) =>
  queryOptions({
    queryKey: ticketKeys.list(filters),
    queryFn: ({ signal }) => getTickets(filters, signal),
    placeholderData: keepPreviousData,
  });

export function useTickets(filters: TicketListQuery) {
  return useQuery(ticketsQueryOptions(filters));
}
