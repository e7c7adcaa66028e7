import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { ListResult, UserSummary } from '@bdc/contracts';
import type { AuthContext } from '../access/auth-context';
import { CurrentAuth, RequirePermission } from '../access/decorators';
import { UserSummaryListDto } from '../users/users.dto';
import { ParseIdPipe } from './parse-id.pipe';
import { TICKET_VIEW_PERMISSIONS } from './ticket-access.service';
import { TicketExportService } from './ticket-export.service';
import { TicketListQueryDto } from './tickets.dto';

@ApiTags('tickets')
@Controller('tickets')
export class TicketExportController {
  constructor(private readonly exports: TicketExportService) {}

  @Get('export.csv')
  @RequirePermission(...TICKET_VIEW_PERMISSIONS)
  @ApiOperation({ summary: "The ticket list as CSV: the list's filters and order, every page (page and pageSize are ignored), streamed" })
  @ApiProduces('text/csv')
  async exportCsv(@CurrentAuth() auth: AuthContext, @Query() query: TicketListQueryDto): Promise<StreamableFile> {
    return new StreamableFile(await this.exports.ticketsCsv(auth, query), { type: 'text/csv; charset=utf-8', disposition: 'attachment; filename="tickets.csv"' });
  }

  @Get('requesters')
  @RequirePermission(...TICKET_VIEW_PERMISSIONS)
  @ApiOperation({ summary: 'The people who filed the tickets the caller may see (the choices of the requester filter)' })
  @ApiOkResponse({ type: UserSummaryListDto })
  async requesters(@CurrentAuth() auth: AuthContext): Promise<ListResult<UserSummary>> {
    const items = await this.exports.requesters(auth);
    return { items, total: items.length };
  }

  @Get(':id/history.csv')
  @RequirePermission(...TICKET_VIEW_PERMISSIONS)
  @ApiOperation({ summary: "A ticket's history as CSV, oldest first (404 when the caller cannot see the ticket)" })
  @ApiProduces('text/csv')
  async historyCsv(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number): Promise<StreamableFile> {
    return new StreamableFile(await this.exports.historyCsv(auth, id), { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="ticket-${id}-history.csv"` });
  }
}
