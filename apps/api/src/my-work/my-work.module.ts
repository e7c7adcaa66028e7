import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { TicketAccessModule } from '../tickets/ticket-access.module';
import { TicketsModule } from '../tickets/tickets.module';
import { MyWorkController } from './my-work.controller';
import { MyWorkRepository } from './my-work.repository';
import { MyWorkService } from './my-work.service';

@Module({
  imports: [AccessModule, TicketAccessModule, TicketsModule],
  controllers: [MyWorkController],
  providers: [MyWorkRepository, MyWorkService],
})
export class MyWorkModule {}
