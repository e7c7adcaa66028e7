import { Module } from '@nestjs/common';
import { TicketItemsModule } from '../ticket-items/ticket-items.module';
import { CandidatesController } from './candidates.controller';
import { CandidatesRepository } from './candidates.repository';
import { CandidatesService } from './candidates.service';

/** Build-aware pickers: apart from InventoryModule because they need ticket-item validation. */
@Module({
  imports: [TicketItemsModule],
  controllers: [CandidatesController],
  providers: [CandidatesRepository, CandidatesService],
})
export class CandidatesModule {}
