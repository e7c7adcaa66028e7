import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HISTORY_ACTIONS, type HistoryAction, type HistoryEntryView, type UserSummary } from '@bdc/contracts';
import { isoOrNull } from '../common/strict-date-time';
import { UserSummaryDto } from '../users/users.dto';
import type { TicketHistoryEntity } from './ticket-history.entity';

/** Marks the history rows whose texts belong to an internal note. */
export const INTERNAL_METADATA_KEY = 'internal';

export function unknownUser(id: number): UserSummary {
  return { id, username: `user-${id}`, displayName: `Unknown user #${id}` };
}

/** Where rows written before the `ip_address` column was the only place kept the client address. */
export const LEGACY_IP_METADATA_KEY = 'ip_address';

export interface HistoryVisibility {
  /** ticket.view_internal: the texts of internal notes. */
  internal: boolean;
  /** ticket.manage: client addresses. */
  clientAddress: boolean;
}

export function toHistoryEntryView(row: TicketHistoryEntity, users: ReadonlyMap<number, UserSummary>, sees: HistoryVisibility): HistoryEntryView {
  const hidden = !sees.internal && row.metadata?.[INTERNAL_METADATA_KEY] === true;
  // Legacy rows kept the address in metadata: it never leaves there, whoever asks (the column is the one place).
  const { [LEGACY_IP_METADATA_KEY]: legacyIp, ...metadata } = row.metadata ?? {};
  const view: HistoryEntryView = {
    id: row.id,
    ticketId: row.ticketId,
    action: row.action as HistoryAction,
    fieldChanged: row.fieldChanged,
    oldValue: hidden ? null : row.oldValue,
    newValue: hidden ? null : row.newValue,
    user: users.get(row.userId) ?? unknownUser(row.userId),
    comment: hidden ? null : row.comment,
    metadata: row.metadata ? metadata : null,
    // An unreadable stored timestamp shows as '' instead of failing the whole timeline.
    createdAt: isoOrNull(row.createdAt) ?? '',
  };
  const subjectId = subjectIdOf(row);
  if (subjectId !== null) view.subject = users.get(subjectId) ?? unknownUser(subjectId);
  if (sees.clientAddress) view.ipAddress = row.ipAddress ?? (typeof legacyIp === 'string' ? legacyIp : null);
  return view;
}

/** The user an entry is about: the new assignee of an `assigned` entry (its newValue holds the user id). */
export function subjectIdOf(row: Pick<TicketHistoryEntity, 'action' | 'fieldChanged' | 'newValue'>): number | null {
  if (row.action !== 'assigned' || row.fieldChanged !== 'assigned_to' || row.newValue === null) return null;
  return /^\d{1,10}$/.test(row.newValue) ? Number(row.newValue) : null;
}

export class HistoryEntryDto implements HistoryEntryView {
  @ApiProperty() id: number;
  @ApiProperty() ticketId: number;
  @ApiProperty({ enum: HISTORY_ACTIONS }) action: HistoryAction;
  @ApiProperty({ type: String, nullable: true }) fieldChanged: string | null;
  @ApiProperty({ type: String, nullable: true }) oldValue: string | null;
  @ApiProperty({ type: String, nullable: true }) newValue: string | null;
  @ApiProperty({ type: UserSummaryDto }) user: UserSummaryDto;
  @ApiProperty({ type: String, nullable: true, description: 'Hidden for internal notes without ticket.view_internal' }) comment: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) metadata: Record<string, unknown> | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The client address; present only for callers holding ticket.manage' }) ipAddress?: string | null;
  @ApiPropertyOptional({ type: UserSummaryDto, nullable: true, description: 'The person the entry is about (the assignee of an assigned entry)' }) subject?: UserSummaryDto | null;
}
