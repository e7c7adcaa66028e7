import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ApiTokenView, CreatedApiToken, ListResult } from '@bdc/contracts';
import type { AuthContext } from '../access/auth-context';
import { CurrentAuth, RequirePermission } from '../access/decorators';
import { ParseIdPipe } from '../tickets/parse-id.pipe';
import { ApiTokenListDto, CreateApiTokenDto, CreatedApiTokenDto } from './api-tokens.dto';
import { ApiTokensService } from './api-tokens.service';

/** Personal API tokens for scripts (docs/security.md, "Personal API tokens"). */
@ApiTags('auth')
@Controller()
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Post('auth/tokens')
  @HttpCode(201)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Create a personal API token (shown once). Signed-in sessions only: an API token cannot create tokens' })
  @ApiCreatedResponse({ type: CreatedApiTokenDto })
  create(@CurrentAuth() auth: AuthContext, @Body() body: CreateApiTokenDto): Promise<CreatedApiToken> {
    return this.tokens.create(auth, body);
  }

  @Get('auth/tokens')
  @ApiBearerAuth()
  @ApiOperation({ summary: "The caller's API tokens, newest first (never the tokens themselves)" })
  @ApiOkResponse({ type: ApiTokenListDto })
  list(@CurrentAuth() auth: AuthContext): Promise<ListResult<ApiTokenView>> {
    return this.tokens.listOwn(auth);
  }

  @Delete('auth/tokens/:id')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Revoke an API token: your own, or anyone’s with user.manage. It stops working at once' })
  @ApiNoContentResponse()
  async revoke(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number): Promise<void> {
    await this.tokens.revoke(auth, id);
  }

  @Get('users/:id/tokens')
  @RequirePermission('user.manage')
  @ApiOperation({ summary: "A user's API tokens, for administrators (revoke them with DELETE /api/auth/tokens/:id)" })
  @ApiOkResponse({ type: ApiTokenListDto })
  listOfUser(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number): Promise<ListResult<ApiTokenView>> {
    return this.tokens.listOfUser(auth, id);
  }
}
