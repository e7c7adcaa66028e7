import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HISTORY_CSV_COLUMNS, TICKET_CSV_COLUMNS, type ListResult, type Page, type SavedFilter, type TicketSummary, type UserSummary } from '@bdc/contracts';
import { parse } from 'csv-parse/sync';
import { describeEachEngine } from './engines';
import { createTestApp, type TestApp } from './harness';
import { createTicket } from './ticket-helpers';

describeEachEngine('ticket CSV exports, list filters and saved filters', (engine) => {
  let t: TestApp;
  let admin: string;
  let manager: string;
  let requester: string;
  let tech: string;

  beforeAll(async () => {
    t = await createTestApp(engine, { demoTickets: true });
    [admin, manager, requester, tech] = await Promise.all(['admin', 'manager', 'requester', 'tech'].map((u) => t.login(u)));
  });
  afterAll(async () => t?.close());

  const csvRows = (text: string) => parse(text, { columns: true, bom: true }) as Record<string, string>[];
  async function listAll(token: string, query: Record<string, string>): Promise<TicketSummary[]> {
    const items: TicketSummary[] = [];
    for (let page = 1; ; page++) {
      const res = await t.http.get<Page<TicketSummary>>('/api/tickets', { token, query: { ...query, page: String(page), pageSize: '100' } });
      expect(res.status).toBe(200);
      items.push(...res.body.items);
      if (items.length >= res.body.total) return items;
    }
  }

  describe('GET /api/tickets/export.csv', () => {
    it('exports every page of the filtered list in its order, not just one page', async () => {
      // More than a page of 100: the export must not stop at the list's page size.
      for (let i = 0; i < 105; i++) await createTicket(t, requester, { title: `Export batch ${i}`, priority: 'low' });
      const res = await t.http.get('/api/tickets/export.csv', { token: admin, query: { priority: 'low', sort: 'ticketNumber' } });
      expect(res.status).toBe(200);
      expect(String(res.headers['content-type'])).toContain('text/csv');
      expect(String(res.headers['content-disposition'])).toContain('attachment; filename="tickets.csv"');
      const rows = csvRows(res.text);
      expect(Object.keys(rows[0] ?? {})).toEqual([...TICKET_CSV_COLUMNS]);
      const expected = await listAll(admin, { priority: 'low', sort: 'ticketNumber' });
      expect(expected.length).toBeGreaterThan(105);
      expect(rows.map((r) => r.ticket_number)).toEqual(expected.map((s) => s.ticketNumber));
      expect(rows.every((r) => r.priority === 'low')).toBe(true);
      expect(rows.find((r) => r.title === 'Export batch 0')?.requester).toBe('Rita Jensen');
    });

    it('exports only what the caller may see', async () => {
      const mine = await listAll(requester, {});
      const rows = csvRows((await t.http.get('/api/tickets/export.csv', { token: requester })).text);
      expect(rows.map((r) => r.ticket_number).sort()).toEqual(mine.map((s) => s.ticketNumber).sort());
      const everything = csvRows((await t.http.get('/api/tickets/export.csv', { token: admin })).text);
      expect(everything.length).toBeGreaterThan(rows.length);
    });

    it('defuses cells a spreadsheet would run as formulas', async () => {
      await createTicket(t, requester, { title: '=HYPERLINK("http://evil.example","x")', priority: 'critical' });
      const rows = csvRows((await t.http.get('/api/tickets/export.csv', { token: admin, query: { priority: 'critical', q: 'HYPERLINK' } })).text);
      expect(rows.map((r) => r.title)).toEqual(['\'=HYPERLINK("http://evil.example","x")']);
    });

    it('refuses a bad filter with 400 before sending anything', async () => {
      const res = await t.http.get('/api/tickets/export.csv', { token: admin, query: { createdFrom: 'yesterday' } });
      expect(res.status).toBe(400);
      expect(res.text).toContain('createdFrom');
    });
  });

  describe('list filters', () => {
    it('filters by scheduled date range', async () => {
      const inRange = await createTicket(t, requester, { title: 'Scheduled in range', scheduledDate: '2031-03-10T09:00:00Z' });
      await createTicket(t, requester, { title: 'Scheduled later', scheduledDate: '2031-04-10T09:00:00Z' });
      const found = await listAll(admin, { scheduledFrom: '2031-03-01T00:00:00Z', scheduledTo: '2031-04-01T00:00:00Z' });
      expect(found.map((s) => s.id)).toEqual([inRange.id]);
      expect((await t.http.get('/api/tickets', { token: admin, query: { scheduledTo: '31/03/2031' } })).status).toBe(400);
    });

    it('offers as requesters exactly the people who filed tickets the caller can see', async () => {
      const everyone = (await t.http.get<ListResult<UserSummary>>('/api/tickets/requesters', { token: admin })).body.items.map((u) => u.username);
      const expected = [...new Set((await listAll(admin, {})).map((s) => s.createdBy.username))].sort();
      expect([...everyone].sort()).toEqual(expected);
      const own = (await t.http.get<ListResult<UserSummary>>('/api/tickets/requesters', { token: requester })).body.items.map((u) => u.username);
      expect(own).toEqual(['requester']);
    });
  });

  describe('GET /api/tickets/:id/history.csv', () => {
    it("exports the history with the JSON history's visibility", async () => {
      const ticket = await createTicket(t, requester, { title: 'History export' });
      expect((await t.http.post(`/api/tickets/${ticket.id}/comments`, { token: manager, body: { comment: 'Staff only: budget line 4711', internal: true } })).status).toBe(201);
      const staff = await t.http.get(`/api/tickets/${ticket.id}/history.csv`, { token: manager });
      expect(staff.status).toBe(200);
      const staffRows = csvRows(staff.text);
      expect(Object.keys(staffRows[0] ?? {})).toEqual([...HISTORY_CSV_COLUMNS]);
      expect(staffRows.map((r) => r.action)).toEqual(['ticket_created', 'comment_added']);
      expect(staff.text).toContain('budget line 4711');
      const own = await t.http.get(`/api/tickets/${ticket.id}/history.csv`, { token: requester });
      expect(own.status).toBe(200);
      expect(own.text).not.toContain('budget line 4711');
    });

    it('is 404 for a ticket the caller may not see', async () => {
      const ticket = await createTicket(t, requester, { title: 'Not for the technician' });
      expect((await t.http.get(`/api/tickets/${ticket.id}/history.csv`, { token: tech })).status).toBe(404);
    });
  });

  describe('saved filters', () => {
    it('saves, lists by name, replaces under the same name and deletes; the page is never saved', async () => {
      const saved = await t.http.post<SavedFilter>('/api/saved-filters', { token: manager, body: { name: 'Urgent', query: '?priority=critical&page=4' } });
      expect(saved.status).toBe(201);
      expect(saved.body.query).toBe('priority=critical');
      const again = await t.http.post<SavedFilter>('/api/saved-filters', { token: manager, body: { name: 'Urgent', query: 'priority=critical&status=pending' } });
      expect(again.body.id).toBe(saved.body.id);
      await t.http.post('/api/saved-filters', { token: manager, body: { name: 'Aardvark', query: 'status=draft' } });
      const list = await t.http.get<ListResult<SavedFilter>>('/api/saved-filters', { token: manager });
      expect(list.body.items.map((f) => [f.name, f.query])).toEqual([
        ['Aardvark', 'status=draft'],
        ['Urgent', 'priority=critical&status=pending'],
      ]);
      expect((await t.http.delete(`/api/saved-filters/${saved.body.id}`, { token: manager })).status).toBe(204);
      expect((await t.http.get<ListResult<SavedFilter>>('/api/saved-filters', { token: manager })).body.items.map((f) => f.name)).toEqual(['Aardvark']);
    });

    it("keeps each user's filters their own: another's is 404 to read around or delete", async () => {
      const theirs = await t.http.post<SavedFilter>('/api/saved-filters', { token: tech, body: { name: 'Mine', query: 'assignedTo=me' } });
      expect((await t.http.get<ListResult<SavedFilter>>('/api/saved-filters', { token: requester })).body.items.map((f) => f.name)).not.toContain('Mine');
      expect((await t.http.delete(`/api/saved-filters/${theirs.body.id}`, { token: requester })).status).toBe(404);
      expect((await t.http.get<ListResult<SavedFilter>>('/api/saved-filters', { token: tech })).body.items.map((f) => f.name)).toContain('Mine');
    });

    it('refuses a blank name or a query the list does not understand, naming the field', async () => {
      const blank = await t.http.post('/api/saved-filters', { token: manager, body: { name: '  ', query: 'status=pending' } });
      expect(blank.status).toBe(400);
      expect(blank.text).toContain('name');
      const unknown = await t.http.post('/api/saved-filters', { token: manager, body: { name: 'Odd', query: 'status=pending&drop=table' } });
      expect(unknown.status).toBe(400);
      expect(unknown.text).toContain('drop');
    });
  });
});
