import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { dayInTimeZone, formatTicketNumber } from '@bdc/contracts';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { DatabaseService } from '../database/database.service';
import { TicketsRepository } from './tickets.repository';

/**
 * `TKT-YYYYMMDD-NNNN`, the day in the configured time zone, the sequence from `ticket_counters`.
 *
 * A creation inserts its rows under a provisional number and takes the real one last, just before
 * COMMIT: the day's counter row is locked from the number's allocation to the end of the
 * transaction, so every concurrent creator waits for exactly that stretch. Taken first, it covered
 * every insert and the round trips between them, each through the event loop of a busy API (under
 * the benchmark's 16 concurrent creators that queue was the largest part of a creation's time);
 * taken last, it covers two statements.
 */
@Injectable()
export class TicketNumberingService {
  /** Days whose counter row this process knows to exist: only saves a statement, never decides a number. */
  private readonly preparedDays = new Set<string>();

  constructor(
    private readonly tickets: TicketsRepository,
    private readonly db: DatabaseService,
    private readonly config: AppConfig,
  ) {}

  today(now: Date = new Date()): string {
    return dayInTimeZone(now, this.config.timeZone);
  }

  /**
   * Before the create transaction: make sure the day's counter row exists. On MariaDB an UPDATE that
   * finds no row takes a gap lock, and several first-of-the-day creators inserting into that gap
   * deadlock each other; creating the row up front (INSERT IGNORE, autocommit) avoids that. SQLite
   * serialises writers, so there it is left to the in-transaction fallback. `again`: the row was
   * found missing after all (TicketCreationRepository's one-round-trip creation has no fallback).
   */
  async prepare(day: string, again = false): Promise<void> {
    if (this.db.engine === 'sqlite' || (this.preparedDays.has(day) && !again)) return;
    await this.tickets.ensureCounter(undefined, day);
    this.preparedDays.add(day);
  }

  /**
   * A unique stand-in for `ticket_number` (NOT NULL, unique) until `assign`. It never leaves the
   * creating transaction: other sessions do not see uncommitted rows, and it cannot collide with a
   * real number, which starts with `TKT-`.
   */
  provisional(): string {
    return `tmp-${randomBytes(8).toString('hex')}`;
  }

  /** Allocates the day's next number and gives it to the ticket. Call it last in the transaction. */
  async assign(manager: EntityManager, day: string, ticketId: number): Promise<string> {
    const ticketNumber = formatTicketNumber(day, await this.tickets.nextSequence(manager, day));
    await this.tickets.assignNumber(manager, ticketId, ticketNumber);
    return ticketNumber;
  }
}
