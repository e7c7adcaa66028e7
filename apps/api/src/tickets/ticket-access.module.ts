import { Module } from '@nestjs/common';
import { TicketAccessService } from './ticket-access.service';
import { TicketsRepository } from './tickets.repository';

/**
 * The ticket policy and repository on their own, so history and comments can check access without
 * importing the whole tickets module (which itself needs history).
 */
@Module({
  providers: [TicketsRepository, TicketAccessService],
  exports: [TicketsRepository, TicketAccessService],
})
export class TicketAccessModule {}
