import { LIMITS, textLength, type TicketDetail, type WorkflowAction } from '@bdc/contracts';
import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/error-alert';
import { ApiError } from '../../../lib/api-error';
import { useAssignees } from '../api/get-assignees';
import { QUEUE_ROLES } from '../utils/queue-roles';
import { userLabel } from '../utils/user-label';
import { type ActionVariables, useTicketAction } from '../api/run-ticket-action';
import { DeployChoices, deployBody, emptyDeployChoices, type DeployChoicesValue } from './deploy-choices';

/** Dialog-driven workflow actions; `resubmit` goes through the edit page instead. */
export type DialogAction = Exclude<WorkflowAction, 'resubmit'>;

interface DialogSpec {
  title: string;
  confirmLabel: string;
  confirmColor?: string;
  intro?: string;
  warning?: string;
  /** Which text field the dialog shows, and whether it must be filled. */
  text: { kind: 'comment' | 'reason' | 'notes'; label: string; required: boolean; max: number } | null;
  assignee?: boolean;
}

export const DIALOG_SPECS: Record<DialogAction, DialogSpec> = {
  submit: {
    title: 'Submit for approval',
    confirmLabel: 'Submit ticket',
    intro: 'The ticket goes to the approvers. Every item must be valid.',
    text: { kind: 'comment', label: 'Comment', required: false, max: LIMITS.commentMax },
  },
  approve: {
    title: 'Approve ticket',
    confirmLabel: 'Approve ticket',
    confirmColor: 'green.8',
    intro: 'The items are re-validated and the stock they need is reserved.',
    text: { kind: 'comment', label: 'Comment', required: false, max: LIMITS.commentMax },
  },
  reject: {
    title: 'Reject ticket',
    confirmLabel: 'Reject ticket',
    confirmColor: 'red.8',
    intro: 'The requester sees the reason and may change the ticket and resubmit it.',
    text: { kind: 'reason', label: 'Reason', required: true, max: LIMITS.reasonMax },
  },
  assign: {
    title: 'Assign technician',
    confirmLabel: 'Assign',
    intro: "Assign a technician, or put the ticket in a role's queue for one of its members to claim.",
    text: { kind: 'comment', label: 'Comment', required: false, max: LIMITS.commentMax },
    assignee: true,
  },
  claim: {
    title: 'Claim ticket',
    confirmLabel: 'Claim',
    intro: "You take the ticket from your role's queue and become its assignee.",
    text: { kind: 'comment', label: 'Comment', required: false, max: LIMITS.commentMax },
  },
  start: {
    title: 'Start work',
    confirmLabel: 'Start work',
    intro: 'The ticket moves to In progress.',
    text: { kind: 'comment', label: 'Comment', required: false, max: LIMITS.commentMax },
  },
  deploy: {
    title: 'Deploy changes',
    confirmLabel: 'Deploy to inventory',
    warning: 'Every item is applied to the server inventory in one step. If one item cannot be applied, nothing is.',
    text: { kind: 'notes', label: 'Deployment notes', required: false, max: LIMITS.notesMax },
  },
  complete: {
    title: 'Complete ticket',
    confirmLabel: 'Mark completed',
    confirmColor: 'green.8',
    text: { kind: 'notes', label: 'Completion notes', required: false, max: LIMITS.notesMax },
  },
  rollback: {
    title: 'Roll back deployment',
    confirmLabel: 'Roll back',
    confirmColor: 'orange.9',
    warning: 'Everything the deployment changed in the inventory is reverted. The ticket returns to In progress.',
    // Like a rejection, undoing a deploy must say why: the reason goes into the ticket's history.
    text: { kind: 'reason', label: 'Reason', required: true, max: LIMITS.reasonMax },
  },
  cancel: {
    title: 'Cancel ticket',
    confirmLabel: 'Cancel ticket',
    confirmColor: 'red.8',
    warning: 'A cancelled ticket cannot be reopened. Reserved stock is released.',
    text: { kind: 'comment', label: 'Comment', required: false, max: LIMITS.commentMax },
  },
};

/** Select values: a user id, or `role:<name>` for a role queue. */
const ROLE_PREFIX = 'role:';

function buildVariables(action: DialogAction, text: string, target: string | null, deploy: ReturnType<typeof deployBody> = {}): ActionVariables | null {
  const value = text.trim();
  const comment = value ? value : undefined;
  switch (action) {
    case 'reject':
    case 'rollback':
      return value ? { action, body: { reason: value } } : null;
    case 'assign':
      if (target === null) return null;
      return target.startsWith(ROLE_PREFIX) ? { action, body: { role: target.slice(ROLE_PREFIX.length), comment } } : { action, body: { assigneeId: Number(target), comment } };
    case 'deploy':
      return { action, body: { notes: comment, ...deploy } };
    case 'complete':
      return { action, body: { notes: comment } };
    case 'submit':
    case 'approve':
    case 'claim':
    case 'start':
    case 'cancel':
      return { action, body: { comment } };
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}

export interface ActionDialogProps {
  ticket: TicketDetail;
  action: DialogAction;
  onClose: () => void;
  onDone?: (ticket: TicketDetail) => void;
}

export function ActionDialog({ ticket, action, onClose, onDone }: ActionDialogProps) {
  const spec = DIALOG_SPECS[action];
  const mutation = useTicketAction(ticket.id);
  const assignees = useAssignees(Boolean(spec.assignee));
  const [text, setText] = useState('');
  const [assignee, setAssignee] = useState<string | null>(
    ticket.assignedTo ? String(ticket.assignedTo.id) : ticket.assignedRole ? `${ROLE_PREFIX}${ticket.assignedRole}` : null,
  );
  const [touched, setTouched] = useState(false);
  const [choices, setChoices] = useState<DeployChoicesValue>(emptyDeployChoices);

  const textError =
    spec.text?.required && touched && !text.trim()
      ? `${spec.text.label} is required`
      : spec.text && textLength(text) > spec.text.max
        ? `At most ${spec.text.max} characters`
        : null;
  const assigneeError = spec.assignee && touched && !assignee ? 'Choose a technician' : null;
  const apiFieldErrors = mutation.error instanceof ApiError ? mutation.error.fieldErrors() : {};

  const confirm = () => {
    setTouched(true);
    if (spec.text && textLength(text) > spec.text.max) return;
    const vars = buildVariables(action, text, assignee, action === 'deploy' ? deployBody(ticket.items, choices) : {});
    if (!vars) return;
    mutation.mutate(vars, {
      onSuccess: (updated) => {
        onDone?.(updated);
        onClose();
      },
    });
  };

  const title = action === 'assign' && (ticket.assignedTo || ticket.assignedRole) ? 'Reassign technician' : spec.title;

  return (
    <Modal opened onClose={onClose} title={title} centered size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          confirm();
        }}
        noValidate
      >
        <Stack>
          <Text size="sm">
            <strong>{ticket.ticketNumber}</strong> — {ticket.title}
          </Text>
          {spec.intro && <Text size="sm">{spec.intro}</Text>}
          {spec.warning && (
            <Alert color="orange" variant="light" title="Please confirm">
              <Text size="sm" c="bright">
                {spec.warning}
              </Text>
            </Alert>
          )}
          {spec.assignee && (
            <Select
              label="Technician or queue"
              placeholder={assignees.isPending ? 'Loading technicians…' : 'Choose a technician or a queue'}
              data={[
                { group: 'Technicians', items: (assignees.data?.items ?? []).map((u) => ({ value: String(u.id), label: userLabel(u) })) },
                { group: 'Role queues', items: QUEUE_ROLES.map((r) => ({ value: `${ROLE_PREFIX}${r.name}`, label: `${r.displayName} queue` })) },
              ]}
              value={assignee}
              onChange={setAssignee}
              searchable
              required
              error={assigneeError ?? apiFieldErrors.assigneeId ?? apiFieldErrors.role ?? (assignees.isError ? 'The technicians could not be loaded' : undefined)}
              nothingFoundMessage="No technician matches"
              comboboxProps={{ withinPortal: true }}
            />
          )}
          {action === 'deploy' && (
            <DeployChoices items={ticket.items} build={ticket.validation.projectedBuild} value={choices} onChange={setChoices} errors={apiFieldErrors} />
          )}
          {spec.text && (
            <Textarea
              label={spec.text.label}
              description={spec.text.required ? undefined : 'Optional'}
              required={spec.text.required}
              autosize
              minRows={3}
              maxRows={10}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              onBlur={() => spec.text?.required && setTouched(true)}
              error={textError ?? apiFieldErrors[spec.text.kind]}
              data-autofocus
            />
          )}
          {mutation.isError && <ErrorAlert error={mutation.error} title={`${title} failed`} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
              Close
            </Button>
            <Button type="submit" color={spec.confirmColor} loading={mutation.isPending}>
              {spec.confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
