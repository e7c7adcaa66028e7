import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  NOTIFICATION_EVENTS,
  type MentionableUser,
  type NotificationEvent,
  type NotificationListQuery,
  type NotificationPreference,
  type NotificationPreferences,
  type NotificationView,
  type Page,
  type UnreadCount,
} from '@bdc/contracts';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import { PageQueryDto } from '../common/page-query.dto';

const booleanQuery = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class NotificationListQueryDto extends PageQueryDto implements NotificationListQuery {
  @ApiPropertyOptional({ description: 'Only unread notifications' })
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean({ message: 'unread must be true or false' })
  unread?: boolean;
}

export class NotificationViewDto implements NotificationView {
  @ApiProperty() id: number;
  @ApiProperty() ticketId: number;
  @ApiProperty({ type: String, nullable: true }) ticketNumber: string | null;
  @ApiProperty({ enum: NOTIFICATION_EVENTS }) event: NotificationEvent;
  @ApiProperty() subject: string;
  @ApiProperty() message: string;
  @ApiProperty({ type: String, nullable: true }) actorName: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt: string | null;
}

export class NotificationPageDto implements Page<NotificationView> {
  @ApiProperty({ type: [NotificationViewDto] }) items: NotificationViewDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class UnreadCountDto implements UnreadCount {
  @ApiProperty() unread: number;
}

export class NotificationPreferenceDto implements NotificationPreference {
  @ApiProperty({ enum: NOTIFICATION_EVENTS })
  @IsIn(NOTIFICATION_EVENTS, { message: `event must be one of ${NOTIFICATION_EVENTS.join(', ')}` })
  event: NotificationEvent;

  @ApiProperty({ description: 'Send an email for this event (in-app notifications are always kept)' })
  @IsBoolean()
  email: boolean;
}

/** PUT: the events listed are set; events not listed keep their setting. */
export class NotificationPreferencesDto implements NotificationPreferences {
  @ApiProperty({ type: [NotificationPreferenceDto] })
  @IsArray()
  @ArrayMaxSize(NOTIFICATION_EVENTS.length)
  @ValidateNested({ each: true })
  @Type(() => NotificationPreferenceDto)
  items: NotificationPreferenceDto[];
}

export class MentionableQueryDto {
  @ApiProperty({ description: 'The ticket the comment is on: only users who can see it are offered' })
  @Type(() => Number)
  @IsInt({ message: 'ticketId must be an integer' })
  @Min(1)
  ticketId: number;

  @ApiPropertyOptional({ description: 'Start of a username or name', maxLength: 30 })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  q?: string;

  @ApiPropertyOptional({ description: 'For an internal note: only users who may read internal notes' })
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean({ message: 'internal must be true or false' })
  internal?: boolean;
}

export class MentionableUserDto implements MentionableUser {
  @ApiProperty() id: number;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
}
