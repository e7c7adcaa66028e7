import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { CatalogRepository } from './catalog.repository';
import { CatalogController } from './inventory.controller';
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
  controllers: [ServersController, StockController, CatalogController],
  providers: [InventoryService, ServersService, StockService, ServersRepository, StockRepository, CatalogRepository],
  exports: [InventoryService],
})
export class InventoryModule {}
