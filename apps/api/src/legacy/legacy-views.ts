import type { CommentView, HistoryEntryView, TicketDetail, TicketItemView, TicketSummary, UserSummary, ValidationReport } from '@bdc/contracts';
import { legacyDateTime as at } from './legacy-envelope';

/**
 * The REST views in BDC IMS's snake_case (its table columns, docs/bdc-ims-compatibility.md):
 * ids as numbers, datetimes `YYYY-MM-DD HH:mm:ss`, users as the id plus `<field>_username`.
 * Pure renaming: every value comes from the same service answer the REST API returns.
 */
const userId = (user: UserSummary | null) => user?.id ?? null;
const username = (user: UserSummary | null) => user?.username ?? null;

export function legacyItem(ticketId: number, item: TicketItemView) {
  return {
    id: item.id,
    ticket_id: ticketId,
    item_type: item.itemType,
    action: item.action,
    component_type: item.componentType,
    component_uuid: item.componentUuid,
    component_serial: item.componentSerial,
    component_name: item.componentName,
    quantity: item.quantity,
    specifications: item.specifications,
    current_value: item.currentValue,
    requested_value: item.requestedValue,
    validation_status: item.validationStatus,
    validation_message: item.validationMessage,
    is_validated: item.validationStatus === 'pending' ? 0 : 1,
    is_compatible: item.validationStatus === 'valid' || item.validationStatus === 'warning' ? 1 : 0,
    compatibility_checked: item.compatibilityChecked ? 1 : 0,
    fulfilled: item.fulfilled ? 1 : 0,
    fulfilled_at: at(item.fulfilledAt),
  };
}

/** The columns a ticket's detail and its list row share, in the order both list them. */
function legacyTicketHeader(ticket: TicketSummary | TicketDetail) {
  return {
    ticket_type: ticket.ticketType,
    status: ticket.status,
    priority: ticket.priority,
    target_server_uuid: ticket.targetServerUuid,
    target_server_name: ticket.targetServerName,
    created_by: ticket.createdBy.id,
    created_by_username: ticket.createdBy.username,
    assigned_to: userId(ticket.assignedTo),
    assigned_to_username: username(ticket.assignedTo),
    assigned_to_role: ticket.assignedRole,
    assigned_to_role_name: ticket.assignedRole,
  };
}

export function legacyTicket(ticket: TicketDetail) {
  return {
    id: ticket.id,
    ticket_number: ticket.ticketNumber,
    title: ticket.title,
    description: ticket.description,
    ...legacyTicketHeader(ticket),
    approved_by: userId(ticket.approvedBy),
    approved_by_username: username(ticket.approvedBy),
    rejection_reason: ticket.rejectionReason,
    deployment_notes: ticket.deploymentNotes,
    scheduled_date: at(ticket.scheduledDate),
    estimated_duration: ticket.estimatedDuration,
    created_at: at(ticket.createdAt),
    updated_at: at(ticket.updatedAt),
    submitted_at: at(ticket.submittedAt),
    approved_at: at(ticket.approvedAt),
    rejected_at: at(ticket.rejectedAt),
    deployed_at: at(ticket.deployedAt),
    completed_at: at(ticket.completedAt),
    allowed_actions: ticket.allowedActions,
    items: ticket.items.map((item) => legacyItem(ticket.id, item)),
  };
}

export function legacyListRow(ticket: TicketSummary) {
  return {
    id: ticket.id,
    ticket_number: ticket.ticketNumber,
    title: ticket.title,
    ...legacyTicketHeader(ticket),
    item_count: ticket.itemCount,
    scheduled_date: at(ticket.scheduledDate),
    created_at: at(ticket.createdAt),
    updated_at: at(ticket.updatedAt),
  };
}

export function legacyHistoryEntry(entry: HistoryEntryView) {
  return {
    id: entry.id,
    ticket_id: entry.ticketId,
    action: entry.action,
    field_changed: entry.fieldChanged,
    old_value: entry.oldValue,
    new_value: entry.newValue,
    changed_by: entry.user.id,
    changed_by_username: entry.user.username,
    notes: entry.comment,
    created_at: at(entry.createdAt),
    ...(entry.ipAddress !== undefined ? { ip_address: entry.ipAddress } : {}),
  };
}

export function legacyComment(comment: CommentView) {
  return {
    id: comment.id,
    ticket_id: comment.ticketId,
    comment: comment.comment,
    comment_type: comment.commentType,
    is_internal: comment.isInternal ? 1 : 0,
    user_id: comment.author.id,
    username: comment.author.username,
    edited: comment.edited ? 1 : 0,
    created_at: at(comment.createdAt),
    updated_at: at(comment.updatedAt),
  };
}

export function legacyValidation(report: ValidationReport) {
  return {
    items_validated: report.itemsValidated,
    compatibility_checked: report.compatibilityChecked,
    valid: report.valid,
    warnings: report.warnings,
    items: report.items.map((item) => ({ index: item.index, status: item.status, message: item.message })),
  };
}
