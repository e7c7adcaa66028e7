import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MyWork } from '@bdc/contracts';
import type { AuthContext } from '../access/auth-context';
import { CurrentAuth, RequirePermission } from '../access/decorators';
import { TICKET_VIEW_PERMISSIONS } from '../tickets/ticket-access.service';
import { MyWorkDto } from './my-work.dto';
import { MyWorkService } from './my-work.service';

@ApiTags('my-work')
@Controller('my-work')
export class MyWorkController {
  constructor(private readonly myWork: MyWorkService) {}

  @Get()
  @RequirePermission(...TICKET_VIEW_PERMISSIONS)
  @ApiOperation({ summary: 'What waits for the caller: to approve, assigned, role queues, own requests, scheduled today, overdue (counts and the first few)' })
  @ApiOkResponse({ type: MyWorkDto })
  get(@CurrentAuth() auth: AuthContext): Promise<MyWork> {
    return this.myWork.get(auth);
  }

  @Post('seen')
  @HttpCode(200)
  @RequirePermission(...TICKET_VIEW_PERMISSIONS)
  @ApiOperation({ summary: 'Records this visit: later changes on the caller’s requests count as changed since the last visit' })
  @ApiOkResponse({ schema: { type: 'object', properties: { lastVisitAt: { type: 'string', format: 'date-time' } } } })
  seen(@CurrentAuth() auth: AuthContext): Promise<{ lastVisitAt: string }> {
    return this.myWork.markSeen(auth);
  }
}
