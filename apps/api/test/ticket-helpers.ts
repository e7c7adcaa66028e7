/**
 * Ticket-specific helpers for the HTTP tests: request bodies, actions, and inventory snapshots read
 * back through the API (servers and components), so tests assert what a user would see.
 */
import { expect } from 'vitest';
import type {
  ComponentType,
  ComponentUnit,
  CreateTicketRequest,
  ErrorBody,
  HistoryEntryView,
  Page,
  ServerDetail,
  StockStatus,
  TicketDetail,
  TicketItemInput,
  WorkflowAction,
} from '@bdc/contracts';
import { TicketHistoryEntity } from '../src/history/ticket-history.entity';
import type { TestApp, TestResponse } from './harness';
import type { HttpTarget } from './http-client';

/** A TestApp (inject) or a real server (http-client.ts): the helpers only speak HTTP. */
type HttpClient = Pick<HttpTarget, 'http'>;
import { MODEL, SERVER } from './factories';

export { MODEL, SERVER };

export function addItem(componentType: ComponentType, componentUuid: string, quantity = 1, extra: Partial<TicketItemInput> = {}): TicketItemInput {
  return { action: 'add', componentType, componentUuid, quantity, ...extra };
}

export function ticketBody(overrides: Partial<CreateTicketRequest> = {}): CreateTicketRequest {
  return {
    title: 'Add memory',
    description: 'Needs more RAM',
    ticketType: 'component_addition',
    priority: 'normal',
    targetServerUuid: SERVER.webProd01,
    items: [addItem('ram', MODEL.ramSamsung32, 2)],
    ...overrides,
  };
}

export async function createTicket(t: HttpClient, token: string, overrides: Partial<CreateTicketRequest> = {}): Promise<TicketDetail> {
  const res = await t.http.post<TicketDetail>('/api/tickets', { token, body: ticketBody(overrides) });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${res.text}`);
  return res.body;
}

export function act(t: HttpClient, token: string, id: number, action: WorkflowAction, body: unknown = {}, headers?: Record<string, string>): Promise<TestResponse<TicketDetail & ErrorBody>> {
  return t.http.post<TicketDetail & ErrorBody>(`/api/tickets/${id}/${action}`, { token, body, headers });
}

/** Runs actions in order and fails loudly on the first one that is not 200. */
export async function actAll(t: HttpClient, id: number, steps: [token: string, action: WorkflowAction, body?: unknown][]): Promise<TicketDetail> {
  let last: TicketDetail | null = null;
  for (const [token, action, body] of steps) {
    const res = await act(t, token, id, action, body ?? {});
    if (res.status !== 200) throw new Error(`${action} failed: ${res.status} ${res.text}`);
    last = res.body;
  }
  if (!last) throw new Error('no steps');
  return last;
}

export async function getTicket(t: HttpClient, token: string, id: number): Promise<TicketDetail> {
  const res = await t.http.get<TicketDetail>(`/api/tickets/${id}`, { token });
  expect(res.status).toBe(200);
  return res.body;
}

export async function serverDetail(t: HttpClient, token: string, uuid: string): Promise<ServerDetail> {
  const res = await t.http.get<ServerDetail>(`/api/servers/${uuid}`, { token });
  expect(res.status).toBe(200);
  return res.body;
}

/** Every stock unit matching the filter, through GET /api/components (all pages). */
export async function units(t: HttpClient, token: string, filter: { type?: ComponentType; status?: StockStatus; serverUuid?: string }): Promise<ComponentUnit[]> {
  const all: ComponentUnit[] = [];
  for (let page = 1; ; page++) {
    const res = await t.http.get<Page<ComponentUnit>>('/api/components', { token, query: { ...filter, page, pageSize: 100 } });
    expect(res.status).toBe(200);
    all.push(...res.body.items);
    if (all.length >= res.body.total || res.body.items.length === 0) return all;
  }
}

export async function unitsOfModel(t: HttpClient, token: string, type: ComponentType, model: string, status?: StockStatus): Promise<ComponentUnit[]> {
  return (await units(t, token, { type, status })).filter((u) => u.uuid === model);
}

/** A comparable picture of a server: settings and installed units (id, model, serial, slot). */
export async function serverSnapshot(t: HttpClient, token: string, uuid: string) {
  const detail = await serverDetail(t, token, uuid);
  return {
    settings: detail.settings,
    components: detail.components.map((c) => `${c.id}|${c.componentType}|${c.uuid}|${c.serialNumber}|${c.slot}`).sort(),
  };
}

/** Status and server of every unit of some types, by id. */
export async function stockSnapshot(t: HttpClient, token: string, types: ComponentType[]): Promise<Record<number, string>> {
  const out: Record<number, string> = {};
  for (const type of types) for (const u of await units(t, token, { type })) out[u.id] = `${u.status}|${u.serverUuid ?? '-'}`;
  return out;
}

export async function history(t: HttpClient, token: string, id: number): Promise<HistoryEntryView[]> {
  const res = await t.http.get<HistoryEntryView[]>(`/api/tickets/${id}/history`, { token });
  expect(res.status).toBe(200);
  return res.body;
}

/** Raw history rows (with the IP address, which the API does not expose). */
export function historyRows(t: TestApp, ticketId: number): Promise<TicketHistoryEntity[]> {
  return t.dataSource.manager.find(TicketHistoryEntity, { where: { ticketId }, order: { id: 'ASC' } });
}

export async function ticketCount(t: TestApp): Promise<number> {
  const rows: { n: number | string }[] = await t.dataSource.query('SELECT COUNT(*) AS n FROM tickets');
  return Number(rows[0]?.n ?? 0);
}
