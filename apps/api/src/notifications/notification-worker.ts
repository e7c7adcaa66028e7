import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { AppConfig } from '../config/app-config';
import { DatabaseService } from '../database/database.service';
import { renderMail } from './notification-mail';
import { TicketNotificationEntity } from './ticket-notification.entity';

/** The longest wait between two attempts, however many failed. */
const MAX_BACKOFF_MS = 3_600_000;
const ERROR_MAX = 2000;

export interface WorkerPass {
  sent: number;
  retried: number;
  failed: number;
}

/** Wait before attempt `attempts + 1`: base, then doubled after each failure, capped at an hour. */
export function backoffMs(baseMs: number, attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * Delivers the outbox by email. Each pass claims a batch of due rows with a lease (claimed_by,
 * claimed_until) in a short transaction, then sends them outside any transaction: on MariaDB the
 * claim is SELECT … FOR UPDATE SKIP LOCKED, so two processes polling at once take disjoint rows; on
 * SQLite writers are serialised and the UPDATE that sets the lease only takes rows whose lease is
 * free. A process that dies mid-batch leaves rows whose lease runs out, and another one sends them.
 * A failure keeps the row pending with a later next_attempt_at (exponential backoff) until
 * maxAttempts, then marks it failed with the error.
 */
@Injectable()
export class NotificationWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationWorker.name);
  /** Unique per process and instance, so a lease names who holds it. */
  readonly workerId = `${hostname().slice(0, 30)}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private transporter: Transporter | null = null;
  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<WorkerPass> | null = null;
  private stopped = false;

  constructor(
    private readonly db: DatabaseService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const settings = this.config.notifications;
    if (settings.smtpUrl !== null && settings.workerEnabled) this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.pass?.catch(() => undefined);
    this.transporter?.close();
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.runOnce()
        .catch((error: unknown) => this.logger.warn(`notification pass failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => this.schedule(this.config.notifications.pollIntervalMs));
    }, delayMs);
    this.timer.unref();
  }

  /** One pass: claim due rows and send them. Passes of one worker never overlap. */
  runOnce(now: Date = new Date()): Promise<WorkerPass> {
    this.pass ??= this.deliverDue(now).finally(() => {
      this.pass = null;
    });
    return this.pass;
  }

  private async deliverDue(now: Date): Promise<WorkerPass> {
    const result: WorkerPass = { sent: 0, retried: 0, failed: 0 };
    const smtpUrl = this.config.notifications.smtpUrl;
    if (smtpUrl === null) return result;
    const rows = await this.claim(now);
    for (const row of rows) {
      if (this.stopped) break;
      const outcome = await this.deliver(smtpUrl, row);
      result[outcome]++;
    }
    return result;
  }

  private async claim(now: Date): Promise<TicketNotificationEntity[]> {
    const { batchSize, leaseMs } = this.config.notifications;
    const until = new Date(now.getTime() + leaseMs);
    const token = `${this.workerId}:${randomUUID().slice(0, 8)}`;
    return this.db.transaction(async (manager) => {
      const due = manager
        .createQueryBuilder(TicketNotificationEntity, 'n')
        .select('n.id', 'id')
        .where("n.status = 'pending'")
        .andWhere('(n.nextAttemptAt IS NULL OR n.nextAttemptAt <= :now)', { now })
        .andWhere('(n.claimedUntil IS NULL OR n.claimedUntil < :now)', { now })
        .orderBy('n.id', 'ASC')
        .limit(batchSize);
      if (this.db.engine === 'mysql') due.setLock('pessimistic_write').setOnLocked('skip_locked');
      const ids = (await due.getRawMany<{ id: number | string }>()).map((r) => Number(r.id));
      if (ids.length === 0) return [];
      // The lease condition again: on SQLite nothing locked the rows between the SELECT and here
      // except the serialised writer itself, which is what makes this one statement atomic.
      await manager
        .createQueryBuilder()
        .update(TicketNotificationEntity)
        .set({ claimedBy: token, claimedUntil: until })
        .where('id IN (:...ids)', { ids })
        .andWhere("status = 'pending' AND (claimed_until IS NULL OR claimed_until < :now)", { now })
        .execute();
      return manager.createQueryBuilder(TicketNotificationEntity, 'n').where('n.claimedBy = :token', { token }).orderBy('n.id', 'ASC').getMany();
    });
  }

  private async deliver(smtpUrl: string, row: TicketNotificationEntity): Promise<keyof WorkerPass> {
    const { mailFrom, publicUrl, maxAttempts, backoffBaseMs } = this.config.notifications;
    const attempts = row.attempts + 1;
    try {
      if (!row.recipientEmail) throw new Error('the recipient has no email address');
      const mail = renderMail(row, publicUrl);
      await this.transport(smtpUrl).sendMail({ from: mailFrom, to: row.recipientEmail, subject: mail.subject, text: mail.text, html: mail.html });
      await this.settle(row, { status: 'sent', sentAt: new Date(), attempts, errorMessage: null, nextAttemptAt: null });
      return 'sent';
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, ERROR_MAX);
      if (attempts >= maxAttempts) {
        await this.settle(row, { status: 'failed', attempts, errorMessage: message, nextAttemptAt: null });
        this.logger.warn(`notification ${row.id} failed after ${attempts} attempts: ${message}`);
        return 'failed';
      }
      await this.settle(row, { attempts, errorMessage: message, nextAttemptAt: new Date(Date.now() + backoffMs(backoffBaseMs, attempts)) });
      return 'retried';
    }
  }

  /** Writes the outcome and releases the lease, only while this worker still holds it. */
  private async settle(row: TicketNotificationEntity, values: Partial<Pick<TicketNotificationEntity, 'status' | 'sentAt' | 'attempts' | 'errorMessage' | 'nextAttemptAt'>>): Promise<void> {
    await this.db.dataSource.manager
      .createQueryBuilder()
      .update(TicketNotificationEntity)
      .set({ ...values, claimedBy: null, claimedUntil: null })
      .where('id = :id AND claimed_by = :token', { id: row.id, token: row.claimedBy })
      .execute();
  }

  private transport(smtpUrl: string): Transporter {
    this.transporter ??= createTransport(smtpUrl);
    return this.transporter;
  }
}
