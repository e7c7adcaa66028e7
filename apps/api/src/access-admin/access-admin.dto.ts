import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import {
  ACCESS_AUDIT_ACTIONS,
  ACCOUNT_RULES,
  ACCESS_AUDIT_TARGETS,
  LIMITS,
  PASSWORD_RULES,
  PERMISSIONS,
  type AccessAuditAction,
  type AccessAuditEntry,
  type AccessAuditQuery,
  type AccessAuditTarget,
  type CreateRoleRequest,
  type CreateUserRequest,
  type Page,
  type Permission,
  type ResetPasswordRequest,
  type RoleView,
  type UpdateRoleRequest,
  type UpdateUserRequest,
  type UserPermissionsRequest,
  type UserPermissionsView,
} from '@bdc/contracts';
import { PageQueryDto } from '../common/page-query.dto';
import { EmailAddress, MaxChars, Present, TextRules } from '../common/text-rules';

export class ResetPasswordDto implements ResetPasswordRequest {
  @ApiProperty({ minLength: PASSWORD_RULES.minLength, maxLength: LIMITS.passwordMax, description: 'Not a common password, not the username' })
  @IsString()
  @IsNotEmpty()
  @MaxChars(LIMITS.passwordMax)
  newPassword: string;
}

export class UserPermissionsDto implements UserPermissionsRequest {
  @ApiProperty({ enum: PERMISSIONS, isArray: true, description: 'Given to the user on top of their roles' })
  @IsArray()
  @ArrayMaxSize(PERMISSIONS.length)
  @IsIn(PERMISSIONS, { each: true })
  grants: Permission[];

  @ApiProperty({ enum: PERMISSIONS, isArray: true, description: 'Taken away even where a role of the user gives it' })
  @IsArray()
  @ArrayMaxSize(PERMISSIONS.length)
  @IsIn(PERMISSIONS, { each: true })
  denials: Permission[];
}

export class UserPermissionsViewDto implements UserPermissionsView {
  @ApiProperty() userId: number;
  @ApiProperty({ enum: PERMISSIONS, isArray: true }) grants: Permission[];
  @ApiProperty({ enum: PERMISSIONS, isArray: true }) denials: Permission[];
  @ApiProperty({ enum: PERMISSIONS, isArray: true }) effective: Permission[];
}

export class AccessAuditQueryDto extends PageQueryDto implements AccessAuditQuery {
  @ApiPropertyOptional({ enum: ACCESS_AUDIT_ACTIONS })
  @IsOptional()
  @IsIn(ACCESS_AUDIT_ACTIONS)
  action?: AccessAuditAction;

  @ApiPropertyOptional({ enum: ACCESS_AUDIT_TARGETS })
  @IsOptional()
  @IsIn(ACCESS_AUDIT_TARGETS)
  targetType?: AccessAuditTarget;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(LIMITS.idMax)
  targetId?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(LIMITS.idMax)
  actorId?: number;
}

export class AccessAuditEntryDto implements AccessAuditEntry {
  @ApiProperty() id: number;
  @ApiProperty({ type: Number, nullable: true }) actorId: number | null;
  @ApiProperty() actorUsername: string;
  @ApiProperty({ enum: ACCESS_AUDIT_ACTIONS }) action: AccessAuditAction;
  @ApiProperty({ enum: ACCESS_AUDIT_TARGETS }) targetType: AccessAuditTarget;
  @ApiProperty({ type: Number, nullable: true }) targetId: number | null;
  @ApiProperty() targetLabel: string;
  @ApiProperty({ description: 'The state before, as JSON (never a password)', nullable: true }) before: unknown;
  @ApiProperty({ description: 'The state after, as JSON (never a password)', nullable: true }) after: unknown;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class AccessAuditPageDto implements Page<AccessAuditEntry> {
  @ApiProperty({ type: [AccessAuditEntryDto] }) items: AccessAuditEntryDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

const ROLE_NAMES: ApiPropertyOptions = { type: [String], maxItems: ACCOUNT_RULES.rolesPerUserMax, description: 'Role names (GET /api/roles); replaces the user’s roles' };

export class CreateUserDto implements CreateUserRequest {
  @ApiProperty({ maxLength: ACCOUNT_RULES.usernameMax, pattern: ACCOUNT_RULES.usernamePattern.source })
  @TextRules({ max: ACCOUNT_RULES.usernameMax, kind: 'single-line', required: true })
  @Matches(ACCOUNT_RULES.usernamePattern, { message: 'may contain only letters, digits, dots, dashes and underscores' })
  username: string;

  @ApiProperty({ maxLength: ACCOUNT_RULES.emailMax })
  @TextRules({ max: ACCOUNT_RULES.emailMax, kind: 'single-line', required: true })
  @EmailAddress()
  email: string;

  @ApiProperty({ maxLength: ACCOUNT_RULES.nameMax })
  @TextRules({ max: ACCOUNT_RULES.nameMax, kind: 'single-line', required: true })
  firstName: string;

  @ApiProperty({ maxLength: ACCOUNT_RULES.nameMax })
  @TextRules({ max: ACCOUNT_RULES.nameMax, kind: 'single-line', required: true })
  lastName: string;

  @ApiProperty({ minLength: PASSWORD_RULES.minLength, maxLength: LIMITS.passwordMax, description: 'Not a common password, not the username' })
  @IsString()
  @IsNotEmpty()
  @MaxChars(LIMITS.passwordMax)
  password: string;

  @ApiProperty(ROLE_NAMES)
  @IsArray()
  @ArrayMaxSize(ACCOUNT_RULES.rolesPerUserMax)
  @IsString({ each: true })
  @MaxLength(LIMITS.roleNameMax, { each: true })
  roles: string[];
}

export class UpdateUserDto implements UpdateUserRequest {
  @ApiPropertyOptional({ maxLength: ACCOUNT_RULES.emailMax })
  @Present()
  @TextRules({ max: ACCOUNT_RULES.emailMax, kind: 'single-line', required: true })
  @EmailAddress()
  email?: string;

  @ApiPropertyOptional({ maxLength: ACCOUNT_RULES.nameMax })
  @Present()
  @TextRules({ max: ACCOUNT_RULES.nameMax, kind: 'single-line', required: true })
  firstName?: string;

  @ApiPropertyOptional({ maxLength: ACCOUNT_RULES.nameMax })
  @Present()
  @TextRules({ max: ACCOUNT_RULES.nameMax, kind: 'single-line', required: true })
  lastName?: string;

  @ApiPropertyOptional(ROLE_NAMES)
  @Present()
  @IsArray()
  @ArrayMaxSize(ACCOUNT_RULES.rolesPerUserMax)
  @IsString({ each: true })
  @MaxLength(LIMITS.roleNameMax, { each: true })
  roles?: string[];
}

const ROLE_PERMISSIONS: ApiPropertyOptions = { enum: PERMISSIONS, isArray: true, description: 'What the role grants (replaces its grants)' };

export class CreateRoleDto implements CreateRoleRequest {
  @ApiProperty({ maxLength: LIMITS.roleNameMax, pattern: ACCOUNT_RULES.roleNamePattern.source, description: 'Fixed once created (ticket queues refer to it)' })
  @TextRules({ max: LIMITS.roleNameMax, kind: 'single-line', required: true })
  @Matches(ACCOUNT_RULES.roleNamePattern, { message: 'must start with a lowercase letter and contain only lowercase letters, digits and underscores' })
  name: string;

  @ApiProperty({ maxLength: ACCOUNT_RULES.roleDisplayNameMax })
  @TextRules({ max: ACCOUNT_RULES.roleDisplayNameMax, kind: 'single-line', required: true })
  displayName: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: ACCOUNT_RULES.roleDescriptionMax })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @TextRules({ max: ACCOUNT_RULES.roleDescriptionMax, kind: 'multi-line' })
  description?: string | null;

  @ApiProperty(ROLE_PERMISSIONS)
  @IsArray()
  @ArrayMaxSize(PERMISSIONS.length)
  @IsIn(PERMISSIONS, { each: true })
  permissions: Permission[];
}

export class UpdateRoleDto implements UpdateRoleRequest {
  @ApiPropertyOptional({ maxLength: ACCOUNT_RULES.roleDisplayNameMax, description: 'Renames the role' })
  @Present()
  @TextRules({ max: ACCOUNT_RULES.roleDisplayNameMax, kind: 'single-line', required: true })
  displayName?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: ACCOUNT_RULES.roleDescriptionMax })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @TextRules({ max: ACCOUNT_RULES.roleDescriptionMax, kind: 'multi-line' })
  description?: string | null;

  @ApiPropertyOptional(ROLE_PERMISSIONS)
  @Present()
  @IsArray()
  @ArrayMaxSize(PERMISSIONS.length)
  @IsIn(PERMISSIONS, { each: true })
  permissions?: Permission[];
}

export class RoleViewDto implements RoleView {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ description: 'Built-in: not deletable, not renamable' }) builtIn: boolean;
  @ApiProperty() isDefault: boolean;
  @ApiProperty({ enum: PERMISSIONS, isArray: true }) permissions: Permission[];
  @ApiProperty({ enum: PERMISSIONS, isArray: true, description: 'Grants a built-in role cannot lose' }) lockedPermissions: Permission[];
  @ApiProperty() userCount: number;
}

export class RoleListDto {
  @ApiProperty({ type: [RoleViewDto] }) items: RoleViewDto[];
  @ApiProperty() total: number;
}
