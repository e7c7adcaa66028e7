import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { CatalogController } from './catalog.controller';
import { CatalogRepository } from './catalog.repository';
import { CatalogService } from './catalog.service';
import { CatalogImportController } from './catalog-import/catalog-import.controller';
import { CatalogImportService } from './catalog-import/catalog-import.service';
import { InventoryService } from './inventory.service';
import { ServersController } from './servers.controller';
import { ServersRepository } from './servers.repository';
import { ServersService } from './servers.service';
import { StockController } from './stock.controller';
import { StockRepository } from './stock.repository';
import { StockService } from './stock.service';
import { UnitLogModule } from './unit-log.module';

@Module({
  imports: [UnitLogModule, UsersModule],
  // The import controller before the catalog's: its static path must not be read as a model UUID.
  controllers: [ServersController, StockController, CatalogImportController, CatalogController],
  providers: [InventoryService, ServersService, StockService, ServersRepository, StockRepository, CatalogRepository, CatalogService, CatalogImportService],
  exports: [InventoryService, CatalogImportService, ServersService],
})
export class InventoryModule {}
