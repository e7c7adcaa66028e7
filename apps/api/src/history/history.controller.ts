import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HistoryEntryView } from '@bdc/contracts';
import type { AuthContext } from '../access/auth-context';
import { CurrentAuth, RequirePermission } from '../access/decorators';
import { ParseIdPipe } from '../tickets/parse-id.pipe';
import { TICKET_VIEW_PERMISSIONS } from '../tickets/ticket-access.service';
import { HistoryEntryDto } from './history.dto';
import { HistoryService } from './history.service';

@ApiTags('tickets')
@Controller('tickets/:id/history')
export class HistoryController {
  constructor(private readonly history: HistoryService) {}

  @Get()
  @RequirePermission(...TICKET_VIEW_PERMISSIONS)
  @ApiOperation({ summary: 'The audit trail of a ticket, oldest first (404 when the caller cannot see the ticket)' })
  @ApiOkResponse({ type: [HistoryEntryDto] })
  list(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number): Promise<HistoryEntryView[]> {
    return this.history.list(auth, id);
  }
}
