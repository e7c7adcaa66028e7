import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { TicketDetail, TicketPage, ValidationReport } from '@bdc/contracts';
import type { AuthContext } from '../access/auth-context';
import { CurrentAuth, RequirePermission } from '../access/decorators';
import { ParseIdPipe } from './parse-id.pipe';
import { TICKET_VIEW_PERMISSIONS } from './ticket-access.service';
import { TicketDetailDto, TicketPageDto, ValidationReportDto } from './ticket-views.dto';
import { CreateTicketDto, TicketListQueryDto, UpdateTicketDto, ValidateItemsDto } from './tickets.dto';
import { TicketsService } from './tickets.service';

@ApiTags('tickets')
@Controller('tickets')
export class TicketsController {
  constructor(private readonly tickets: TicketsService) {}

  @Post()
  @RequirePermission('ticket.create')
  @ApiOperation({ summary: 'Create a ticket: pending, or draft with `draft: true` (422 ITEMS_INVALID when a non-draft has invalid items)' })
  @ApiCreatedResponse({ type: TicketDetailDto })
  create(@CurrentAuth() auth: AuthContext, @Body() body: CreateTicketDto): Promise<TicketDetail> {
    return this.tickets.create(auth, body);
  }

  @Get()
  @RequirePermission(...TICKET_VIEW_PERMISSIONS)
  @ApiOperation({ summary: 'Tickets the caller may see, filtered, searched, sorted and paginated' })
  @ApiOkResponse({ type: TicketPageDto })
  list(@CurrentAuth() auth: AuthContext, @Query() query: TicketListQueryDto): Promise<TicketPage> {
    return this.tickets.list(auth, query);
  }

  @Post('validate-items')
  @HttpCode(200)
  @RequirePermission('ticket.create')
  @ApiOperation({ summary: 'Dry run of item validation against a server (nothing is saved)' })
  @ApiOkResponse({ type: ValidationReportDto })
  validateItems(@CurrentAuth() auth: AuthContext, @Body() body: ValidateItemsDto): Promise<ValidationReport> {
    return this.tickets.validateItems(auth, body);
  }

  @Get(':id')
  @RequirePermission(...TICKET_VIEW_PERMISSIONS)
  @ApiOperation({ summary: 'One ticket with its items, names and the actions this caller may take (404 when not visible)' })
  @ApiOkResponse({ type: TicketDetailDto })
  get(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number): Promise<TicketDetail> {
    return this.tickets.get(auth, id);
  }

  @Patch(':id')
  @RequirePermission('ticket.edit_own', 'ticket.manage')
  @ApiOperation({ summary: 'Edit: the owner while draft or rejected, ticket.manage while not terminal; `items` replaces the list' })
  @ApiOkResponse({ type: TicketDetailDto })
  update(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() body: UpdateTicketDto): Promise<TicketDetail> {
    return this.tickets.update(auth, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('ticket.delete')
  @ApiOperation({ summary: 'Delete permanently; reservations are released (409 while deployed)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  remove(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number): Promise<void> {
    return this.tickets.remove(auth, id);
  }
}
