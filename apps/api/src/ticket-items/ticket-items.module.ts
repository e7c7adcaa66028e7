import { Module } from '@nestjs/common';
import { HistoryModule } from '../history/history.module';
import { UnitLogModule } from '../inventory/unit-log.module';
import { InventoryFulfilmentService } from './inventory-fulfilment.service';
import { ItemValidationService } from './item-validation.service';
import { ItemStockRepository } from './item-stock.repository';
import { TicketItemsRepository } from './ticket-items.repository';
import { UnitMovesService } from './unit-moves.service';

/** Ticket items: validation against the inventory, stock reservation and fulfilment. */
@Module({
  imports: [HistoryModule, UnitLogModule],
  providers: [ItemStockRepository, TicketItemsRepository, ItemValidationService, UnitMovesService, InventoryFulfilmentService],
  exports: [ItemStockRepository, TicketItemsRepository, ItemValidationService, UnitMovesService, InventoryFulfilmentService],
})
export class TicketItemsModule {}
