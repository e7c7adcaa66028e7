import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, Max, Min, ValidateIf } from 'class-validator';
import { API_TOKEN_LIMITS, PERMISSIONS, type ApiTokenView, type CreateApiTokenRequest, type CreatedApiToken, type ListResult, type Permission } from '@bdc/contracts';
import { IsStrictDateTime, isoOrNull } from '../common/strict-date-time';
import { TextRules } from '../common/text-rules';
import type { ApiTokenEntity } from './api-token.entity';

export class CreateApiTokenDto implements CreateApiTokenRequest {
  @ApiProperty({ example: 'nightly inventory export', maxLength: API_TOKEN_LIMITS.nameMax })
  @TextRules({ max: API_TOKEN_LIMITS.nameMax, kind: 'single-line', required: true })
  name: string;

  /** Required unless expiresAt is given: no eternal tokens. */
  @ApiPropertyOptional({ minimum: 1, maximum: API_TOKEN_LIMITS.expiresInDaysMax, description: 'Days until it expires; give this or expiresAt' })
  @ValidateIf((body: CreateApiTokenDto) => body.expiresAt === undefined || body.expiresInDays !== undefined)
  @IsInt()
  @Min(1)
  @Max(API_TOKEN_LIMITS.expiresInDaysMax)
  expiresInDays?: number;

  @ApiPropertyOptional({ example: '2027-01-31T00:00:00Z', description: `At most ${API_TOKEN_LIMITS.expiresInDaysMax} days from now` })
  @IsOptional()
  @IsStrictDateTime()
  expiresAt?: string;

  @ApiPropertyOptional({ enum: PERMISSIONS, isArray: true, description: "A subset of the caller's permissions; left out: all of the owner's, as they are at each use" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PERMISSIONS.length * 2)
  @IsIn(PERMISSIONS, { each: true })
  permissions?: Permission[];
}

export class ApiTokenDto implements ApiTokenView {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'bdcpat_12_AbCd' }) prefix: string;
  @ApiProperty({ enum: PERMISSIONS, isArray: true, nullable: true, description: "null: all of the owner's permissions" }) permissions: Permission[] | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() expiresAt: string;
  @ApiProperty({ type: String, nullable: true, description: 'Updated at most once a minute' }) lastUsedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) lastUsedIp: string | null;
  @ApiProperty({ type: String, nullable: true }) revokedAt: string | null;
}

export class CreatedApiTokenDto extends ApiTokenDto implements CreatedApiToken {
  @ApiProperty({ description: 'The token itself: shown this once, never again' }) token: string;
}

export class ApiTokenListDto implements ListResult<ApiTokenView> {
  @ApiProperty({ type: [ApiTokenDto] }) items: ApiTokenDto[];
  @ApiProperty() total: number;
}

export function toApiTokenView(row: ApiTokenEntity): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.tokenPrefix,
    permissions: row.permissions,
    createdAt: isoOrNull(row.createdAt) ?? new Date(0).toISOString(),
    expiresAt: isoOrNull(row.expiresAt) ?? new Date(0).toISOString(),
    lastUsedAt: isoOrNull(row.lastUsedAt),
    lastUsedIp: row.lastUsedIp,
    revokedAt: isoOrNull(row.revokedAt),
  };
}
