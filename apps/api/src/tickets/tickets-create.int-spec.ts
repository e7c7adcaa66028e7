import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TICKET_NUMBER_PATTERN, type TicketDetail } from '@bdc/contracts';
import { describeEachEngine } from '../../test/engines';
import { createTestApp, type TestApp } from '../../test/harness';
import { addItem, getTicket, historyRows, MODEL, SERVER, ticketBody } from '../../test/ticket-helpers';
import { TicketEntity } from './ticket.entity';

/**
 * Creation answers from the rows it wrote instead of reading the ticket back, and numbers the
 * ticket last under a provisional number: what it answers must be exactly what a read returns, and
 * no provisional number may survive.
 */
describeEachEngine('ticket creation', (engine) => {
  let t: TestApp;
  let requester: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    requester = await t.login('requester');
  });
  afterAll(async () => t?.close());

  async function createAndRead(body: Parameters<typeof ticketBody>[0]): Promise<{ created: TicketDetail; read: TicketDetail }> {
    const res = await t.http.post<TicketDetail>('/api/tickets', { token: requester, body: ticketBody(body) });
    expect(res.status, res.text).toBe(201);
    return { created: res.body, read: await getTicket(t, requester, res.body.id) };
  }

  describe('answers what a read returns', () => {
    it('for a pending ticket with a schedule, a duration and several kinds of items', async () => {
      const { created, read } = await createAndRead({
        scheduledDate: '2030-01-02T03:04:05.678Z',
        estimatedDuration: 90,
        items: [
          addItem('ram', MODEL.ramSamsung32, 2),
          addItem('storage', MODEL.ssdPm9a3U2, 1),
          { action: 'modify', componentType: 'motherboard', quantity: 1, specifications: { setting: 'bios_profile' }, currentValue: 'performance', requestedValue: 'balanced' },
        ],
      });
      expect(created).toEqual(read);
      expect(created.status).toBe('pending');
      expect(created.ticketNumber).toMatch(TICKET_NUMBER_PATTERN);
      expect(created.items.map((i) => i.componentName)).toEqual([expect.any(String), expect.any(String), null]);
      expect(created.items.map((i) => i.id)).toEqual([...created.items.map((i) => i.id)].sort((a, b) => a - b));
      expect(created.scheduledDate).toBe('2030-01-02T03:04:05.000Z');
      expect(created.createdBy.username).toBe('requester');
    });

    it('for a draft whose items are incomplete or unknown', async () => {
      const { created, read } = await createAndRead({
        draft: true,
        items: [addItem('ram', 'no-such-model'), { action: 'add', componentType: 'nic', quantity: 1 }],
      });
      expect(created).toEqual(read);
      expect(created.status).toBe('draft');
      expect(created.submittedAt).toBeNull();
      expect(created.validation.valid).toBe(false);
    });

    it('for a draft without items on another server', async () => {
      const { created, read } = await createAndRead({ draft: true, items: [], targetServerUuid: SERVER.k8sNode05 });
      expect(created).toEqual(read);
      expect(created.items).toEqual([]);
    });
  });

  it('leaves no provisional number behind and writes the ticket_created row with the ticket', async () => {
    const { created } = await createAndRead({});
    const numbers = (await t.dataSource.manager.find(TicketEntity, { select: { ticketNumber: true } })).map((row) => row.ticketNumber);
    expect(numbers.length).toBeGreaterThan(0);
    for (const number of numbers) expect(number).toMatch(TICKET_NUMBER_PATTERN);
    const rows = await historyRows(t, created.id);
    expect(rows.map((r) => [r.action, r.newValue, r.userName])).toEqual([['ticket_created', 'pending', 'requester']]);
  });

  it('numbers from 0001 when the day has no counter row yet, though the process has seen the day before', async () => {
    // A new day as the database sees it: no counter row, no ticket of the day (this process still remembers the day as prepared).
    const { created: first } = await createAndRead({});
    const day = first.ticketNumber.slice(4, 12);
    await t.dataSource.query('DELETE FROM tickets');
    await t.dataSource.query('DELETE FROM ticket_counters WHERE day = ?', [day]);
    const { created, read } = await createAndRead({});
    expect(created).toEqual(read);
    expect(created.ticketNumber).toBe(`TKT-${day}-0001`);
    const { created: next } = await createAndRead({});
    expect(next.ticketNumber).toBe(`TKT-${day}-0002`);
  });

  it('writes the approvers\' notification rows with the real number, in the same transaction', async () => {
    const { created } = await createAndRead({});
    const rows: { subject: string; message: string; type: string }[] = await t.dataSource.query(
      'SELECT subject, message, notification_type AS type FROM ticket_notifications WHERE ticket_id = ?',
      [created.id],
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.type).toBe('submitted');
      expect(row.subject.startsWith(`[${created.ticketNumber}] `)).toBe(true);
      expect(row.message).toContain(created.ticketNumber);
    }
  });
});
