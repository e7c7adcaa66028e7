import { Injectable } from '@nestjs/common';
import { dayInTimeZone, formatTicketNumber } from '@bdc/contracts';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { DatabaseService } from '../database/database.service';
import { TicketsRepository } from './tickets.repository';

/** `TKT-YYYYMMDD-NNNN`, the day in the configured time zone, the sequence from `ticket_counters`. */
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
   * serialises writers, so there it is left to the in-transaction fallback.
   */
  async prepare(day: string): Promise<void> {
    if (this.db.engine === 'sqlite' || this.preparedDays.has(day)) return;
    await this.tickets.ensureCounter(undefined, day);
    this.preparedDays.add(day);
  }

  /** Inside the create transaction, as late as possible: the counter row stays locked until commit. */
  async allocate(manager: EntityManager, day: string): Promise<string> {
    return formatTicketNumber(day, await this.tickets.nextSequence(manager, day));
  }
}
