import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AccessAuditEntry, AccessMatrix, ListResult, Page, RoleView, UserPermissionsView } from '@bdc/contracts';
import type { AuthContext } from '../access/auth-context';
import { CurrentAuth, RequirePermission } from '../access/decorators';
import { ParseIdPipe } from '../tickets/parse-id.pipe';
import { UserListEntryDto, type UserListEntry } from '../users/users.dto';
import {
  AccessAuditPageDto,
  AccessAuditQueryDto,
  CreateRoleDto,
  CreateUserDto,
  ResetPasswordDto,
  RoleListDto,
  RoleViewDto,
  UpdateRoleDto,
  UpdateUserDto,
  UserPermissionsDto,
  UserPermissionsViewDto,
} from './access-admin.dto';
import { AccessAdminService } from './access-admin.service';

const LAST_ADMIN = 'CONFLICT: it would leave no active user with user.manage, or lock the caller out';

@ApiTags('access administration')
@Controller()
export class AccessAdminController {
  constructor(private readonly admin: AccessAdminService) {}

  @Post('users')
  @HttpCode(201)
  @RequirePermission('user.manage')
  @ApiOperation({ summary: 'Create a user with roles and an initial password (same rules as an own change)' })
  @ApiCreatedResponse({ type: UserListEntryDto })
  @ApiConflictResponse({ description: 'CONFLICT: the username is taken' })
  createUser(@CurrentAuth() auth: AuthContext, @Body() body: CreateUserDto): Promise<UserListEntry> {
    return this.admin.createUser(auth, body);
  }

  @Patch('users/:id')
  @RequirePermission('user.manage')
  @ApiOperation({ summary: "Change a user's names, email or roles (roles replace theirs, effective on their next request)" })
  @ApiOkResponse({ type: UserListEntryDto })
  @ApiConflictResponse({ description: LAST_ADMIN })
  updateUser(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() body: UpdateUserDto): Promise<UserListEntry> {
    return this.admin.updateUser(auth, id, body);
  }

  @Get('roles')
  @RequirePermission('user.manage')
  @ApiOperation({ summary: 'Every role with its grants and how many users hold it' })
  @ApiOkResponse({ type: RoleListDto })
  roles(): Promise<ListResult<RoleView>> {
    return this.admin.roles();
  }

  @Post('roles')
  @HttpCode(201)
  @RequirePermission('user.manage')
  @ApiOperation({ summary: 'Create a role with its grants' })
  @ApiCreatedResponse({ type: RoleViewDto })
  @ApiConflictResponse({ description: 'CONFLICT: a role of that name exists' })
  createRole(@CurrentAuth() auth: AuthContext, @Body() body: CreateRoleDto): Promise<RoleView> {
    return this.admin.createRole(auth, body);
  }

  @Patch('roles/:id')
  @RequirePermission('user.manage')
  @ApiOperation({ summary: "Rename a role, change its description or replace its grants (effective on its users' next request)" })
  @ApiOkResponse({ type: RoleViewDto })
  @ApiConflictResponse({ description: `${LAST_ADMIN}; or a built-in role's name, description or kept grants` })
  updateRole(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() body: UpdateRoleDto): Promise<RoleView> {
    return this.admin.updateRole(auth, id, body);
  }

  @Delete('roles/:id')
  @HttpCode(204)
  @RequirePermission('user.manage')
  @ApiOperation({ summary: 'Delete a role nobody holds and no ticket queue uses; built-in roles cannot be deleted' })
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'CONFLICT: built-in, held by users, or tickets wait in its queue' })
  async deleteRole(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number): Promise<void> {
    await this.admin.deleteRole(auth, id);
  }

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
