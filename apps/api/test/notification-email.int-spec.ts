import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppConfig, type NotificationSettings } from '../src/config/app-config';
import { backoffMs, NotificationWorker } from '../src/notifications/notification-worker';
import { TicketNotificationEntity } from '../src/notifications/ticket-notification.entity';
import { DatabaseService } from '../src/database/database.service';
import { describeEachEngine, testMysqlUrl } from './engines';
import { createStock, MODEL } from './factories';
import { createSecondInstance, createTestApp, type TestApp } from './harness';
import { act, addItem, createTicket } from './ticket-helpers';
import { SmtpCapture } from './smtp-capture';

const PUBLIC_URL = 'https://ims.test.example';
/** Well above a second: MariaDB keeps next_attempt_at in whole seconds. */
const BACKOFF_MS = 10_000;

function settings(smtpUrl: string, overrides: Partial<NotificationSettings> = {}): NotificationSettings {
  // The worker is driven by runOnce() here, never by its timer.
  return { ...AppConfig.create().notifications, smtpUrl, publicUrl: PUBLIC_URL, workerEnabled: false, backoffBaseMs: BACKOFF_MS, maxAttempts: 3, ...overrides };
}

describe('backoffMs', () => {
  it('doubles from the base after each failure, capped at an hour', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(1000, n))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(60_000, 30)).toBe(3_600_000);
  });
});

describeEachEngine('notifications: email delivery', (engine) => {
  let t: TestApp;
  let smtp: SmtpCapture;
  let worker: NotificationWorker;
  let requester: string;
  let manager: string;

  beforeAll(async () => {
    smtp = await new SmtpCapture().start();
    t = await createTestApp(engine, { configOverrides: { notifications: settings(smtp.url) } });
    worker = t.app.get(NotificationWorker);
    [requester, manager] = [await t.login('requester'), await t.login('manager')];
    await createStock(t, { componentType: 'ram', model: MODEL.ramSamsung32, count: 20 });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  const newTicket = (title: string) => createTicket(t, requester, { title, items: [addItem('ram', MODEL.ramSamsung32, 1)] });
  const rowsOf = (ticketId: number) => t.dataSource.manager.find(TicketNotificationEntity, { where: { ticketId }, order: { id: 'ASC' } });
  /** Every row due now sent (or given up), however many passes it takes. */
  async function drain(at = new Date()): Promise<void> {
    for (let i = 0; i < 20; i++) {
      const pass = await worker.runOnce(at);
      if (pass.sent + pass.retried + pass.failed === 0) return;
    }
  }

  it('the manager approves and the requester gets a text and HTML mail with the link to the ticket', async () => {
    const ticket = await newTicket('Mail on approval');
    await drain();
    smtp.mails.length = 0;
    expect((await act(t, manager, ticket.id, 'approve', { comment: 'Go ahead' })).status).toBe(200);
    await drain();
    expect(smtp.mails).toHaveLength(1);
    const [mail] = smtp.mails;
    expect(mail?.to).toEqual(['rita.jensen@bdc.example']);
    expect(mail?.raw).toContain(`Subject: [${ticket.ticketNumber}] Approved: Mail on approval`);
    expect(mail?.raw).toContain('Content-Type: text/plain');
    expect(mail?.raw).toContain('Content-Type: text/html');
    expect(mail?.raw).toContain('Go ahead');
    expect(mail?.raw).toContain(`Open the ticket: ${PUBLIC_URL}/tickets/${ticket.id}`);
    expect(mail?.raw).toContain(`<a href="${PUBLIC_URL}/tickets/${ticket.id}">`);
    const approved = (await rowsOf(ticket.id)).find((r) => r.notificationType === 'approved');
    expect(approved).toMatchObject({ status: 'sent', attempts: 1, errorMessage: null, claimedBy: null });
    expect(approved?.sentAt).toBeInstanceOf(Date);
  });

  it('a user who turned email off for the event gets it in-app only', async () => {
    const token = await t.login('manager2');
    await t.http.put('/api/notifications/preferences', { token, body: { items: [{ event: 'submitted', email: false }] } });
    const ticket = await newTicket('Quiet for manager2');
    const rows = await rowsOf(ticket.id);
    expect(rows.find((r) => r.recipientEmail === 'daniel.kim@bdc.example')?.status).toBe('skipped');
    expect(rows.filter((r) => r.status === 'pending')).toHaveLength(2);
    await drain();
  });

  it('SMTP down: the row stays pending with a backoff, then goes out when it returns', async () => {
    await drain();
    const port = smtp.port;
    await smtp.stop();
    smtp.mails.length = 0;
    const ticket = await newTicket('While the mail server is down');
    const firstPass = await worker.runOnce();
    expect(firstPass.retried).toBeGreaterThan(0);
    let rows = await rowsOf(ticket.id);
    for (const row of rows.filter((r) => r.status !== 'skipped')) {
      expect(row.status).toBe('pending');
      expect(row.attempts).toBe(1);
      expect(row.errorMessage).toMatch(/ECONNREFUSED|connect/i);
      expect(row.nextAttemptAt?.getTime() ?? 0).toBeGreaterThan(Date.now());
    }
    // Not yet due: a pass right away sends nothing.
    await smtp.start(port);
    expect((await worker.runOnce()).sent).toBe(0);
    await drain(new Date(Date.now() + BACKOFF_MS + 2000));
    rows = await rowsOf(ticket.id);
    expect(rows.filter((r) => r.status === 'pending')).toEqual([]);
    expect(rows.filter((r) => r.status === 'sent').map((r) => r.attempts)).toEqual(rows.filter((r) => r.status === 'sent').map(() => 2));
    expect(smtp.mails.map((m) => m.to[0]).sort()).toEqual(rows.filter((r) => r.status === 'sent').map((r) => r.recipientEmail).sort());
  });

  it('gives up after the maximum attempts and keeps the error', async () => {
    await drain();
    const port = smtp.port;
    await smtp.stop();
    const ticket = await newTicket('Never delivered');
    let at = Date.now();
    for (let attempt = 1; attempt <= 3; attempt++) {
      await worker.runOnce(new Date(at));
      at += backoffMs(BACKOFF_MS, attempt) + 2000;
    }
    const rows = (await rowsOf(ticket.id)).filter((r) => r.status !== 'skipped');
    expect(rows.map((r) => [r.status, r.attempts])).toEqual(rows.map(() => ['failed', 3]));
    expect(rows.every((r) => (r.errorMessage ?? '').length > 0)).toBe(true);
    await smtp.start(port);
    expect((await worker.runOnce(new Date(at + 3_600_000))).sent).toBe(0);
  });

  it('two workers on one database send each row exactly once', async () => {
    await drain();
    smtp.mails.length = 0;
    const tickets = [];
    for (let i = 0; i < 8; i++) tickets.push(await newTicket(`Race ${i}`));
    const other = new NotificationWorker(t.app.get(DatabaseService), t.app.get(AppConfig));
    for (let round = 0; round < 10; round++) {
      const passes = await Promise.all([worker.runOnce(), other.runOnce(), worker.runOnce(), other.runOnce()]);
      if (passes.every((p) => p.sent === 0)) break;
    }
    await other.onApplicationShutdown();
    const rows = (await Promise.all(tickets.map((x) => rowsOf(x.id)))).flat().filter((r) => r.status !== 'skipped');
    expect(rows.map((r) => [r.status, r.attempts])).toEqual(rows.map(() => ['sent', 1]));
    const delivered = smtp.mails.map((m) => `${m.to[0]} ${/Subject: (.*)/.exec(m.raw)?.[1]}`);
    expect(delivered).toHaveLength(rows.length);
    expect(new Set(delivered).size).toBe(rows.length);
  });
});

const mariadb = testMysqlUrl() ? describe : describe.skip;

mariadb('notifications: two API processes on one MariaDB database', () => {
  let t: TestApp;
  let smtp: SmtpCapture;

  beforeAll(async () => {
    smtp = await new SmtpCapture().start();
    t = await createTestApp('mysql', { configOverrides: { notifications: settings(smtp.url, { batchSize: 3 }) } });
    await createStock(t, { componentType: 'ram', model: MODEL.ramSamsung32, count: 20 });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  it('claims with SKIP LOCKED: each row goes out exactly once', async () => {
    const second = await createSecondInstance(t);
    try {
      const requester = await t.login('requester');
      for (let i = 0; i < 10; i++) await createTicket(t, requester, { title: `Two processes ${i}`, items: [addItem('ram', MODEL.ramSamsung32, 1)] });
      const workers = [t.app.get(NotificationWorker), second.get(NotificationWorker)];
      for (let round = 0; round < 20; round++) {
        const passes = await Promise.all(workers.map((w) => w.runOnce()));
        if (passes.every((p) => p.sent === 0)) break;
      }
      const rows = await t.dataSource.manager.find(TicketNotificationEntity, { where: { status: 'sent' } });
      expect(rows).toHaveLength(30);
      const delivered = smtp.mails.map((m) => `${m.to[0]} ${/Subject: (.*)/.exec(m.raw)?.[1]}`);
      expect(delivered).toHaveLength(30);
      expect(new Set(delivered).size).toBe(30);
    } finally {
      await second.close();
    }
  });
});
