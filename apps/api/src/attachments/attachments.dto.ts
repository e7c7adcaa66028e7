import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AttachmentView, UserSummary } from '@bdc/contracts';
import { IsIn, IsOptional } from 'class-validator';
import { isoOrNull } from '../common/strict-date-time';
import { unknownUser } from '../history/history.dto';
import { UserSummaryDto } from '../users/users.dto';
import { IMAGE_MIME_TYPES } from './attachment-types';
import type { TicketAttachmentEntity } from './ticket-attachment.entity';

export function toAttachmentView(row: TicketAttachmentEntity, users: ReadonlyMap<number, UserSummary>): AttachmentView {
  return {
    id: row.id,
    ticketId: row.ticketId,
    commentId: row.commentId,
    filename: row.originalFilename,
    size: row.fileSize,
    mimeType: row.mimeType,
    isImage: IMAGE_MIME_TYPES.has(row.mimeType),
    uploadedBy: users.get(row.uploadedBy) ?? unknownUser(row.uploadedBy),
    uploadedAt: isoOrNull(row.uploadedAt) ?? '',
  };
}

export class AttachmentDownloadQueryDto {
  @ApiPropertyOptional({ description: '1: images (PNG, JPEG) are sent inline for a preview; other types are always downloads', enum: ['1', '0', 'true', 'false'] })
  @IsOptional()
  @IsIn(['1', '0', 'true', 'false'])
  inline?: '1' | '0' | 'true' | 'false';
}

export class AttachmentViewDto implements AttachmentView {
  @ApiProperty() id: number;
  @ApiProperty() ticketId: number;
  @ApiProperty({ type: Number, nullable: true }) commentId: number | null;
  @ApiProperty({ description: 'The name it was uploaded with' }) filename: string;
  @ApiProperty({ description: 'Bytes' }) size: number;
  @ApiProperty({ description: 'Detected from the content' }) mimeType: string;
  @ApiProperty() isImage: boolean;
  @ApiProperty({ type: UserSummaryDto }) uploadedBy: UserSummaryDto;
  @ApiProperty({ format: 'date-time' }) uploadedAt: string;
}
