import { afterAll, beforeAll, expect, it } from 'vitest';
import { dayInTimeZone, formatTicketNumber, type ErrorBody, type TicketDetail } from '@bdc/contracts';
import { describeEachEngine } from './engines';
import { createTestApp, type TestApp } from './harness';
import { createCatalogModel, createStock, findStock } from './factories';
import { act, addItem, createTicket, history, SERVER, ticketBody } from './ticket-helpers';

/** UTC+14: its calendar day differs from UTC's for ten hours a day, so a UTC day would show. */
const TIME_ZONE = 'Pacific/Kiritimati';

describeEachEngine('ticket concurrency', (engine) => {
  let t: TestApp;
  let requester: string;
  let manager: string;
  let manager2: string;

  beforeAll(async () => {
    t = await createTestApp(engine, { configOverrides: { timeZone: TIME_ZONE } });
    [requester, manager, manager2] = await Promise.all(['requester', 'manager', 'manager2'].map((u) => t.login(u)));
  });
  afterAll(async () => t?.close());

  it('numbers 20 parallel creations 0001..0020 of the configured day, without duplicates or gaps', async () => {
    const day = dayInTimeZone(new Date(), TIME_ZONE);
    const tokens = [requester, manager, manager2, await t.login('tech'), await t.login('admin')];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.http.post<TicketDetail>('/api/tickets', { token: tokens[i % tokens.length], body: ticketBody({ title: `Parallel ${i}` }) })),
    );
    expect(results.map((r) => r.status)).toEqual(Array.from({ length: 20 }, () => 201));
    const numbers = results.map((r) => r.body.ticketNumber).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => formatTicketNumber(day, i + 1)));

    // A creation that fails (422) gives its number back: the next one continues the sequence.
    const invalid = await t.http.post<ErrorBody>('/api/tickets', { token: requester, body: ticketBody({ items: [addItem('ram', 'no-such-model')] }) });
    expect(invalid.status).toBe(422);
    expect((await createTicket(t, requester)).ticketNumber).toBe(formatTicketNumber(day, 21));
  });

  it('lets exactly one of two managers approving at once win; the other gets 409', async () => {
    for (let round = 0; round < 3; round++) {
      const ticket = await createTicket(t, requester, { title: `Race ${round}` });
      const results = await Promise.all([act(t, manager, ticket.id, 'approve'), act(t, manager2, ticket.id, 'approve')]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(results.find((r) => r.status === 409)?.body.code).toBe('INVALID_TRANSITION');
      const winner = results.find((r) => r.status === 200);
      expect(winner?.body.status).toBe('approved');
      const entries = await history(t, manager, ticket.id);
      expect(entries.filter((h) => h.action === 'status_change')).toHaveLength(1);
      // One reservation for the two units of the ticket, not two.
      expect(entries.filter((h) => h.action === 'stock_reserved')).toHaveLength(1);
    }
  });

  it('never reserves one unit for two tickets approved at the same time', async () => {
    const model = await createCatalogModel(t, { componentType: 'nic', specifications: { pcie_lanes: 4, power_W: 5 } });
    await createStock(t, { componentType: 'nic', model: model.uuid, count: 1 });
    const a = await createTicket(t, requester, { targetServerUuid: SERVER.k8sNode05, items: [addItem('nic', model.uuid)] });
    const b = await createTicket(t, requester, { targetServerUuid: SERVER.k8sNode05, items: [addItem('nic', model.uuid)] });
    const results = await Promise.all([act(t, manager, a.id, 'approve'), act(t, manager2, b.id, 'approve')]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 422]);
    expect(results.find((r) => r.status === 422)?.body.code).toBe('ITEMS_INVALID');
    expect((await findStock(t, { model: model.uuid })).map((u) => u.status)).toEqual(['reserved']);
  });
});
