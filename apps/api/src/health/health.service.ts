import { Injectable, Logger } from '@nestjs/common';
import type { HealthResponse, LivenessResponse, ReadinessResponse } from '@bdc/contracts';
import { appVersion } from '../common/app-version';
import { DatabaseService } from '../database/database.service';
import { ServingState } from './serving-state';

const PROBE_TIMEOUT_MS = 2000;

@Injectable()
export class HealthService {
  private readonly logger = new Logger('Health');

  constructor(
    private readonly db: DatabaseService,
    private readonly serving: ServingState,
  ) {}

  /** The original combined check: a draining process answers `unavailable` too, so existing load-balancer set-ups drain as well. */
  async check(): Promise<HealthResponse> {
    const up = await this.probe();
    const ok = up && !this.serving.draining;
    return { status: ok ? 'ok' : 'unavailable', database: up ? 'up' : 'down', engine: this.db.engine, version: appVersion() };
  }

  live(): LivenessResponse {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  }

  /** Draining wins over the database's answer: a process on its way out gets no new traffic either way. */
  async ready(): Promise<ReadinessResponse> {
    const up = await this.probe();
    const status = this.serving.draining ? 'draining' : up ? 'ready' : 'unavailable';
    return { status, database: up ? 'up' : 'down', engine: this.db.engine, version: appVersion() };
  }

  /**
   * Readable and writable (DatabaseService.probe), with a deadline: a load balancer must get an
   * answer even when the pool is stuck or a long transaction holds the SQLite connection.
   */
  private async probe(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
      });
      await Promise.race([this.db.probe(), timeout]);
      return true;
    } catch (error) {
      this.logger.warn(`Database probe failed: ${(error as Error).message}`);
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}
