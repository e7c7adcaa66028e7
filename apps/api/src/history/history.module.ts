import { Module } from '@nestjs/common';
import { LiveEventsModule } from '../notifications/live/live-events.module';
import { TicketAccessModule } from '../tickets/ticket-access.module';
import { UsersModule } from '../users/users.module';
import { HistoryController } from './history.controller';
import { HistoryRepository } from './history.repository';
import { HistoryService } from './history.service';

@Module({
  imports: [TicketAccessModule, UsersModule, LiveEventsModule],
  controllers: [HistoryController],
  providers: [HistoryRepository, HistoryService],
  exports: [HistoryService],
})
export class HistoryModule {}
