import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser, LoginResponse } from '@bdc/contracts';
import type { AuthContext } from '../access/auth-context';
import { CurrentAuth, Public } from '../access/decorators';
import { AuthService } from './auth.service';
import { AuthUserDto, LoginDto, LoginResponseDto, LogoutDto, RefreshDto } from './auth.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with username and password' })
  @ApiOkResponse({ type: LoginResponseDto })
  login(@Body() body: LoginDto): Promise<LoginResponse> {
    return this.auth.login(body.username, body.password);
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

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user with roles and permissions' })
  @ApiOkResponse({ type: AuthUserDto })
  me(@CurrentAuth() auth: AuthContext): Promise<AuthUser> {
    return this.auth.me(auth);
  }
}
