import { Module } from '@nestjs/common';
import { HistoryModule } from '../history/history.module';
import { TicketAccessModule } from '../tickets/ticket-access.module';
import { UsersModule } from '../users/users.module';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsRepository } from './attachments.repository';
import { AttachmentsService } from './attachments.service';

@Module({
  imports: [TicketAccessModule, HistoryModule, UsersModule],
  controllers: [AttachmentsController],
  providers: [AttachmentsRepository, AttachmentsService],
  exports: [AttachmentsService],
})
export class AttachmentsModule {}
