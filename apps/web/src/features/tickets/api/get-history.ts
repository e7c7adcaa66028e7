import type { HistoryEntryView } from '@bdc/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { ticketKeys } from './ticket-keys';

export const getHistory = (ticketId: number, signal?: AbortSignal) =>
  api.get<HistoryEntryView[]>(`/tickets/${ticketId}/history`, undefined, signal);

export const historyQueryOptions = (ticketId: number) =>
  queryOptions({ queryKey: ticketKeys.history(ticketId), queryFn: ({ signal }) => getHistory(ticketId, signal) });

export function useHistory(ticketId: number) {
  return useQuery(historyQueryOptions(ticketId));
}
