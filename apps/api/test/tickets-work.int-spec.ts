import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import type { TicketDetail } from '@bdc/contracts';
import { describeEachEngine } from './engines';
import { createTestApp, type TestApp } from './harness';
import { act, addItem, createTicket, getTicket, MODEL, SERVER } from './ticket-helpers';
import { ItemValidationService } from '../src/ticket-items/item-validation.service';
import { TicketItemsRepository } from '../src/ticket-items/ticket-items.repository';

/**
 * Work an action does once: approve reads its items once, and an action or an edit that validated the
 * items inside its transaction answers from that evaluation instead of evaluating again after commit.
 * The answer is the same as a fresh read of the ticket.
 */
describeEachEngine('tickets: no double work', (engine) => {
  let t: TestApp;
  let requester: string;
  let manager: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    [requester, manager] = await Promise.all(['requester', 'manager'].map((u) => t.login(u)));
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(async () => t?.close());

  const spies = () => ({
    reads: vi.spyOn(t.app.get(TicketItemsRepository), 'listByTicket'),
    evaluations: vi.spyOn(t.app.get(ItemValidationService), 'validate'),
  });

  it('approve reads the items once and evaluates them once, and answers what a fresh read shows', async () => {
    const ticket = await createTicket(t, requester, { targetServerUuid: SERVER.webProd01, items: [addItem('ram', MODEL.ramSamsung32, 1)] });
    const { reads, evaluations } = spies();
    const res = await act(t, manager, ticket.id, 'approve');
    expect(res.status).toBe(200);
    expect([reads.mock.calls.length, evaluations.mock.calls.length]).toEqual([1, 1]);
    vi.restoreAllMocks();
    const fresh = await getTicket(t, manager, ticket.id);
    expect(res.body.conflicts).toEqual(fresh.conflicts);
    expect(res.body.validation.projectedBuild).toEqual(fresh.validation.projectedBuild);
    expect(res.body.validation.valid).toBe(fresh.validation.valid);
  });

  it('submit and a PATCH of the items evaluate once, inside their transaction', async () => {
    const draft = await createTicket(t, requester, { targetServerUuid: SERVER.webProd01, items: [addItem('ram', MODEL.ramSamsung32, 1)], draft: true });
    let { evaluations } = spies();
    const patched = await t.http.patch<TicketDetail>(`/api/tickets/${draft.id}`, { token: requester, body: { items: [addItem('ram', MODEL.ramSamsung32, 2)] } });
    expect(patched.status).toBe(200);
    expect(evaluations.mock.calls.length).toBe(1);
    vi.restoreAllMocks();
    expect(patched.body).toEqual(await getTicket(t, requester, draft.id));

    ({ evaluations } = spies());
    const submitted = await act(t, requester, draft.id, 'submit');
    expect(submitted.status).toBe(200);
    expect(evaluations.mock.calls.length).toBe(1);
    vi.restoreAllMocks();
    expect(submitted.body).toEqual(await getTicket(t, requester, draft.id));
  });
});
