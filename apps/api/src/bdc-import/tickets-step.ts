import { isOneOf, VALIDATION_STATUSES } from '@bdc/contracts';
import { TicketHistoryEntity } from '../history/ticket-history.entity';
import { ServerEntity } from '../inventory/server.entity';
import { TicketItemEntity } from '../ticket-items/ticket-item.entity';
import { TicketCounterEntity } from '../tickets/ticket-counter.entity';
import { TicketEntity } from '../tickets/ticket.entity';
import { RoleEntity } from '../users/role.entity';
import { UserEntity } from '../users/user.entity';
import { col, intCol, upsert, type ImportContext } from './context';
import {
  cleanText,
  decodeHtmlSpecialChars,
  fitText,
  mapComponentType,
  mapDateTime,
  mapHistoryAction,
  mapItemAction,
  mapItemType,
  mapPriority,
  mapTicketStatus,
  mapTicketType,
  parseJsonColumn,
} from './mapping';
import { count } from './report';
import type { SourceRow } from './source';

export interface SourceTicketTables {
  tickets: SourceRow[] | null;
  items: SourceRow[] | null;
  history: SourceRow[] | null;
}

/** TEXT columns hold 65,535 bytes on MariaDB; JSON larger than this is left out, with a warning. */
const JSON_BYTES_MAX = 60_000;

const text = (row: SourceRow, column: string): string | null => {
  const value = cleanText(col(row, column));
  return value === null ? null : decodeHtmlSpecialChars(value);
};

/**
 * Tickets (keyed by ticket number through the id map), their items and history, where the source
 * has them: the BDC IMS ticket tables (priorities low/medium/high/urgent, `changed_by`, `notes`) or
 * the guide's (`user_id`, `comment`, `ticket_type`). A column one of them lacks is simply absent.
 * Status is copied as BDC IMS has it: this is a migration of records, not a workflow action.
 */
export async function importTickets(ctx: ImportContext, src: SourceTicketTables, users: Map<number, number>, roles: Map<number, number>, servers: Set<string>): Promise<Map<number, number>> {
  const { manager } = ctx;
  const existing = await manager.find(TicketEntity);
  const byId = new Map(existing.map((t) => [t.id, t]));
  const numbers = new Set(existing.map((t) => t.ticketNumber));
  const serverNames = new Map((await manager.find(ServerEntity, { select: { uuid: true, name: true } })).map((s) => [s.uuid, s.name]));
  const usernames = new Map((await manager.find(UserEntity, { select: { id: true, username: true } })).map((u) => [u.id, u.username]));
  // BDC IMS queues a ticket by role id; here a queue is the role's name (tickets.assigned_role).
  const roleNames = new Map((await manager.find(RoleEntity, { select: { id: true, name: true } })).map((r) => [r.id, r.name]));
  const ticketIds = new Map<number, number>();
  const actionsOf = new Map<number, string[]>();
  for (const item of src.items ?? []) {
    const ticket = intCol(item, 'ticket_id') ?? -1;
    actionsOf.set(ticket, [...(actionsOf.get(ticket) ?? []), String(item['action'] ?? '')]);
  }
  const reviews = reviewsFromHistory(src.history);
  const days = new Map<string, number>();

  await ctx.table('tickets', src.tickets, async (row, report) => {
    const sourceId = intCol(row, 'id');
    const number = cleanText(col(row, 'ticket_number'));
    const label = `id ${String(row['id'])}${number ? ` (${number})` : ''}`;
    const skip = (reason: string) => void report.skipped.push({ row: label, reason });
    if (sourceId === null || number === null) return skip('no id or no ticket_number');
    if (number.length > 20) return skip('ticket_number longer than 20 characters');
    const mappedId = ctx.ids.get('tickets', sourceId);
    const current = mappedId !== undefined ? byId.get(mappedId) : undefined;
    if (!current && numbers.has(number)) return skip('ticket number already used by a ticket of this product');
    const status = mapTicketStatus(row['status']);
    if (status === null) return skip(`unknown status ${String(row['status'])}`);
    const serverUuid = cleanText(col(row, 'target_server_uuid'));
    if (serverUuid === null) return skip('no target server (every ticket here has one)');
    if (!servers.has(serverUuid)) return skip(`ticket's server ${serverUuid} does not exist`);
    const createdBy = users.get(intCol(row, 'created_by') ?? -1);
    if (createdBy === undefined) return skip(`its creator (user ${String(row['created_by'])}) was not imported`);
    const assignedSource = intCol(row, 'assigned_to');
    const assignedTo = assignedSource === null ? null : (users.get(assignedSource) ?? null);
    if (assignedSource !== null && assignedTo === null) report.warnings.push({ row: label, reason: `assignee (user ${assignedSource}) was not imported: left unassigned` });
    const roleSource = intCol(row, 'assigned_to_role');
    const assignedRole = roleSource === null ? null : (roleNames.get(roles.get(roleSource) ?? -1) ?? null);
    if (roleSource !== null && assignedRole === null) report.warnings.push({ row: label, reason: `queued for role ${roleSource}, which was not imported: left out of any queue` });
    let priority = mapPriority(row['priority']);
    if (priority === null) {
      report.warnings.push({ row: label, reason: `unknown priority ${String(row['priority'])}: imported as normal` });
      priority = 'normal';
    }
    const completion = text(row, 'completion_notes');
    const deployment = text(row, 'deployment_notes');
    const createdAt = mapDateTime(row['created_at']);
    const desired = {
      title: fitText(text(row, 'title') ?? number, 255) ?? number,
      description: text(row, 'description') ?? '',
      ticketType: mapTicketType(row['ticket_type'], actionsOf.get(sourceId) ?? []),
      priority,
      targetServerUuid: serverUuid,
      targetServerName: fitText(serverNames.get(serverUuid) ?? null, 255),
      status,
      createdBy,
      assignedTo,
      assignedRole,
      // BDC IMS has no approved_by/reviewed_by/rejected_at: its history says who reviewed and when.
      approvedBy: users.get(intCol(row, 'approved_by') ?? reviews.get(sourceId)?.approvedBy ?? -1) ?? null,
      reviewedBy: users.get(intCol(row, 'reviewed_by') ?? reviews.get(sourceId)?.reviewedBy ?? -1) ?? null,
      submittedAt: mapDateTime(row['submitted_at']),
      approvedAt: mapDateTime(row['approved_at']),
      rejectedAt: mapDateTime(row['rejected_at'] ?? reviews.get(sourceId)?.rejectedAt),
      deployedAt: mapDateTime(row['deployed_at']),
      completedAt: mapDateTime(row['completed_at']),
      estimatedDuration: intCol(row, 'estimated_duration'),
      scheduledDate: mapDateTime(row['scheduled_date']),
      rejectionReason: text(row, 'rejection_reason'),
      // There is no completion-notes column here: they follow the deployment notes, labelled.
      deploymentNotes: completion === null ? deployment : [deployment, `Completion notes: ${completion}`].filter((n) => n !== null).join('\n\n'),
    };
    const { id, outcome } = await upsert(manager, TicketEntity, current, desired, { ticketNumber: number, ...(createdAt ? { createdAt } : {}) });
    await ctx.ids.set('tickets', sourceId, id);
    ticketIds.set(sourceId, id);
    numbers.add(number);
    const day = /^TKT-(\d{8})-(\d+)$/.exec(number);
    if (day?.[1] && day[2]) days.set(day[1], Math.max(days.get(day[1]) ?? 0, Number(day[2])));
    count(report, outcome);
  });

  // New tickets here must not take a number an imported ticket already has.
  for (const [day, seq] of days) {
    const counter = await manager.findOne(TicketCounterEntity, { where: { day } });
    if (!counter) await manager.insert(TicketCounterEntity, { day, seq });
    else if (counter.seq < seq) await manager.update(TicketCounterEntity, { day }, { seq });
  }

  const items = await manager.find(TicketItemEntity);
  const itemsById = new Map(items.map((i) => [i.id, i]));
  const positions = new Map<number, number>();
  await ctx.table('ticket_items', src.items, async (row, report) => {
    const sourceId = intCol(row, 'id');
    const label = `id ${String(row['id'])}`;
    const skip = (reason: string) => void report.skipped.push({ row: label, reason });
    const ticketId = ticketIds.get(intCol(row, 'ticket_id') ?? -1);
    if (sourceId === null) return skip('no id');
    if (ticketId === undefined) return skip(`its ticket ${String(row['ticket_id'])} was not imported`);
    const action = mapItemAction(row['action']);
    if (action === null) return skip(`unknown action ${String(row['action'])}`);
    const componentType = mapComponentType(row['component_type']);
    if (componentType === null) return skip(`unknown component_type ${String(row['component_type'])}`);
    const position = positions.get(ticketId) ?? 0;
    positions.set(ticketId, position + 1);
    const specsColumn = col(row, 'specifications') !== null ? 'specifications' : 'component_specs';
    const specs = parseJsonColumn(col(row, specsColumn));
    let specifications: Record<string, unknown> | null = null;
    if (specs && !specs.ok) report.warnings.push({ row: label, reason: `malformed JSON in ${specsColumn}: left out` });
    else if (specs?.ok && specs.value !== null && typeof specs.value === 'object' && !Array.isArray(specs.value)) {
      if (Buffer.byteLength(JSON.stringify(specs.value), 'utf8') <= JSON_BYTES_MAX) specifications = specs.value as Record<string, unknown>;
      else report.warnings.push({ row: label, reason: `${specsColumn} larger than ${JSON_BYTES_MAX} bytes: left out` });
    }
    const quantity = intCol(row, 'quantity');
    if (quantity === null || quantity < 1) report.warnings.push({ row: label, reason: `quantity ${String(row['quantity'])}: imported as 1` });
    const validated = intCol(row, 'is_validated');
    const compatible = intCol(row, 'is_compatible');
    const validationStatus =
      cleanText(col(row, 'validation_status')) ?? (validated === 1 ? (compatible === 1 ? 'valid' : 'warning') : 'pending');
    const desired = {
      ticketId,
      position,
      itemType: mapItemType(row['item_type']),
      action,
      componentType,
      componentUuid: fitText(cleanText(col(row, 'component_uuid')), 255),
      componentSerial: fitText(cleanText(col(row, 'component_serial')), 255),
      specifications,
      quantity: quantity !== null && quantity >= 1 ? quantity : 1,
      currentValue: cleanText(col(row, 'current_value')),
      requestedValue: cleanText(col(row, 'requested_value')),
      validationStatus: isOneOf(VALIDATION_STATUSES, validationStatus) ? validationStatus : 'pending',
      validationMessage: text(row, 'validation_message') ?? text(row, 'compatibility_notes'),
      compatibilityChecked: intCol(row, 'compatibility_checked') === 1 || validated === 1,
      fulfilled: intCol(row, 'fulfilled') === 1,
      fulfilledAt: mapDateTime(row['fulfilled_at']),
      fulfilledComponentUuid: fitText(cleanText(col(row, 'fulfilled_component_uuid')), 255),
      fulfillmentNotes: text(row, 'fulfillment_notes'),
    };
    const mappedId = ctx.ids.get('ticket_items', sourceId);
    const createdAt = mapDateTime(row['created_at']);
    const { id, outcome } = await upsert(manager, TicketItemEntity, mappedId !== undefined ? itemsById.get(mappedId) : undefined, desired, createdAt ? { createdAt } : {});
    await ctx.ids.set('ticket_items', sourceId, id);
    count(report, outcome);
  });

  // History is append-only here too: a row imported once is never rewritten.
  await ctx.table('ticket_history', src.history, async (row, report) => {
    const sourceId = intCol(row, 'id');
    const label = `id ${String(row['id'])}`;
    const skip = (reason: string) => void report.skipped.push({ row: label, reason });
    if (sourceId === null) return skip('no id');
    const ticketId = ticketIds.get(intCol(row, 'ticket_id') ?? -1);
    if (ticketId === undefined) return skip(`its ticket ${String(row['ticket_id'])} was not imported`);
    const userColumn = row['changed_by'] !== undefined ? 'changed_by' : 'user_id';
    const userId = users.get(intCol(row, userColumn) ?? -1);
    if (userId === undefined) return skip(`its user ${String(row[userColumn])} was not imported`);
    if (ctx.ids.get('ticket_history', sourceId) !== undefined) return count(report, 'unchanged');
    const original = cleanText(col(row, 'action')) ?? 'updated';
    const mapped = mapHistoryAction(original);
    const field = fitText(cleanText(col(row, 'field_changed')), 100) ?? mapped.field;
    const value = (column: string) => {
      const raw = text(row, column);
      // Assignments name BDC IMS user ids: they are ours now.
      if (raw !== null && field === 'assigned_to' && /^\d+$/.test(raw)) return String(users.get(Number(raw)) ?? raw);
      return original.toLowerCase() === 'deleted' && column === 'new_value' ? 'cancelled' : raw;
    };
    const userAgent = cleanText(col(row, 'user_agent'));
    const createdAt = mapDateTime(row['created_at']);
    const { id } = await upsert(
      manager,
      TicketHistoryEntity,
      undefined,
      {
        ticketId,
        action: mapped.action,
        fieldChanged: field,
        oldValue: value('old_value'),
        newValue: value('new_value'),
        userId,
        userName: fitText(usernames.get(userId) ?? null, 100),
        comment: text(row, 'notes') ?? text(row, 'comment'),
        metadata: { importedFrom: 'bdc-ims', action: original, ...(userAgent ? { userAgent: Array.from(userAgent).slice(0, 255).join('') } : {}) },
        ipAddress: fitText(cleanText(col(row, 'ip_address')), 45),
      },
      createdAt ? { createdAt } : {},
    );
    await ctx.ids.set('ticket_history', sourceId, id);
    count(report, 'imported');
  });
  return ticketIds;
}

interface Review {
  approvedBy?: number;
  reviewedBy?: number;
  rejectedAt?: string;
}

/** The last approval and rejection of each ticket in BDC IMS's history (`status_changed` rows). */
function reviewsFromHistory(rows: SourceRow[] | null): Map<number, Review> {
  const reviews = new Map<number, Review>();
  for (const row of rows ?? []) {
    const action = String(row['action'] ?? '').toLowerCase();
    const to = String(row['new_value'] ?? '').toLowerCase();
    if ((action !== 'status_changed' && action !== 'status_change') || (to !== 'approved' && to !== 'rejected')) continue;
    const ticket = intCol(row, 'ticket_id');
    const user = intCol(row, row['changed_by'] !== undefined ? 'changed_by' : 'user_id');
    if (ticket === null || user === null) continue;
    const review = reviews.get(ticket) ?? {};
    review.reviewedBy = user;
    if (to === 'approved') review.approvedBy = user;
    else review.rejectedAt = col(row, 'created_at') ?? undefined;
    reviews.set(ticket, review);
  }
  return reviews;
}
