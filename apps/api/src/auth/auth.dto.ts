import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import type {
  AuthEvent,
  AuthEventKind,
  AuthEventQuery,
  AuthEventReason,
  AuthUser,
  LoginRequest,
  LoginResponse,
  LogoutRequest,
  Page,
  Permission,
  RefreshRequest,
} from '@bdc/contracts';
import { AUTH_EVENT_KINDS, AUTH_EVENT_REASONS, PERMISSIONS } from '@bdc/contracts';
import { PageQueryDto } from '../common/page-query.dto';

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'admin' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  username: string;

  @ApiProperty({ example: 'demo' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password: string;
}

export class RefreshDto implements RefreshRequest {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  refreshToken: string;
}

export class LogoutDto implements LogoutRequest {
  @ApiPropertyOptional({ description: 'Revokes this token and every token rotated from it. Without it, all of the caller’s sessions end.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  refreshToken?: string;
}

export class AuthUserDto implements AuthUser {
  @ApiProperty() id: number;
  @ApiProperty() username: string;
  @ApiProperty() email: string;
  @ApiProperty({ type: String, nullable: true }) firstName: string | null;
  @ApiProperty({ type: String, nullable: true }) lastName: string | null;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: [String] }) roles: string[];
  @ApiProperty({ enum: PERMISSIONS, isArray: true }) permissions: Permission[];
}

export class LoginResponseDto implements LoginResponse {
  @ApiProperty() accessToken: string;
  @ApiProperty() refreshToken: string;
  @ApiProperty({ description: 'Seconds until the access token expires' }) expiresIn: number;
  @ApiProperty({ type: AuthUserDto }) user: AuthUserDto;
}

export class AuthEventQueryDto extends PageQueryDto implements AuthEventQuery {
  @ApiPropertyOptional({ description: 'Exactly as typed at sign-in' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  username?: string;

  @ApiPropertyOptional({ enum: AUTH_EVENT_KINDS })
  @IsOptional()
  @IsIn(AUTH_EVENT_KINDS)
  event?: AuthEventKind;
}

export class AuthEventDto implements AuthEvent {
  @ApiProperty() id: number;
  @ApiProperty({ enum: AUTH_EVENT_KINDS }) event: AuthEventKind;
  @ApiProperty() username: string;
  @ApiProperty({ type: Number, nullable: true }) userId: number | null;
  @ApiProperty({ enum: AUTH_EVENT_REASONS, nullable: true }) reason: AuthEventReason | null;
  @ApiProperty({ type: String, nullable: true }) ip: string | null;
  @ApiProperty({ type: String, nullable: true }) userAgent: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class AuthEventPageDto implements Page<AuthEvent> {
  @ApiProperty({ type: [AuthEventDto] }) items: AuthEventDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
