import type {
  ActionCommentRequest,
  AssignRequest,
  CompleteRequest,
  DeployRequest,
  RejectRequest,
  ResubmitRequest,
  RollbackRequest,
  TicketDetail,
  WorkflowAction,
} from '@bdc/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { ticketKeys } from './ticket-keys';

/**
 * `POST /api/tickets/:id/{action}`: the ten workflow endpoints share one shape (body in, updated ticket
 * out), so they share one typed fetcher instead of ten copies.
 */
export interface ActionBodies {
  submit: ActionCommentRequest;
  approve: ActionCommentRequest;
  reject: RejectRequest;
  resubmit: ResubmitRequest;
  assign: AssignRequest;
  claim: ActionCommentRequest;
  start: ActionCommentRequest;
  deploy: DeployRequest;
  complete: CompleteRequest;
  rollback: RollbackRequest;
  cancel: ActionCommentRequest;
}

export type ActionVariables = { [A in WorkflowAction]: { action: A; body: ActionBodies[A] } }[WorkflowAction];

export const runTicketAction = (id: number, { action, body }: ActionVariables) =>
  api.post<TicketDetail>(`/tickets/${id}/${action}`, body);

/** Deploy and rollback change the inventory, so server and stock views must refetch too. */
const INVENTORY_ACTIONS: readonly WorkflowAction[] = ['approve', 'deploy', 'rollback', 'cancel'];

export function useTicketAction(id: number, options: { silentError?: boolean } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (vars: ActionVariables) => runTicketAction(id, vars),
    onSuccess: async (ticket, vars) => {
      queryClient.setQueryData(ticketKeys.detail(id), ticket);
      const pending = [queryClient.invalidateQueries({ queryKey: ticketKeys.all })];
      if (INVENTORY_ACTIONS.includes(vars.action)) {
        pending.push(
          queryClient.invalidateQueries({ queryKey: ['servers'] }),
          queryClient.invalidateQueries({ queryKey: ['components'] }),
          queryClient.invalidateQueries({ queryKey: ['catalog'] }),
        );
      }
      await Promise.all(pending);
    },
    meta: { errorTitle: 'The action failed', silentError: options.silentError },
  });
}
