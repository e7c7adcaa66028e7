import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ComponentUnit, ListResult, Page, ServerDetail, ServerSummary } from '@bdc/contracts';
import type { AuthContext } from '../access/auth-context';
import { CurrentAuth, RequirePermission } from '../access/decorators';
import {
  ComponentListQueryDto,
  ComponentPageDto,
  ServerDetailDto,
  ServerListDto,
  ServerListQueryDto,
} from './inventory.dto';
import { InventoryService } from './inventory.service';

@ApiTags('servers')
@Controller('servers')
export class ServersController {
  constructor(private readonly inventory: InventoryService) {}

  @Get()
  @RequirePermission('server.view')
  @ApiOperation({ summary: 'Servers (configurations), filtered by search text and status' })
  @ApiOkResponse({ type: ServerListDto })
  list(@CurrentAuth() auth: AuthContext, @Query() query: ServerListQueryDto): Promise<ListResult<ServerSummary>> {
    return this.inventory.listServers(auth, query);
  }

  @Get(':uuid')
  @RequirePermission('server.view')
  @ApiOperation({ summary: 'One server with its installed components' })
  @ApiOkResponse({ type: ServerDetailDto })
  @ApiNotFoundResponse({ description: 'SERVER_NOT_FOUND' })
  get(@CurrentAuth() auth: AuthContext, @Param('uuid') uuid: string): Promise<ServerDetail> {
    return this.inventory.getServer(auth, uuid);
  }
}

@ApiTags('inventory')
@Controller('components')
export class ComponentsController {
  constructor(private readonly inventory: InventoryService) {}

  @Get()
  @RequirePermission('inventory.view')
  @ApiOperation({ summary: 'Stock units (one per serial number); `uuid` is the catalog model' })
  @ApiOkResponse({ type: ComponentPageDto })
  list(@CurrentAuth() auth: AuthContext, @Query() query: ComponentListQueryDto): Promise<Page<ComponentUnit>> {
    return this.inventory.listComponents(auth, query);
  }
}
