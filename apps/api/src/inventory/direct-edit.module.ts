import { Module } from '@nestjs/common';
import { TicketItemsModule } from '../ticket-items/ticket-items.module';
import { DirectEditController } from './direct-edit.controller';
import { DirectEditRepository } from './direct-edit.repository';
import { DirectEditService } from './direct-edit.service';
import { InventoryModule } from './inventory.module';

/** Direct server edits: apart from InventoryModule because they move stock with the ticket fulfilment's code. */
@Module({
  imports: [TicketItemsModule, InventoryModule],
  controllers: [DirectEditController],
  providers: [DirectEditRepository, DirectEditService],
})
export class DirectEditModule {}
