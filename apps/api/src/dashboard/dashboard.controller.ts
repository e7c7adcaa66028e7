import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Dashboard } from '@bdc/contracts';
import type { AuthContext } from '../access/auth-context';
import { CurrentAuth, RequirePermission } from '../access/decorators';
import { TICKET_VIEW_PERMISSIONS } from '../tickets/ticket-access.service';
import { DashboardDto, DashboardQueryDto } from './dashboard.dto';
import { DashboardService } from './dashboard.service';

@ApiTags('dashboard')
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  @RequirePermission(...TICKET_VIEW_PERMISSIONS)
  @ApiOperation({ summary: 'Analytics over the tickets the caller may see: open tickets, per-day flow, stage times, decision and rollback rates, workload, oldest waiting' })
  @ApiOkResponse({ type: DashboardDto })
  get(@CurrentAuth() auth: AuthContext, @Query() query: DashboardQueryDto): Promise<Dashboard> {
    return this.dashboard.dashboard(auth, query);
  }
}
