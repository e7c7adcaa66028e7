import { Body, Controller, Delete, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { ServerDetail } from '@bdc/contracts';
import type { AuthContext } from '../access/auth-context';
import { CurrentAuth, RequirePermission } from '../access/decorators';
import { ParseIdPipe } from '../tickets/parse-id.pipe';
import { InstallUnitDto, RemoveUnitQueryDto } from './direct-edit.dto';
import { DirectEditService } from './direct-edit.service';
import { ServerDetailDto } from './servers.dto';

@ApiTags('servers')
@Controller('servers')
export class DirectEditController {
  constructor(private readonly edits: DirectEditService) {}

  @Post(':uuid/components')
  @HttpCode(200)
  @RequirePermission('server.edit')
  @ApiOperation({ summary: 'Direct edit: install an available stock unit (by id or serial, optional slot), judged by the compatibility engine like a ticket; answers the server' })
  @ApiOkResponse({ type: ServerDetailDto })
  @ApiNotFoundResponse({ description: 'SERVER_NOT_FOUND, COMPONENT_NOT_FOUND' })
  @ApiConflictResponse({ description: 'CONFLICT: an open ticket holds the unit or the server (named), the unit is not available, the slot is taken, or the server is decommissioned' })
  @ApiUnprocessableEntityResponse({ description: 'ITEMS_INVALID: the build after the edit would break an error-level rule (details.rules, items, build)' })
  install(@CurrentAuth() auth: AuthContext, @Param('uuid') uuid: string, @Body() body: InstallUnitDto): Promise<ServerDetail> {
    return this.edits.install(auth, uuid, body);
  }

  @Delete(':uuid/components/:unitId')
  @RequirePermission('server.edit')
  @ApiOperation({ summary: 'Direct edit: take an installed unit out, back to stock (default), failed or retired; dependency rules apply; answers the server' })
  @ApiOkResponse({ type: ServerDetailDto })
  @ApiNotFoundResponse({ description: 'SERVER_NOT_FOUND, COMPONENT_NOT_FOUND' })
  @ApiConflictResponse({ description: 'CONFLICT: an open ticket holds the unit or the server (named), or the unit is not installed in this server' })
  @ApiUnprocessableEntityResponse({ description: 'ITEMS_INVALID: the build after the removal would break an error-level rule' })
  remove(@CurrentAuth() auth: AuthContext, @Param('uuid') uuid: string, @Param('unitId', ParseIdPipe) unitId: number, @Query() query: RemoveUnitQueryDto): Promise<ServerDetail> {
    return this.edits.remove(auth, uuid, unitId, query.destination, query.note);
  }
}
