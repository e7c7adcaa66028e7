import { Module } from '@nestjs/common';
import { TicketAccessModule } from '../tickets/ticket-access.module';
import { UsersModule } from '../users/users.module';
import { LiveEventsModule } from './live/live-events.module';
import { NotificationWorker } from './notification-worker';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';

@Module({
  imports: [TicketAccessModule, UsersModule, LiveEventsModule],
  controllers: [NotificationsController],
  providers: [NotificationsRepository, NotificationsService, NotificationWorker],
  exports: [NotificationsService, NotificationWorker],
})
export class NotificationsModule {}
