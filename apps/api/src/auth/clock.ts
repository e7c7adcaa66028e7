import { Injectable } from '@nestjs/common';

/**
 * The time the login throttle reasons with. A provider of its own so tests can move time forward
 * (a 15-minute lockout expiring) without sleeping; nothing else needs it.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
