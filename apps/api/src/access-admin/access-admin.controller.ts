import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AccessAuditEntry, AccessMatrix, Page, UserPermissionsView } from '@bdc/contracts';
import type { AuthContext } from '../access/auth-context';
import { CurrentAuth, RequirePermission } from '../access/decorators';
import { ParseIdPipe } from '../tickets/parse-id.pipe';
import { UserListEntryDto, type UserListEntry } from '../users/users.dto';
import { AccessAuditPageDto, AccessAuditQueryDto, ResetPasswordDto, UserPermissionsDto, UserPermissionsViewDto } from './access-admin.dto';
import { AccessAdminService } from './access-admin.service';

const LAST_ADMIN = 'CONFLICT: it would leave no active user with user.manage, or lock the caller out';

@ApiTags('access administration')
@Controller()
export class AccessAdminController {
  constructor(private readonly admin: AccessAdminService) {}

  @Post('users/:id/disable')
  @HttpCode(200)
  @RequirePermission('user.manage')
  @ApiOperation({ summary: 'Disable a user: their sessions end and their API tokens stop working' })
  @ApiOkResponse({ type: UserListEntryDto })
  @ApiConflictResponse({ description: LAST_ADMIN })
  disable(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number): Promise<UserListEntry> {
    return this.admin.setStatus(auth, id, false);
  }

  @Post('users/:id/enable')
  @HttpCode(200)
  @RequirePermission('user.manage')
  @ApiOperation({ summary: 'Enable a disabled user again' })
  @ApiOkResponse({ type: UserListEntryDto })
  enable(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number): Promise<UserListEntry> {
    return this.admin.setStatus(auth, id, true);
  }

  @Post('users/:id/password')
  @HttpCode(204)
  @RequirePermission('user.manage')
  @ApiOperation({ summary: "Set a user's password (same rules as an own change); their sessions end" })
  @ApiNoContentResponse()
  async resetPassword(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() body: ResetPasswordDto): Promise<void> {
    await this.admin.resetPassword(auth, id, body.newPassword);
  }

  @Get('users/:id/permissions')
  @RequirePermission('user.manage')
  @ApiOperation({ summary: "A user's personal grants and denials, and what they may do in effect" })
  @ApiOkResponse({ type: UserPermissionsViewDto })
  permissions(@Param('id', ParseIdPipe) id: number): Promise<UserPermissionsView> {
    return this.admin.permissions(id);
  }

  @Put('users/:id/permissions')
  @RequirePermission('user.manage')
  @ApiOperation({ summary: "Replace a user's personal grants and denials (a denial wins over their roles), effective on their next request" })
  @ApiOkResponse({ type: UserPermissionsViewDto })
  @ApiConflictResponse({ description: LAST_ADMIN })
  setPermissions(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() body: UserPermissionsDto): Promise<UserPermissionsView> {
    return this.admin.setPermissions(auth, id, body.grants, body.denials);
  }

  @Get('access/matrix')
  @RequirePermission('user.manage')
  @ApiOperation({ summary: 'Who can do what: permissions × users, each cell with its sources (role name, personal grant, denial)' })
  @ApiOkResponse({ description: 'AccessMatrix (see @bdc/contracts)' })
  matrix(): Promise<AccessMatrix> {
    return this.admin.matrix();
  }

  @Get('access/audit')
  @RequirePermission('user.manage')
  @ApiOperation({ summary: 'Every change to access (who, when, what, before and after), newest first' })
  @ApiOkResponse({ type: AccessAuditPageDto })
  audit(@Query() query: AccessAuditQueryDto): Promise<Page<AccessAuditEntry>> {
    return this.admin.auditPage(query);
  }
}
