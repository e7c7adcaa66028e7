import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { COMMENT_TYPES, LIMITS, isOneOf, type AttachmentView, type CommentType, type CommentView, type CreateCommentRequest, type UpdateCommentRequest, type UserSummary } from '@bdc/contracts';
import { IsBoolean, IsOptional } from 'class-validator';
import { AttachmentViewDto } from '../attachments/attachments.dto';
import { isoOrNull } from '../common/strict-date-time';
import { TextRules } from '../common/text-rules';
import { unknownUser } from '../history/history.dto';
import { UserSummaryDto } from '../users/users.dto';
import type { TicketCommentEntity } from './ticket-comment.entity';

export class CreateCommentDto implements CreateCommentRequest {
  @ApiProperty({ maxLength: LIMITS.commentMax })
  @TextRules({ max: LIMITS.commentMax, kind: 'multi-line', required: true })
  comment: string;

  @ApiPropertyOptional({ description: 'An internal note, visible only with ticket.view_internal (which writing one also needs)' })
  @IsOptional()
  @IsBoolean()
  internal?: boolean;
}

export class UpdateCommentDto extends PickType(CreateCommentDto, ['comment'] as const) implements UpdateCommentRequest {}

export function toCommentView(row: TicketCommentEntity, users: ReadonlyMap<number, UserSummary>, attachments: AttachmentView[]): CommentView {
  return {
    id: row.id,
    ticketId: row.ticketId,
    comment: row.comment,
    commentType: isOneOf(COMMENT_TYPES, row.commentType) ? row.commentType : 'comment',
    isInternal: row.isInternal,
    author: users.get(row.userId) ?? unknownUser(row.userId),
    // A stored timestamp that cannot be read (a bad import) shows as empty rather than failing the list.
    createdAt: isoOrNull(row.createdAt) ?? '',
    updatedAt: isoOrNull(row.updatedAt) ?? '',
    edited: row.edited,
    attachments,
  };
}

export class CommentViewDto implements CommentView {
  @ApiProperty() id: number;
  @ApiProperty() ticketId: number;
  @ApiProperty() comment: string;
  @ApiProperty({ enum: COMMENT_TYPES }) commentType: CommentType;
  @ApiProperty() isInternal: boolean;
  @ApiProperty({ type: UserSummaryDto }) author: UserSummaryDto;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty() edited: boolean;
  @ApiProperty({ type: [AttachmentViewDto] }) attachments: AttachmentViewDto[];
}
