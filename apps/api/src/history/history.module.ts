import { Module } from '@nestjs/common';
import { TicketAccessModule } from '../tickets/ticket-access.module';
import { UsersModule } from '../users/users.module';
import { HistoryController } from './history.controller';
import { HistoryRepository } from './history.repository';
import { HistoryService } from './history.service';

@Module({
  imports: [TicketAccessModule, UsersModule],
  controllers: [HistoryController],
  providers: [HistoryRepository, HistoryService],
  exports: [HistoryService],
})
export class HistoryModule {}
