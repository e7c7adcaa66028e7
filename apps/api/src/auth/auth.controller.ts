import { Body, Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AuthEvent, AuthUser, LoginResponse, Page, SignInOptions } from '@bdc/contracts';
import type { AuthContext } from '../access/auth-context';
import { CurrentAuth, Public, RequirePermission } from '../access/decorators';
import { AuthEventsService } from './auth-events.service';
import { AuthService } from './auth.service';
import { SignInOptionsService } from './sign-in-options.service';
import { AuthEventPageDto, ChangePasswordDto, AuthEventQueryDto, AuthUserDto, LoginDto, LoginResponseDto, LogoutDto, RefreshDto, SignInOptionsDto } from './auth.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly events: AuthEventsService,
    private readonly signInOptions: SignInOptionsService,
  ) {}

  @Public()
  @Get('sign-in-options')
  @ApiOperation({ summary: 'What the sign-in page may show: the demo accounts, where they work (never in production)' })
  @ApiOkResponse({ type: SignInOptionsDto })
  options(): Promise<SignInOptions> {
    return this.signInOptions.get();
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with username and password (throttled per account and per client address)' })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiTooManyRequestsResponse({ description: 'TOO_MANY_ATTEMPTS: too many failed sign-ins; wait for the Retry-After header' })
  login(@Req() request: FastifyRequest, @Body() body: LoginDto): Promise<LoginResponse> {
    const userAgent = request.headers['user-agent'];
    return this.auth.login(body.username, body.password, { ip: request.ip ?? null, userAgent: typeof userAgent === 'string' ? userAgent : null });
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token for new tokens (the old refresh token stops working)' })
  @ApiOkResponse({ type: LoginResponseDto })
  refresh(@Body() body: RefreshDto): Promise<LoginResponse> {
    return this.auth.refresh(body.refreshToken);
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End the session of the given refresh token, or every session of the bearer' })
  @ApiNoContentResponse()
  async logout(@Req() request: { auth?: AuthContext }, @Body() body: LogoutDto): Promise<void> {
    await this.auth.logout(request.auth, body.refreshToken);
  }

  @Get('events')
  @RequirePermission('user.manage')
  @ApiOperation({ summary: 'Sign-in audit (failed, refused while throttled, succeeded), newest first' })
  @ApiOkResponse({ type: AuthEventPageDto })
  listEvents(@CurrentAuth() auth: AuthContext, @Query() query: AuthEventQueryDto): Promise<Page<AuthEvent>> {
    return this.events.list(auth, query);
  }

  @Post('password')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change your own password (current one required); your other sessions end' })
  @ApiNoContentResponse()
  async changePassword(@CurrentAuth() auth: AuthContext, @Body() body: ChangePasswordDto): Promise<void> {
    await this.auth.changePassword(auth, body.currentPassword, body.newPassword);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user with roles and permissions' })
  @ApiOkResponse({ type: AuthUserDto })
  me(@CurrentAuth() auth: AuthContext): Promise<AuthUser> {
    return this.auth.me(auth);
  }
}
