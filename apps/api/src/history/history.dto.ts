import { ApiProperty } from '@nestjs/swagger';
import { HISTORY_ACTIONS, type HistoryAction, type HistoryEntryView, type UserSummary } from '@bdc/contracts';
import { UserSummaryDto } from '../users/users.dto';
import type { TicketHistoryEntity } from './ticket-history.entity';

/** Marks the history rows whose texts belong to an internal note. */
export const INTERNAL_METADATA_KEY = 'internal';

export function unknownUser(id: number): UserSummary {
  return { id, username: `user-${id}`, displayName: `Unknown user #${id}` };
}

export function toHistoryEntryView(row: TicketHistoryEntity, users: ReadonlyMap<number, UserSummary>, seesInternal: boolean): HistoryEntryView {
  const hidden = !seesInternal && row.metadata?.[INTERNAL_METADATA_KEY] === true;
  return {
    id: row.id,
    ticketId: row.ticketId,
    action: row.action as HistoryAction,
    fieldChanged: row.fieldChanged,
    oldValue: hidden ? null : row.oldValue,
    newValue: hidden ? null : row.newValue,
    user: users.get(row.userId) ?? unknownUser(row.userId),
    comment: hidden ? null : row.comment,
    metadata: row.metadata,
    createdAt: row.createdAt.toISOString(),
  };
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
}
