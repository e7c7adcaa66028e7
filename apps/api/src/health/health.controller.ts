import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { HealthResponse, LivenessResponse, ReadinessResponse } from '@bdc/contracts';
import { Public } from '../access/decorators';
import { HealthService } from './health.service';
import { HealthResponseDto, LivenessResponseDto, ReadinessResponseDto } from './health.dto';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Liveness, and whether the database can be read and written, for load balancers and scripts (503 also while the process drains)' })
  @ApiOkResponse({ type: HealthResponseDto })
  @ApiServiceUnavailableResponse({ type: HealthResponseDto, description: 'The database does not answer, or does not accept writes, or the process is shutting down' })
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthResponse> {
    const result = await this.health.check();
    void reply.status(result.status === 'ok' ? 200 : 503).header('cache-control', 'no-store');
    return result;
  }

  @Public()
  @Get('live')
  @ApiOperation({ summary: 'Liveness: 200 while the process runs its event loop; never touches the database (restart the process when this fails)' })
  @ApiOkResponse({ type: LivenessResponseDto })
  live(@Res({ passthrough: true }) reply: FastifyReply): LivenessResponse {
    void reply.header('cache-control', 'no-store');
    return this.health.live();
  }

  @Public()
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: 200 when this process should get traffic; 503 when the database does not answer or accept writes, or while it drains after SIGTERM' })
  @ApiOkResponse({ type: ReadinessResponseDto })
  @ApiServiceUnavailableResponse({ type: ReadinessResponseDto, description: '`unavailable` (database) or `draining` (shutting down)' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessResponse> {
    const result = await this.health.ready();
    void reply.status(result.status === 'ready' ? 200 : 503).header('cache-control', 'no-store');
    return result;
  }
}
