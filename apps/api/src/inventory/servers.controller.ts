import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ListResult, Page, ServerDetail, ServerHistoryEntry, ServerSummary } from '@bdc/contracts';
import type { AuthContext } from '../access/auth-context';
import { CurrentAuth, RequirePermission } from '../access/decorators';
import {
  CreateServerDto,
  DecommissionServerDto,
  ServerDetailDto,
  ServerHistoryPageDto,
  ServerHistoryQueryDto,
  ServerListDto,
  ServerListQueryDto,
  UpdateServerDto,
} from './servers.dto';
import { ServersService } from './servers.service';

@ApiTags('servers')
@Controller('servers')
export class ServersController {
  constructor(private readonly servers: ServersService) {}

  @Get()
  @RequirePermission('server.view')
  @ApiOperation({ summary: 'Servers (configurations), filtered by search text and status' })
  @ApiOkResponse({ type: ServerListDto })
  list(@CurrentAuth() auth: AuthContext, @Query() query: ServerListQueryDto): Promise<ListResult<ServerSummary>> {
    return this.servers.list(auth, query);
  }

  @Post()
  @RequirePermission('server.edit')
  @ApiOperation({ summary: 'Create a server (status draft unless given); 409 when the name is taken' })
  @ApiCreatedResponse({ type: ServerDetailDto })
  create(@CurrentAuth() auth: AuthContext, @Body() body: CreateServerDto): Promise<ServerDetail> {
    return this.servers.create(auth, body);
  }

  @Get(':uuid')
  @RequirePermission('server.view')
  @ApiOperation({ summary: 'One server: settings, installed components, the build by slot, and the link to its history' })
  @ApiOkResponse({ type: ServerDetailDto })
  @ApiNotFoundResponse({ description: 'SERVER_NOT_FOUND' })
  get(@CurrentAuth() auth: AuthContext, @Param('uuid') uuid: string): Promise<ServerDetail> {
    return this.servers.get(auth, uuid);
  }

  @Patch(':uuid')
  @RequirePermission('server.edit')
  @ApiOperation({ summary: 'Edit name, description, status, location, rack, rack unit, power budget, notes (409 once decommissioned)' })
  @ApiOkResponse({ type: ServerDetailDto })
  update(@CurrentAuth() auth: AuthContext, @Param('uuid') uuid: string, @Body() body: UpdateServerDto): Promise<ServerDetail> {
    return this.servers.update(auth, uuid, body);
  }

  @Post(':uuid/decommission')
  @HttpCode(200)
  @RequirePermission('server.edit')
  @ApiOperation({ summary: 'Decommission: refused (409) while open tickets target it or units are installed' })
  @ApiOkResponse({ type: ServerDetailDto })
  @ApiConflictResponse({ description: 'CONFLICT naming the open tickets, or the units still installed' })
  decommission(@CurrentAuth() auth: AuthContext, @Param('uuid') uuid: string, @Body() body: DecommissionServerDto): Promise<ServerDetail> {
    return this.servers.decommission(auth, uuid, body.reason);
  }

  @Get(':uuid/history')
  @RequirePermission('server.view')
  @ApiOperation({ summary: 'Every component that came into or went out of the server (or changed slot), newest first: when, by which ticket or direct edit, by whom' })
  @ApiOkResponse({ type: ServerHistoryPageDto })
  history(@CurrentAuth() auth: AuthContext, @Param('uuid') uuid: string, @Query() query: ServerHistoryQueryDto): Promise<Page<ServerHistoryEntry>> {
    return this.servers.history(auth, uuid, query.page, query.pageSize);
  }
}
