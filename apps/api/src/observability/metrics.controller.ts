import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../access/decorators';
import { DomainError } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { MetricsAccess } from './metrics-access';
import { MetricsService } from './metrics.service';

/** Served at /metrics, outside the /api prefix, where Prometheus looks by default (see app.factory.ts). */
export const METRICS_PATH = 'metrics';

@ApiTags('operations')
@Controller(METRICS_PATH)
export class MetricsController {
  private readonly access: MetricsAccess;

  constructor(
    private readonly metrics: MetricsService,
    config: AppConfig,
  ) {
    this.access = new MetricsAccess(config.operations);
  }

  /** Not behind the sign-in: Prometheus has no user. Its own check is the address or METRICS_TOKEN. */
  @Public()
  @Get()
  @ApiOperation({
    summary:
      'Prometheus metrics (requests and latency per route, database pool, outbox backlog, SSE clients, process). ' +
      'Readable from the addresses in METRICS_ALLOW (default: this machine) or with `Authorization: Bearer <METRICS_TOKEN>`; with WORKERS > 1, the sum over all workers',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format 0.0.4' })
  @ApiForbiddenResponse({ description: 'Neither an allowed address nor the metrics token' })
  async scrape(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const authorization = request.headers.authorization;
    if (!this.access.permits(request.ip, typeof authorization === 'string' ? authorization : undefined)) {
      throw new DomainError('FORBIDDEN', 'Metrics are readable only from the addresses in METRICS_ALLOW or with the METRICS_TOKEN bearer token');
    }
    const { contentType, body } = await this.metrics.exposition();
    void reply.header('content-type', contentType).header('cache-control', 'no-store');
    return body;
  }
}
