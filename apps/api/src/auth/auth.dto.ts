import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import type {
  AuthEvent,
  AuthEventKind,
  AuthEventQuery,
  AuthEventReason,
  AuthUser,
  ChangePasswordRequest,
  LoginRequest,
  LoginResponse,
  LogoutRequest,
  Page,
  Permission,
  RefreshRequest,
} from '@bdc/contracts';
import { AUTH_EVENT_KINDS, AUTH_EVENT_REASONS, LIMITS, PASSWORD_RULES, PERMISSIONS, type SignInOptions } from '@bdc/contracts';
import { PageQueryDto } from '../common/page-query.dto';
import { MaxChars, NoControlCharacters } from '../common/text-rules';

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'admin', maxLength: LIMITS.usernameMax })
  @IsString()
  @IsNotEmpty()
  @MaxChars(LIMITS.usernameMax)
  @NoControlCharacters('single-line')
  username: string;

  /** Any characters: a password is compared, never stored or shown. */
  @ApiProperty({ example: 'demo', maxLength: LIMITS.passwordMax })
  @IsString()
  @IsNotEmpty()
  @MaxChars(LIMITS.passwordMax)
  password: string;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @ApiProperty({ maxLength: LIMITS.passwordMax })
  @IsString()
  @IsNotEmpty()
  @MaxChars(LIMITS.passwordMax)
  currentPassword: string;

  @ApiProperty({ minLength: PASSWORD_RULES.minLength, maxLength: LIMITS.passwordMax, description: 'Not a common password, not the username' })
  @IsString()
  @IsNotEmpty()
  @MaxChars(LIMITS.passwordMax)
  newPassword: string;
}

export class RefreshDto implements RefreshRequest {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(LIMITS.tokenMax)
  refreshToken: string;
}

export class LogoutDto implements LogoutRequest {
  @ApiPropertyOptional({ description: 'Revokes this token and every token rotated from it. Without it, all of the caller’s sessions end.' })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.tokenMax)
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
  @MaxChars(LIMITS.usernameMax)
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

class DemoAccountDto {
  @ApiProperty() username: string;
  @ApiProperty() role: string;
}

export class SignInOptionsDto implements SignInOptions {
  @ApiProperty({ type: [DemoAccountDto], description: 'Empty in production and once the demo data is gone' })
  demoAccounts: DemoAccountDto[];

  @ApiPropertyOptional()
  demoPassword?: string;
}
