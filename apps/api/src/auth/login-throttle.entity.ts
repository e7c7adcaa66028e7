import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Consecutive failed sign-ins per key (`user:<lowercased name>`, `ip:<address>`), shared by every API
 * process on the database (the Redis adapter keeps the same state in Redis instead).
 */
@Entity('login_throttle')
export class LoginThrottleEntity {
  @PrimaryColumn({ name: 'throttle_key', type: 'varchar', length: 120 })
  key: string;

  @Column({ type: 'integer', default: 0 })
  failures: number;

  @Column({ name: 'last_failure_at', type: 'datetime' })
  lastFailureAt: Date;

  /** Whole seconds, rounded up: MariaDB's DATETIME drops fractions, and a wait must never end early. */
  @Column({ name: 'blocked_until', type: 'datetime', nullable: true })
  blockedUntil: Date | null;
}
