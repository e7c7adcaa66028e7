import cluster from 'node:cluster';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger as PinoLogger } from 'pino';
import type { AppConfig } from '../config/app-config';
import { ServingState } from '../health/serving-state';

/** However long requests in flight take, the process is gone after this. */
const CLOSE_DEADLINE_MS = 30_000;

/**
 * SIGTERM (or SIGINT): readiness turns 503 at once (ServingState), the server keeps answering for
 * SHUTDOWN_DRAIN_MS so a load balancer that polls readiness takes it out of rotation, then Nest
 * closes: open event streams are ended (clients reconnect elsewhere), requests in flight finish,
 * the database pool closes. A worker also stops when the primary goes away. A second signal in a
 * single process exits at once (Ctrl-C twice); a worker ignores it, as its primary gets the same
 * terminal Ctrl-C, forwards SIGTERM, and escalates itself when a worker does not stop.
 */
export function installGracefulShutdown(app: NestFastifyApplication, config: AppConfig, log: PinoLogger): void {
  let stopping = false;
  const stop = (reason: string) => {
    if (stopping) {
      if (!cluster.isWorker) process.exit(1);
      return;
    }
    stopping = true;
    const drainMs = config.operations.shutdownDrainMs;
    log.info({ reason, drainMs }, 'shutting down: readiness is 503 while draining');
    app.get(ServingState).beginDrain();
    setTimeout(() => {
      log.error('shutdown did not finish in time; exiting');
      process.exit(1);
    }, drainMs + CLOSE_DEADLINE_MS).unref();
    setTimeout(() => {
      app.close().then(
        () => process.exit(0),
        (error: unknown) => {
          log.error({ err: error }, 'error while closing');
          process.exit(1);
        },
      );
    }, drainMs);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  if (cluster.isWorker) process.on('disconnect', () => stop('the cluster primary went away'));
}
