import { Module } from '@nestjs/common';
import { CatalogRepository } from './catalog.repository';
import { CatalogController, ComponentsController, ServersController } from './inventory.controller';
import { InventoryService } from './inventory.service';
import { ServersRepository } from './servers.repository';
import { StockRepository } from './stock.repository';

@Module({
  controllers: [ServersController, ComponentsController, CatalogController],
  providers: [InventoryService, ServersRepository, StockRepository, CatalogRepository],
  exports: [InventoryService],
})
export class InventoryModule {}
