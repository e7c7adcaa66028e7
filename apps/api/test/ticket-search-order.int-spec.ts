import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { TicketsRepository } from '../src/tickets/tickets.repository';
import type { TicketPage } from '@bdc/contracts';
import { describeEachEngine } from './engines';
import { createTestApp, type TestApp } from './harness';
import { countStatements } from './statement-count';

/** The ticket list as `token` sees it (a 200, or the test fails with the answer). */
async function listAs(t: TestApp, token: string, query: Record<string, string | number>): Promise<TicketPage> {
  const res = await t.http.get<TicketPage>('/api/tickets', { token, query });
  if (res.status !== 200) throw new Error(`list failed: ${res.status} ${res.text}`);
  return res.body;
}

/** A ticket written directly with the id and dates it is given: [id, ticket number, title, created at]. */
type TicketRow = [id: number, ticketNumber: string, title: string, createdAt: string];

/** Writes TicketRows (the API would choose their ids and dates itself), one statement per call, for the requester. */
async function ticketWriter(t: TestApp, description: string): Promise<(rows: readonly TicketRow[]) => Promise<unknown>> {
  const [creator] = await t.dataSource.query<{ id: number }[]>("SELECT id FROM users WHERE username = 'requester'");
  const [server] = await t.dataSource.query<{ uuid: string }[]>('SELECT config_uuid AS uuid FROM server_configurations ORDER BY id LIMIT 1');
  return (rows) =>
    t.dataSource.query(
      `INSERT INTO tickets (id, ticket_number, title, description, ticket_type, priority, target_server_uuid, target_server_name, status, created_by, created_at, updated_at)
       VALUES ${rows.map(() => "(?, ?, ?, ?, 'component_addition', 'normal', ?, 'srv', 'completed', ?, ?, ?)").join(', ')}`,
      rows.flatMap(([id, ticketNumber, title, createdAt]) => [id, ticketNumber, title, description, server?.uuid, creator?.id, createdAt, createdAt]),
    );
}

/**
 * The newest-first word search on MariaDB reads the newest ids in chunks (TicketsRepository
 * searchNewestById) and trusts ids to follow creation only after checking for tickets that do not:
 * here ids are spread thousands apart (as after imports or Galera's id steps) and one ticket with an
 * old, low id was created last. Every way of reading the list (by id chunks, by the full-text index
 * through another sort or a cursor) must agree on the order, and totals must say what they are.
 */
describeEachEngine('ticket search order across sparse ids and out-of-order creation', (engine) => {
  let t: TestApp;
  let manager: string;
  const WORD = 'zebrafinchx';
  const SPREAD = 60;

  const list = (query: Record<string, string | number>) => listAs(t, manager, query);

  beforeAll(async () => {
    t = await createTestApp(engine, { demoTickets: true });
    manager = await t.login('manager');
    const write = await ticketWriter(t, 'Spread for the search order test');
    const insert = (id: number, n: number, createdAt: string) => write([[id, `TKT-19990101-${String(n).padStart(4, '0')}`, `Check the ${WORD} cabling ${n}`, createdAt]]);
    // Ids 3,000 apart, newer ids created later: more ids than one chunk reads, fewer matches than a page needs from one.
    for (let i = 0; i < SPREAD; i++) {
      await insert(2_000_000 + i * 3_000, i + 1, new Date(Date.UTC(2030, 0, 1, 0, i)).toISOString().slice(0, 19).replace('T', ' '));
    }
    // A low id created after all of them: the newest ticket of the search.
    await insert(1_000_000, 999, '2031-06-01 12:00:00');
  });
  afterAll(async () => t?.close());

  it('puts a ticket whose id is older than its creation where its creation date says', async () => {
    const byTitle = await list({ q: WORD, sort: 'title', pageSize: 100 });
    expect(byTitle).toMatchObject({ total: SPREAD + 1, totalIsLowerBound: false });
    // A page larger than the id chunks can fill goes to the full-text index: the reference order, newest first.
    const reference: number[] = [];
    let reply = await list({ q: WORD, pageSize: 100 });
    reference.push(...reply.items.map((i) => i.id));
    expect(reference[0]).toBe(1_000_000);
    expect(reference).toHaveLength(SPREAD + 1);
    for (let page = 1; page <= 4; page++) {
      reply = await list({ q: WORD, pageSize: 5, page });
      expect([page, reply.items.map((i) => i.id)]).toEqual([page, reference.slice((page - 1) * 5, page * 5)]);
      // Chunks that stopped before the list's end can only say "at least".
      expect(reply.total).toBeGreaterThanOrEqual(page * 5 + 1);
      if (!reply.totalIsLowerBound) expect(reply.total).toBe(SPREAD + 1);
    }
    const walked: number[] = [];
    for (let next = await list({ q: WORD, pageSize: 7 }), guard = 0; guard < 20; guard++) {
      walked.push(...next.items.map((i) => i.id));
      if (!next.nextCursor) break;
      next = await list({ q: WORD, pageSize: 7, cursor: next.nextCursor });
    }
    expect(walked).toEqual(reference);
  });

  it('finds the tickets whose pinned serial a word starts, whether a few tickets pin one or many', async () => {
    const write = await ticketWriter(t, 'Serials for the search order test');
    const pin = async (ids: number[], serial: (i: number) => string) =>
      t.dataSource.query(
        `INSERT INTO ticket_items (ticket_id, position, item_type, action, component_type, component_serial, quantity, validation_status)
         VALUES ${ids.map(() => "(?, 0, 'component', 'remove', 'ram', ?, 1, 'valid')").join(', ')}`,
        ids.flatMap((id, i) => [id, serial(i)]),
      );
    const at = (minute: number) => new Date(Date.UTC(2033, 0, 1, 0, minute)).toISOString().slice(0, 19).replace('T', ' ');
    // 3 tickets pin a serial starting "wombatserial" (looked up once), 520 one starting "okapiserial"
    // (more than the search looks up at once: matched ticket by ticket); their titles name neither.
    const few = [6_000_000, 6_000_010, 6_000_020];
    const many = Array.from({ length: 520 }, (_, i) => 6_100_000 + i);
    await write(few.map((id, i) => [id, `TKT-20330101-${String(i + 1).padStart(4, '0')}`, `Pulled module ${i}`, at(i)]));
    for (let from = 0; from < many.length; from += 260) {
      await write(many.slice(from, from + 260).map((id, i) => [id, `TKT-20330102-${String(from + i + 1).padStart(4, '0')}`, `Pulled part ${from + i}`, at(100 + from + i)]));
    }
    await pin(few, (i) => `WOMBATSERIAL-${'ABC'[i]}`);
    await pin(many, (i) => `OKAPISERIAL-${i}`);
    const fewReply = await list({ q: 'wombatserial', pageSize: 50 });
    expect(fewReply.items.map((i) => i.id)).toEqual([...few].reverse());
    expect(fewReply.total).toBe(3);
    const newestMany = [...many].reverse();
    for (let page = 1; page <= 2; page++) {
      const reply = await list({ q: 'okapiserial', pageSize: 50, page });
      expect([page, reply.items.map((i) => i.id)]).toEqual([page, newestMany.slice((page - 1) * 50, page * 50)]);
    }
    expect(await list({ q: 'okapiserial', sort: 'title', pageSize: 5 })).toMatchObject({ total: many.length, totalIsLowerBound: false });
  });

  it('counts a search exactly with its page, and past its end', async () => {
    for (const page of [1, 2, 13, 30]) {
      const reply = await list({ q: 'TKT-19990101', pageSize: 5, page });
      expect([page, reply.total, reply.totalIsLowerBound]).toEqual([page, SPREAD + 1, false]);
      expect([page, reply.items.length]).toEqual([page, Math.max(0, Math.min(5, SPREAD + 1 - (page - 1) * 5))]);
    }
  });
});

/**
 * Where the 2,500 newest tickets get their ids, in two layouts: the newest 1,250 and the oldest 1,250 swap
 * between consecutive ids and every other id. What is left after the first chunk of strays (the newest
 * 2,000) is then one block of consecutive ids (found by its bounds and count alone, matched as one range)
 * or scattered ids (read id by id and matched by lists of ids).
 */
const STRAY_LAYOUTS = [
  { rest: 'one block', lateId: (i: number, half: number) => (i < half ? 500_000 + i : 600_000 + 2 * i) },
  { rest: 'scattered', lateId: (i: number, half: number) => (i < half ? 500_000 + 2 * i : 600_000 + i) },
] as const;

for (const layout of STRAY_LAYOUTS) {
  /**
   * The newest tickets with the lowest ids (filed before a bulk load of older ones, as when a site imports
   * its BDC IMS history after going live): the id walk reads the old tickets first, and the newer ones
   * below them ("strays", TicketsRepository.matchStrays) must still come first, found without the
   * full-text index. A database of its own per layout: the data set above stays what its tests were written for.
   */
  describeEachEngine(`ticket search order when the newest tickets have the lowest ids (the rest of them ${layout.rest})`, (engine) => {
    let t: TestApp;
    let manager: string;
    const LATE_WORD = 'quokkabayx';
    const LATE_BLOCK = 2_500;
    const LATE_EVERY = 25;
    const OLD_BLOCK = 200;
    const expectedLate: number[] = [];

    const list = (query: Record<string, string | number>) => listAs(t, manager, query);

    beforeAll(async () => {
      // No demo tickets: dated today, at the lowest ids, they would be strays too and break the block.
      t = await createTestApp(engine, { demoTickets: false });
      manager = await t.login('manager');
      const write = await ticketWriter(t, 'Out of order for the search test');
      // The newest tickets have the lower ids (created before a bulk load of older ones): 2,500 of them, one
      // in 25 naming LATE_WORD, the older 1,250 from 500,000 and the newer from 600,000, consecutive or at
      // every other id as the layout says; then 200 tickets of 2001, all naming it, at ids 3,000,000….
      const rows = (id: (i: number) => number, count: number, day: string, title: (i: number) => string, at: (i: number) => string): TicketRow[] =>
        Array.from({ length: count }, (_, i) => [id(i), `TKT-${day}-${String(i + 1).padStart(4, '0')}`, title(i), at(i)]);
      const when = (base: number, seconds: number) => new Date(base + seconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
      const lateId = (i: number) => layout.lateId(i, LATE_BLOCK / 2);
      const late = rows(lateId, LATE_BLOCK, '20320101', (i) => (i % LATE_EVERY === 0 ? `Swap the ${LATE_WORD} fan ${i}` : `Swap a fan ${i}`), (i) => when(Date.UTC(2032, 0, 1), i));
      const old = rows((i) => 3_000_000 + i, OLD_BLOCK, '20010101', (i) => `Old ${LATE_WORD} ticket ${i}`, (i) => when(Date.UTC(2001, 0, 1), i * 60));
      for (const block of [late, old]) {
        for (let at = 0; at < block.length; at += 500) await write(block.slice(at, at + 500));
      }
      // Newest first: the late block's matches (newest last inserted), then the old block's.
      expectedLate.push(...late.filter((_, i) => i % LATE_EVERY === 0).map(([id]) => id).reverse(), ...old.map(([id]) => id).reverse());
    });
    afterAll(async () => t?.close());

    it('finds the newest matches first when the newest tickets have the lowest ids, without the full-text index on MariaDB', async () => {
      const counter = countStatements(t);
      const idReads = vi.spyOn(t.app.get(TicketsRepository) as unknown as { strayIdsAfter: () => Promise<unknown> }, 'strayIdsAfter');
      for (let page = 1; page <= 3; page++) {
        const { res: reply, sql } = await counter.measure(() => list({ q: LATE_WORD, pageSize: 50, page }));
        expect([page, reply.items.map((i) => i.id)]).toEqual([page, expectedLate.slice((page - 1) * 50, page * 50)]);
        expect(reply.total).toBeGreaterThanOrEqual(Math.min(expectedLate.length, page * 50 + 1));
        if (!reply.totalIsLowerBound) expect(reply.total).toBe(expectedLate.length);
        // The id walk reads the old block first and finds the newer, lower ids by the created_at index:
        // 3,000 rows, where the full-text index would score every ticket naming the word (seconds at 1M).
        if (engine === 'mysql') expect(sql.filter((q) => /\bAGAINST\b/i.test(q)), `page ${page}`).toEqual([]);
      }
      // The 500 strays after the first chunk: one block is found by its bounds and count alone and
      // matched as one range; only scattered ones are read id by id.
      if (engine === 'mysql') expect(idReads.mock.calls.length > 0).toBe(layout.rest === 'scattered');
    });
  });
}
