import { describe, expect, it } from 'vitest';
import { DEFAULT_LOGIN_THROTTLE } from '../config/app-config';
import { accountKey, blockOf, nextFailureState, throttleKeys, waitSecondsAfter, type ThrottleState } from './login-throttle';

const [account, address] = throttleKeys('Admin ', '127.0.0.9', DEFAULT_LOGIN_THROTTLE);
// The account limits are the policy's own fields (the address limits are the ip* ones).
const limits = DEFAULT_LOGIN_THROTTLE;

describe('login throttle policy', () => {
  it('keys accounts case-insensitively and addresses with their own, higher limits', () => {
    expect(account?.key).toBe('user:admin');
    expect(accountKey('ADMIN')).toBe('user:admin');
    expect(address).toMatchObject({ key: 'ip:127.0.0.9', limits: { delayAfter: 20, maxFailures: 100 } });
    expect(throttleKeys('admin', null, DEFAULT_LOGIN_THROTTLE)).toHaveLength(1);
  });

  it('waits 1 s, 2 s, 4 s … from the 5th failure, capped, and locks for 15 minutes at the 10th', () => {
    expect([1, 2, 3, 4].map((n) => waitSecondsAfter(n, limits))).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9].map((n) => waitSecondsAfter(n, limits))).toEqual([1, 2, 4, 8, 16]);
    expect(waitSecondsAfter(10, limits)).toBe(900);
    expect(waitSecondsAfter(9, { ...limits, maxDelaySeconds: 5 })).toBe(5);
  });

  it('counts consecutive failures and blocks until a whole second, never early', () => {
    let state: ThrottleState | null = null;
    let now = new Date('2026-01-01T10:00:00.400Z');
    for (let i = 1; i <= 4; i++) state = nextFailureState(state, now, limits);
    expect(state).toMatchObject({ failures: 4, blockedUntil: null });
    state = nextFailureState(state, now, limits);
    expect(state.blockedUntil?.toISOString()).toBe('2026-01-01T10:00:02.000Z');
    expect(blockOf('k', state, now, limits)).toMatchObject({ locked: false });
    now = new Date('2026-01-01T10:00:02.000Z');
    expect(blockOf('k', state, now, limits)).toBeNull();
  });

  it('starts over once the lockout has run out, instead of locking again at the next typo', () => {
    let state: ThrottleState | null = null;
    const t0 = new Date('2026-01-01T10:00:00Z');
    for (let i = 1; i <= 10; i++) state = nextFailureState(state, t0, limits);
    expect(blockOf('k', state, t0, limits)).toMatchObject({ locked: true });
    const later = new Date(t0.getTime() + 900_000);
    expect(blockOf('k', state, later, limits)).toBeNull();
    expect(nextFailureState(state, later, limits)).toMatchObject({ failures: 1, blockedUntil: null });
  });
});
