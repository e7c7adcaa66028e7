import { Module } from '@nestjs/common';
import { CatalogController } from './catalog.controller';
import { CatalogRepository } from './catalog.repository';
import { CatalogService } from './catalog.service';
import { CatalogImportController } from './catalog-import/catalog-import.controller';
import { CatalogImportService } from './catalog-import/catalog-import.service';
import { ComponentsController, ServersController } from './inventory.controller';
import { InventoryService } from './inventory.service';
import { ServersRepository } from './servers.repository';
import { StockRepository } from './stock.repository';

@Module({
  // The import controller first: its static path must not be read as a model UUID.
  controllers: [ServersController, ComponentsController, CatalogImportController, CatalogController],
  providers: [InventoryService, ServersRepository, StockRepository, CatalogRepository, CatalogService, CatalogImportService],
  exports: [InventoryService, CatalogImportService],
})
export class InventoryModule {}
