import { Injectable } from '@nestjs/common';

/**
 * The time the login throttle and personal API tokens (expiry, last use) reason with. A provider of
 * its own, one per application (AccessModule), so tests can move time forward (a 15-minute lockout
 * expiring, a token expiring) without sleeping.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
