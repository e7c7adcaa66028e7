import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { dayInTimeZone, formatTicketNumber, type TicketDetail } from '@bdc/contracts';
import { AppConfig } from '../src/config/app-config';
import { testMysqlUrl } from './engines';
import { createSecondInstance, createTestApp, injectHttp, type TestApp, type TestHttp } from './harness';
import { act, createTicket, ticketBody } from './ticket-helpers';

/**
 * Scale-out runs several stateless API processes on one MariaDB database (architecture §6). Two
 * application instances with their own connection pools stand in for two processes: nothing they
 * share in memory could make numbering or approvals correct, only the database can.
 */
const suite = testMysqlUrl() ? describe : describe.skip;
const title = testMysqlUrl() ? 'two API instances on one MariaDB database' : 'two API instances on one MariaDB database (skipped: TEST_MYSQL_URL not set)';

suite(title, () => {
  let t: TestApp;
  let second: NestFastifyApplication;
  /** The second instance's HTTP client. */
  let onSecond: TestHttp;

  beforeAll(async () => {
    t = await createTestApp('mysql');
    second = await createSecondInstance(t);
    onSecond = injectHttp(second);
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  it('numbers tickets created on both at once without duplicates or gaps', async () => {
    const token = await t.login('requester');
    const day = dayInTimeZone(new Date(), t.app.get(AppConfig).timeZone);
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        i % 2 === 0
          ? t.http.post<TicketDetail>('/api/tickets', { token, body: ticketBody({ title: `First instance ${i}` }) })
          : onSecond.post<TicketDetail>('/api/tickets', { token, body: ticketBody({ title: `Second instance ${i}` }) }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array.from({ length: 24 }, () => 201));
    expect(results.map((r) => r.body.ticketNumber).sort()).toEqual(Array.from({ length: 24 }, (_, i) => formatTicketNumber(day, i + 1)));
  });

  it('lets exactly one approval win when two managers approve on different instances', async () => {
    const requester = await t.login('requester');
    const [manager, manager2] = [await t.login('manager'), await t.login('manager2')];
    for (let round = 0; round < 3; round++) {
      const ticket = await createTicket(t, requester, { title: `Cross-instance race ${round}` });
      const results = await Promise.all([act(t, manager, ticket.id, 'approve'), onSecond.post<{ code?: string }>(`/api/tickets/${ticket.id}/approve`, { token: manager2, body: {} })]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    }
  });
});
