import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ListResult, UserSummary } from '@bdc/contracts';
import type { AuthContext } from '../access/auth-context';
import { CurrentAuth, RequirePermission } from '../access/decorators';
import { UserListDto, UserSummaryListDto, type UserListEntry } from './users.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('assignees')
  @RequirePermission('ticket.assign')
  @ApiOperation({ summary: 'Active users who may be assigned a ticket (they hold ticket.deploy)' })
  @ApiOkResponse({ type: UserSummaryListDto })
  assignees(@CurrentAuth() auth: AuthContext): Promise<ListResult<UserSummary>> {
    return this.users.assignees(auth);
  }

  @Get()
  @RequirePermission('user.manage')
  @ApiOperation({ summary: 'All users with their roles' })
  @ApiOkResponse({ type: UserListDto })
  list(@CurrentAuth() auth: AuthContext): Promise<ListResult<UserListEntry>> {
    return this.users.list(auth);
  }
}
