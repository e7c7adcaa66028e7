import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ListResult, SavedFilter } from '@bdc/contracts';
import type { AuthContext } from '../../access/auth-context';
import { CurrentAuth, RequirePermission } from '../../access/decorators';
import { ParseIdPipe } from '../parse-id.pipe';
import { TICKET_VIEW_PERMISSIONS } from '../ticket-access.service';
import { SavedFilterDto, SavedFilterListDto, SaveFilterDto } from './saved-filters.dto';
import { SavedFiltersService } from './saved-filters.service';

@ApiTags('tickets')
@Controller('saved-filters')
export class SavedFiltersController {
  constructor(private readonly filters: SavedFiltersService) {}

  @Get()
  @RequirePermission(...TICKET_VIEW_PERMISSIONS)
  @ApiOperation({ summary: "The caller's saved ticket-list filters, by name" })
  @ApiOkResponse({ type: SavedFilterListDto })
  list(@CurrentAuth() auth: AuthContext): Promise<ListResult<SavedFilter>> {
    return this.filters.list(auth);
  }

  @Post()
  @RequirePermission(...TICKET_VIEW_PERMISSIONS)
  @ApiOperation({ summary: 'Save the ticket list query under a name (replaces the filter of that name)' })
  @ApiCreatedResponse({ type: SavedFilterDto })
  save(@CurrentAuth() auth: AuthContext, @Body() body: SaveFilterDto): Promise<SavedFilter> {
    return this.filters.save(auth, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission(...TICKET_VIEW_PERMISSIONS)
  @ApiOperation({ summary: 'Delete one of your saved filters (404 for anyone else\'s)' })
  @ApiNoContentResponse()
  async remove(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number): Promise<void> {
    await this.filters.remove(auth, id);
  }
}
