import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MentionableUser, NotificationPreferences, NotificationView, Page, UnreadCount } from '@bdc/contracts';
import type { AuthContext } from '../access/auth-context';
import { CurrentAuth, RequirePermission } from '../access/decorators';
import { ParseIdPipe } from '../tickets/parse-id.pipe';
import { MentionableQueryDto, MentionableUserDto, NotificationListQueryDto, NotificationPageDto, NotificationPreferencesDto, NotificationViewDto, UnreadCountDto } from './notifications.dto';
import { NotificationsService } from './notifications.service';

/** The caller's own notifications: any signed-in user has an inbox, and sees only theirs. */
@ApiTags('notifications')
@Controller()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('notifications')
  @ApiOperation({ summary: "The caller's notifications, newest first (unread=true: only unread ones)" })
  @ApiOkResponse({ type: NotificationPageDto })
  list(@CurrentAuth() auth: AuthContext, @Query() query: NotificationListQueryDto): Promise<Page<NotificationView>> {
    return this.notifications.list(auth, query);
  }

  @Get('notifications/unread-count')
  @ApiOperation({ summary: 'How many of the caller’s notifications are unread (the bell)' })
  @ApiOkResponse({ type: UnreadCountDto })
  unreadCount(@CurrentAuth() auth: AuthContext): Promise<UnreadCount> {
    return this.notifications.unreadCount(auth);
  }

  @Post('notifications/read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark all of the caller’s notifications read; answers the new unread count (0)' })
  @ApiOkResponse({ type: UnreadCountDto })
  readAll(@CurrentAuth() auth: AuthContext): Promise<UnreadCount> {
    return this.notifications.markAllRead(auth);
  }

  @Post('notifications/:id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one notification read (404 for someone else’s)' })
  @ApiOkResponse({ type: NotificationViewDto })
  read(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number): Promise<NotificationView> {
    return this.notifications.markRead(auth, id);
  }

  @Get('notifications/preferences')
  @ApiOperation({ summary: 'Email on or off for each event (in-app notifications are always kept)' })
  @ApiOkResponse({ type: NotificationPreferencesDto })
  preferences(@CurrentAuth() auth: AuthContext): Promise<NotificationPreferences> {
    return this.notifications.preferences(auth);
  }

  @Put('notifications/preferences')
  @ApiOperation({ summary: 'Set email on or off for the events listed; the others keep their setting' })
  @ApiOkResponse({ type: NotificationPreferencesDto })
  setPreferences(@CurrentAuth() auth: AuthContext, @Body() body: NotificationPreferencesDto): Promise<NotificationPreferences> {
    return this.notifications.setPreferences(auth, body);
  }

  @Get('users/mentionable')
  @RequirePermission('ticket.comment')
  @ApiOperation({ summary: 'Users an @mention in a comment on the ticket would reach (who can see it), for autocomplete; 404 when the caller cannot see the ticket' })
  @ApiOkResponse({ type: [MentionableUserDto] })
  mentionable(@CurrentAuth() auth: AuthContext, @Query() query: MentionableQueryDto): Promise<MentionableUser[]> {
    return this.notifications.mentionable(auth, query.ticketId, query.q ?? '', query.internal === true);
  }
}
