import type { AccessAuditEntry, AccessAuditQuery, Page } from '@bdc/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { adminKeys } from './admin-keys';

export const getAccessAudit = (query: AccessAuditQuery, signal?: AbortSignal) => api.get<Page<AccessAuditEntry>>('/access/audit', { ...query }, signal);

export const accessAuditQueryOptions = (query: AccessAuditQuery) =>
  queryOptions({ queryKey: adminKeys.audit(query), queryFn: ({ signal }) => getAccessAudit(query, signal), placeholderData: keepPreviousData });

export function useAccessAudit(query: AccessAuditQuery) {
  return useQuery(accessAuditQueryOptions(query));
}
