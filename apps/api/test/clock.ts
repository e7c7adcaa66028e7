import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { vi } from 'vitest';
import { Clock } from '../src/auth/clock';

/**
 * The app's clock, frozen at a time the test moves forward: lockouts and expiries pass without
 * sleeping. Starts on a whole second, so the waits (which end on whole seconds) come out exact.
 */
export function freezeClock(app: NestFastifyApplication, start = Math.floor(Date.now() / 1000) * 1000): { advance(seconds: number): void } {
  let now = start;
  vi.spyOn(app.get(Clock), 'now').mockImplementation(() => new Date(now));
  return {
    advance(seconds: number) {
      now += seconds * 1000;
    },
  };
}
