import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CatalogModel, ListResult } from '@bdc/contracts';
import type { AuthContext } from '../access/auth-context';
import { CurrentAuth, RequirePermission } from '../access/decorators';
import { CatalogListDto, CatalogQueryDto } from './inventory.dto';
import { InventoryService } from './inventory.service';

@ApiTags('inventory')
@Controller('catalog')
export class CatalogController {
  constructor(private readonly inventory: InventoryService) {}

  @Get()
  @RequirePermission('inventory.view')
  @ApiOperation({ summary: 'Component models with their specifications and spare units available' })
  @ApiOkResponse({ type: CatalogListDto })
  list(@CurrentAuth() auth: AuthContext, @Query() query: CatalogQueryDto): Promise<ListResult<CatalogModel>> {
    return this.inventory.listCatalog(auth, query);
  }
}
