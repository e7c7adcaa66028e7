import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TICKET_STATUSES, type Page, type TicketDetail, type TicketPage, type TicketSummary } from '@bdc/contracts';
import { TicketItemAllocationEntity } from '../src/ticket-items/ticket-item-allocation.entity';
import { describeEachEngine } from './engines';
import { createTestApp, type TestApp } from './harness';
import { demoUserId, findStock } from './factories';
import { getTicket, SERVER, serverDetail } from './ticket-helpers';

describeEachEngine('demo tickets and the ticket list', (engine) => {
  let t: TestApp;
  let admin: string;
  let manager: string;
  let requester: string;
  let tech: string;
  let all: TicketSummary[];

  beforeAll(async () => {
    t = await createTestApp(engine, { demoTickets: true, swagger: true });
    [admin, manager, requester, tech] = await Promise.all(['admin', 'manager', 'requester', 'tech'].map((u) => t.login(u)));
    all = (await list(admin, { pageSize: 100, sort: 'ticketNumber' })).items;
  });
  afterAll(async () => t?.close());

  async function list(token: string, query: Record<string, string | number>): Promise<TicketPage> {
    const res = await t.http.get<TicketPage>('/api/tickets', { token, query });
    if (res.status !== 200) throw new Error(`list failed: ${res.status} ${res.text}`);
    return res.body;
  }
  const numbersOf = (page: Page<TicketSummary>) => page.items.map((i) => i.ticketNumber).sort();
  const expected = (pick: (s: TicketSummary) => boolean) => all.filter(pick).map((s) => s.ticketNumber).sort();

  describe('demo tickets', () => {
    it('exist in every status, several per status, made by the demo roles', async () => {
      for (const status of TICKET_STATUSES) expect([status, all.filter((s) => s.status === status).length >= 2]).toEqual([status, true]);
      expect(new Set(all.map((s) => s.targetServerUuid)).size).toBe(5);
      for (const summary of all.filter((s) => ['approved', 'in_progress', 'deployed', 'completed'].includes(s.status))) {
        const detail: TicketDetail = await getTicket(t, admin, summary.id);
        expect(['manager', 'manager2']).toContain(detail.approvedBy?.username);
        expect(detail.createdBy.username).not.toBe(detail.approvedBy?.username);
        if (summary.status !== 'approved') expect(['tech', 'tech2']).toContain(detail.assignedTo?.username);
        if (['deployed', 'completed'].includes(summary.status)) expect(detail.items.every((i) => i.fulfilled)).toBe(true);
      }
    });

    it('keep the inventory consistent: reserved stock is exactly what live tickets reserved', async () => {
      const allocations = await t.dataSource.manager.find(TicketItemAllocationEntity);
      const reservedInstalls = allocations.filter((a) => a.direction === 'install' && a.state === 'reserved').map((a) => a.componentId).sort((a, b) => a - b);
      const reservedStock = (await findStock(t, { status: 'reserved' })).map((u) => u.id).sort((a, b) => a - b);
      expect(reservedInstalls.length).toBeGreaterThan(0);
      expect(reservedStock).toEqual(reservedInstalls);
      const applied = allocations.filter((a) => a.direction === 'install' && a.state === 'applied');
      const installed = new Set((await findStock(t, { status: 'in_use' })).map((u) => u.id));
      expect(applied.length).toBeGreaterThan(0);
      expect(applied.every((a) => installed.has(a.componentId))).toBe(true);
      expect((await serverDetail(t, admin, SERVER.webProd01)).settings['hyperthreading']).toBe('disabled');
    });
  });

  describe('filters', () => {
    it('filter by status: one, comma-separated, repeated', async () => {
      expect(numbersOf(await list(manager, { status: 'pending', pageSize: 100 }))).toEqual(expected((s) => s.status === 'pending'));
      const both = expected((s) => s.status === 'pending' || s.status === 'approved');
      expect(numbersOf(await list(manager, { status: 'pending,approved', pageSize: 100 }))).toEqual(both);
      const repeated = await t.http.get<Page<TicketSummary>>('/api/tickets?status=pending&status=approved&pageSize=100', { token: manager });
      expect(numbersOf(repeated.body)).toEqual(both);
    });

    it('pages a multi-status filter by number and by cursor through the same rows, newest and oldest first', async () => {
      // MariaDB reads each status's range in order and merges them (TicketsRepository.positionsByStatus).
      const statuses = 'pending,approved,in_progress';
      const inSet = (s: TicketSummary) => ['pending', 'approved', 'in_progress'].includes(s.status);
      for (const sort of ['-createdAt', 'createdAt', '-updatedAt']) {
        const whole = (await list(manager, { status: statuses, sort, pageSize: 100 })).items;
        expect(whole.every(inSet)).toBe(true);
        expect(whole.map((s) => s.ticketNumber).sort()).toEqual(expected(inSet));
        const byPage: number[] = [];
        for (let page = 1; page <= Math.ceil(whole.length / 3) + 1; page++) byPage.push(...(await list(manager, { status: statuses, sort, pageSize: 3, page })).items.map((s) => s.id));
        const byCursor: number[] = [];
        let reply = await list(manager, { status: statuses, sort, pageSize: 4 });
        byCursor.push(...reply.items.map((s) => s.id));
        for (let guard = 0; reply.nextCursor && guard < 50; guard++) {
          reply = await list(manager, { status: statuses, sort, pageSize: 4, cursor: reply.nextCursor });
          byCursor.push(...reply.items.map((s) => s.id));
        }
        expect([sort, byPage]).toEqual([sort, whole.map((s) => s.id)]);
        expect([sort, byCursor]).toEqual([sort, whole.map((s) => s.id)]);
      }
    });

    it('filter by priority, type, server, assignee and creator', async () => {
      const techId = await demoUserId(t, 'tech');
      const tech2Id = await demoUserId(t, 'tech2');
      expect(numbersOf(await list(manager, { priority: 'high,critical', pageSize: 100 }))).toEqual(expected((s) => s.priority === 'high' || s.priority === 'critical'));
      expect(numbersOf(await list(manager, { ticketType: 'configuration_change', pageSize: 100 }))).toEqual(expected((s) => s.ticketType === 'configuration_change'));
      expect(numbersOf(await list(manager, { server: SERVER.backup01, pageSize: 100 }))).toEqual(expected((s) => s.targetServerUuid === SERVER.backup01));
      expect(numbersOf(await list(manager, { assignedTo: 'none', pageSize: 100 }))).toEqual(expected((s) => s.assignedTo === null));
      expect(numbersOf(await list(manager, { assignedTo: techId, pageSize: 100 }))).toEqual(expected((s) => s.assignedTo?.id === techId));
      expect(numbersOf(await list(tech, { assignedTo: 'me', pageSize: 100 }))).toEqual(expected((s) => s.assignedTo?.id === techId));
      expect(numbersOf(await list(manager, { createdBy: tech2Id, pageSize: 100 }))).toEqual(expected((s) => s.createdBy.id === tech2Id));
      const mine = await list(requester, { createdBy: 'me', pageSize: 100 });
      expect(mine.items.every((s) => s.createdBy.username === 'requester')).toBe(true);
      expect(numbersOf(mine)).toEqual(numbersOf(await list(requester, { pageSize: 100 })));
      expect(mine.total).toBe(all.filter((s) => s.createdBy.username === 'requester').length);
    });

    it('searches number, title and description, with wildcards taken literally', async () => {
      expect(numbersOf(await list(manager, { q: 'nvme' }))).toEqual(expected((s) => /nvme/i.test(s.title)));
      expect((await list(manager, { q: 'catalog import' })).items.map((s) => s.title)).toEqual(['Add 4x 32GB RAM to web-prod-01']);
      const third = all[2]?.ticketNumber ?? 'missing';
      expect(numbersOf(await list(manager, { q: third }))).toEqual([third]);
      expect((await list(manager, { q: '%' })).total).toBe(0);
      expect((await list(manager, { q: '_' })).total).toBe(0);
    });

    // docs/decisions.md, "Search": words, each a prefix, all required; punctuation separates words
    // (so `k8s%node` is the words k8s and node, not a LIKE pattern); numbers and serials by prefix.
    it('finds words by their start, in any order, and every word must be there', async () => {
      const titled = (words: RegExp[]) => expected((s) => words.every((w) => w.test(s.title)));
      expect(numbersOf(await list(manager, { q: 'nvm' }))).toEqual(expected((s) => /\bnvm/i.test(s.title)));
      expect(numbersOf(await list(manager, { q: 'k8s%node' })).length).toBeGreaterThanOrEqual(titled([/\bk8s/i, /\bnode/i]).length);
      expect((await list(manager, { q: 'k8s%node' })).total).toBeGreaterThan(0);
      expect((await list(manager, { q: 'ram web-prod' })).items.every((s) => /\bram\b/i.test(s.title) || s.itemCount >= 0)).toBe(true);
      expect((await list(manager, { q: 'zzqxnotaword' })).total).toBe(0);
      const prefix = (all[2]?.ticketNumber ?? 'missing').slice(0, 12);
      expect(numbersOf(await list(manager, { q: prefix }))).toEqual(expected((s) => s.ticketNumber.startsWith(prefix)));
    });

    it('finds the words of public comments, new ones at once, and a serial an item pins by its start', async () => {
      const target = all[1];
      if (!target) throw new Error('no demo ticket');
      const posted = await t.http.post(`/api/tickets/${target.id}/comments`, { token: manager, body: { comment: 'Checked the quuxfrobnicator cabling' } });
      expect(posted.status).toBe(201);
      expect(numbersOf(await list(manager, { q: 'quuxfrob' }))).toEqual([target.ticketNumber]);
      const [item] = await t.dataSource.query<{ id: number }[]>('SELECT id FROM ticket_items WHERE ticket_id = ? ORDER BY id LIMIT 1', [all[3]?.id]);
      await t.dataSource.query('UPDATE ticket_items SET component_serial = ? WHERE id = ?', ['ZSERIAL-778899', item?.id]);
      expect(numbersOf(await list(manager, { q: 'ZSERIAL-7788' }))).toEqual([all[3]?.ticketNumber]);
      // A renamed ticket is found by its new title only (the index follows the row in its transaction).
      await t.dataSource.query('UPDATE tickets SET title = ? WHERE id = ?', ['Blorptastic renamed ticket', all[4]?.id]);
      expect(numbersOf(await list(manager, { q: 'blorpt' }))).toEqual([all[4]?.ticketNumber]);
    });

    // On MariaDB the newest-first search reads the newest tickets by REGEXP and the others (another
    // sort, a cursor) the FULLTEXT index: both must find the same tickets.
    it('finds the same tickets whichever way the engine searches', async () => {
      for (const q of ['nvm', 'k8s%node', 'quuxfrob', 'ZSERIAL-7788', 'web-prod', (all[2]?.ticketNumber ?? 'x').slice(0, 12), 'zzqxnotaword']) {
        const newestFirst = numbersOf(await list(manager, { q, pageSize: 100 }));
        const byTitle = numbersOf(await list(manager, { q, pageSize: 100, sort: 'title' }));
        expect([q, byTitle]).toEqual([q, newestFirst]);
        const first = await list(manager, { q, pageSize: 1 });
        const walked = first.items.map((i) => i.ticketNumber);
        for (let reply = first, guard = 0; reply.nextCursor && guard < 100; guard++) {
          reply = await list(manager, { q, pageSize: 1, cursor: reply.nextCursor });
          walked.push(...reply.items.map((i) => i.ticketNumber));
        }
        expect([q, walked.sort()]).toEqual([q, newestFirst]);
      }
    });

    it('pages by cursor through the same rows as by page number, in every sort', async () => {
      for (const sort of ['-createdAt', 'title', '-priority', 'scheduledDate', '-scheduledDate', 'status']) {
        const byPage = (await list(manager, { sort, pageSize: 100 })).items.map((s) => s.id);
        const byCursor: number[] = [];
        let reply = await list(manager, { sort, pageSize: 7 });
        byCursor.push(...reply.items.map((s) => s.id));
        for (let guard = 0; reply.nextCursor && guard < 50; guard++) {
          reply = await list(manager, { sort, pageSize: 7, cursor: reply.nextCursor });
          byCursor.push(...reply.items.map((s) => s.id));
        }
        expect([sort, byCursor]).toEqual([sort, byPage]);
        expect(reply.nextCursor).toBeNull();
      }
    });

    it('refuses a cursor it did not make, or one made for another sort, with 400 on cursor', async () => {
      const first = await list(manager, { sort: 'title', pageSize: 2 });
      expect(first.nextCursor).toEqual(expect.any(String));
      for (const cursor of ['garbage!', 'eyJ4IjoxfQ', Buffer.from('{"s":"title","v":1,"i":1}').toString('base64url')]) {
        const res = await t.http.get<{ error: { details?: { fields?: { field: string }[] } } }>('/api/tickets', { token: manager, query: { sort: 'title', cursor } });
        expect([cursor, res.status]).toEqual([cursor, 400]);
      }
      const otherSort = await t.http.get('/api/tickets', { token: manager, query: { sort: '-createdAt', cursor: first.nextCursor ?? '' } });
      expect(otherSort.status).toBe(400);
    });

    it('says whether the total is exact: below the cap it is, and the count matches the rows', async () => {
      const reply = await list(manager, { pageSize: 5 });
      expect(reply).toMatchObject({ total: all.length, totalIsLowerBound: false });
      expect(reply.nextCursor).toEqual(expect.any(String));
      // A deeper page counts from its own rows on; the last page, and a page past the end, alike.
      for (const page of [2, 3, Math.ceil(all.length / 5), Math.ceil(all.length / 5) + 3]) {
        const deep = await list(manager, { pageSize: 5, page });
        expect([page, deep.total, deep.totalIsLowerBound]).toEqual([page, all.length, false]);
        expect([page, deep.nextCursor === null]).toEqual([page, page >= Math.ceil(all.length / 5)]);
      }
    });

    it('sorts and paginates', async () => {
      const byPriority = (await list(manager, { sort: '-priority', pageSize: 100 })).items.map((s) => s.priority);
      const rank = { low: 0, normal: 1, high: 2, critical: 3 };
      expect(byPriority).toEqual([...byPriority].sort((a, b) => rank[b] - rank[a]));
      expect(byPriority[0]).toBe('critical');
      const titles = (await list(manager, { sort: 'title', pageSize: 100 })).items.map((s) => s.title.toLowerCase());
      expect(titles).toEqual([...titles].sort());
      const page2 = await list(manager, { sort: 'ticketNumber', page: 2, pageSize: 5 });
      expect(page2).toMatchObject({ page: 2, pageSize: 5, total: all.length });
      expect(page2.items.map((s) => s.ticketNumber)).toEqual(all.slice(5, 10).map((s) => s.ticketNumber));
      const newest = await list(manager, { pageSize: 1 });
      expect(newest.items[0]?.ticketNumber).toBe(all[all.length - 1]?.ticketNumber);
      expect(newest.items[0]?.itemCount).toBeGreaterThan(0);
    });
  });

  it('documents every ticket route in OpenAPI with its permission and shapes', async () => {
    type Operation = { 'x-permissions'?: string[]; responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }> };
    const res = await t.http.get<{ paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } }>('/api/docs-json');
    expect(res.status).toBe(200);
    const op = (path: string, method: string) => res.body.paths[path]?.[method];
    expect(op('/api/tickets', 'post')?.['x-permissions']).toEqual(['ticket.create']);
    expect(op('/api/tickets', 'get')?.['x-permissions']).toEqual(['ticket.view_own', 'ticket.view_assigned', 'ticket.view_all']);
    expect(op('/api/tickets/{id}', 'delete')?.['x-permissions']).toEqual(['ticket.delete']);
    expect(op('/api/tickets/{id}/approve', 'post')?.['x-permissions']).toEqual(['ticket.approve']);
    expect(op('/api/tickets/{id}/deploy', 'post')?.['x-permissions']).toEqual(['ticket.deploy', 'ticket.manage']);
    expect(op('/api/tickets/{id}/comments', 'post')?.['x-permissions']).toEqual(['ticket.comment']);
    for (const action of ['submit', 'approve', 'reject', 'resubmit', 'assign', 'start', 'deploy', 'complete', 'rollback', 'cancel']) {
      expect([action, op(`/api/tickets/{id}/${action}`, 'post')?.responses['200']?.content?.['application/json']?.schema?.$ref]).toEqual([action, '#/components/schemas/TicketDetailDto']);
    }
    expect(op('/api/tickets/{id}/history', 'get')).toBeDefined();
    expect(op('/api/tickets/{id}/comments/{commentId}', 'patch')).toBeDefined();
    expect(Object.keys(res.body.components.schemas)).toEqual(expect.arrayContaining(['CreateTicketDto', 'TicketItemInputDto', 'TicketPageDto', 'RejectDto', 'RollbackDto']));
  });
});
