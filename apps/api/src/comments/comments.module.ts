import { Module } from '@nestjs/common';
import { LiveEventsModule } from '../notifications/live/live-events.module';
import { AttachmentsModule } from '../attachments/attachments.module';
import { HistoryModule } from '../history/history.module';
import { TicketAccessModule } from '../tickets/ticket-access.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { UsersModule } from '../users/users.module';
import { CommentsController } from './comments.controller';
import { CommentsRepository } from './comments.repository';
import { CommentsService } from './comments.service';

@Module({
  imports: [TicketAccessModule, HistoryModule, UsersModule, AttachmentsModule, NotificationsModule, LiveEventsModule],
  controllers: [CommentsController],
  providers: [CommentsRepository, CommentsService],
  exports: [CommentsService],
})
export class CommentsModule {}
