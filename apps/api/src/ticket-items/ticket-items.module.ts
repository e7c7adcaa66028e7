import { Module } from '@nestjs/common';

// Placeholder: filled in by the ticket-items feature work.
@Module({})
export class TicketItemsModule {}
