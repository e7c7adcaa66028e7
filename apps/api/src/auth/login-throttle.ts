import type { LoginThrottlePolicy } from '../config/app-config';

/** The limits of one kind of key (accounts and client addresses have their own). */
export interface ThrottleLimits {
  delayAfter: number;
  maxFailures: number;
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  lockoutSeconds: number;
}

export interface ThrottleKey {
  /** `user:<lowercased username>` or `ip:<address>`. */
  key: string;
  limits: ThrottleLimits;
}

/** What a store keeps per key. */
export interface ThrottleState {
  failures: number;
  lastFailureAt: Date;
  blockedUntil: Date | null;
}

export interface ThrottleBlock {
  key: string;
  until: Date;
  /** The full lockout (maxFailures reached), as opposed to a growing delay. */
  locked: boolean;
}

/**
 * The port: where consecutive failures are counted. Every API process must see the same counts, so
 * the adapters keep them in the database (default) or in Redis (REDIS_URL); never in process memory.
 * The policy itself (below) is pure and shared by both adapters.
 */
export abstract class LoginThrottle {
  /** The block that ends last among `keys`, or null when none is blocked at `now`. */
  abstract check(keys: readonly ThrottleKey[], now: Date): Promise<ThrottleBlock | null>;
  /** Counts one failure on every key (atomically per key) and returns the block that results, if any. */
  abstract recordFailure(keys: readonly ThrottleKey[], now: Date): Promise<ThrottleBlock | null>;
  /** Forgets a key (a successful sign-in resets its account). */
  abstract reset(key: string): Promise<void>;
}

export function throttleKeys(username: string, ip: string | null, policy: LoginThrottlePolicy): ThrottleKey[] {
  const common = { baseDelaySeconds: policy.baseDelaySeconds, maxDelaySeconds: policy.maxDelaySeconds, lockoutSeconds: policy.lockoutSeconds };
  const keys: ThrottleKey[] = [{ key: accountKey(username), limits: { ...common, delayAfter: policy.delayAfter, maxFailures: policy.maxFailures } }];
  if (ip) keys.push({ key: `ip:${ip}`.slice(0, 120), limits: { ...common, delayAfter: policy.ipDelayAfter, maxFailures: policy.ipMaxFailures } });
  return keys;
}

/** One key per account however it is typed: `Admin`, `admin ` and `admin` share a counter. */
export function accountKey(username: string): string {
  return `user:${username.trim().toLowerCase()}`.slice(0, 120);
}

/** Seconds to wait after the `failures`-th consecutive failure: 0, then 1, 2, 4 … capped, then the lockout. */
export function waitSecondsAfter(failures: number, limits: ThrottleLimits): number {
  if (failures >= limits.maxFailures) return limits.lockoutSeconds;
  if (failures < limits.delayAfter) return 0;
  return Math.min(limits.baseDelaySeconds * 2 ** (failures - limits.delayAfter), limits.maxDelaySeconds);
}

/**
 * The state after one more failure at `now`. A key with no failure for `lockoutSeconds` (and no block
 * still running) starts over, so an expired lockout gives the owner a fresh set of attempts instead
 * of locking again at the first typo. Times are whole seconds (floor for the failure, ceiling for the
 * block) so both stores — MariaDB's DATETIME keeps no fraction — compute the same waits.
 */
export function nextFailureState(previous: ThrottleState | null, now: Date, limits: ThrottleLimits): ThrottleState {
  const at = floorToSecond(now);
  const stale =
    previous === null ||
    previous.failures <= 0 ||
    ((previous.blockedUntil === null || previous.blockedUntil.getTime() <= now.getTime()) &&
      now.getTime() - previous.lastFailureAt.getTime() >= limits.lockoutSeconds * 1000);
  const failures = stale ? 1 : previous.failures + 1;
  const wait = waitSecondsAfter(failures, limits);
  let blockedUntil = wait > 0 ? ceilToSecond(new Date(now.getTime() + wait * 1000)) : null;
  // Never shorten a block already in force (two failures racing on one key).
  if (!stale && previous.blockedUntil && (blockedUntil === null || previous.blockedUntil > blockedUntil)) blockedUntil = previous.blockedUntil;
  return { failures, lastFailureAt: at, blockedUntil };
}

export function blockOf(key: string, state: ThrottleState | null, now: Date, limits: ThrottleLimits): ThrottleBlock | null {
  if (!state?.blockedUntil || state.blockedUntil.getTime() <= now.getTime()) return null;
  return { key, until: state.blockedUntil, locked: state.failures >= limits.maxFailures };
}

/** The block that ends last (the one the client must wait for). */
export function longestBlock(blocks: readonly (ThrottleBlock | null)[]): ThrottleBlock | null {
  let longest: ThrottleBlock | null = null;
  for (const block of blocks) if (block && (!longest || block.until > longest.until)) longest = block;
  return longest;
}

function floorToSecond(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

function ceilToSecond(date: Date): Date {
  return new Date(Math.ceil(date.getTime() / 1000) * 1000);
}
