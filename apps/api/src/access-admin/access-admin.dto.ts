import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, Min } from 'class-validator';
import {
  ACCESS_AUDIT_ACTIONS,
  ACCESS_AUDIT_TARGETS,
  LIMITS,
  PASSWORD_RULES,
  PERMISSIONS,
  type AccessAuditAction,
  type AccessAuditEntry,
  type AccessAuditQuery,
  type AccessAuditTarget,
  type Page,
  type Permission,
  type ResetPasswordRequest,
  type UserPermissionsRequest,
  type UserPermissionsView,
} from '@bdc/contracts';
import { PageQueryDto } from '../common/page-query.dto';
import { MaxChars } from '../common/text-rules';

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
