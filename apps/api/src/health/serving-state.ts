import { Injectable } from '@nestjs/common';

/**
 * Whether this process still wants traffic. main.ts flips it on SIGTERM, then waits
 * SHUTDOWN_DRAIN_MS before closing the server: in that window readiness answers 503 so the load
 * balancer stops sending new requests, while requests already on their way are still served.
 */
@Injectable()
export class ServingState {
  private drainingSince: Date | null = null;

  get draining(): boolean {
    return this.drainingSince !== null;
  }

  beginDrain(now = new Date()): void {
    this.drainingSince ??= now;
  }
}
