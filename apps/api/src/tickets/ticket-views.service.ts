import { Injectable } from '@nestjs/common';
import { allowedActions, type Page, type TicketDetail, type TicketSummary, type UserSummary } from '@bdc/contracts';
import type { AuthContext } from '../access/auth-context';
import { modelDisplayName } from '../inventory/catalog.dto';
import { ItemStockRepository } from '../ticket-items/item-stock.repository';
import type { TicketItemEntity } from '../ticket-items/ticket-item.entity';
import { TicketItemsRepository } from '../ticket-items/ticket-items.repository';
import { UsersService } from '../users/users.service';
import { accessFacts, TicketAccessService } from './ticket-access.service';
import { namedModelUuid, toTicketDetail, toTicketSummary, type ViewLookups } from './ticket-views.dto';
import type { TicketEntity } from './ticket.entity';
import { TicketsRepository, type TicketSummaryRow } from './tickets.repository';

/** Builds the API's ticket shapes with the names they show (users, catalog models) in batched lookups. */
@Injectable()
export class TicketViewsService {
  constructor(
    private readonly tickets: TicketsRepository,
    private readonly items: TicketItemsRepository,
    private readonly stock: ItemStockRepository,
    private readonly users: UsersService,
    private readonly access: TicketAccessService,
  ) {}

  /** The ticket as this caller sees it (404 when they may not). */
  async detail(auth: AuthContext, ticketId: number): Promise<TicketDetail> {
    const ticket = await this.access.findVisible(auth, ticketId);
    return this.detailOf(auth, ticket);
  }

  /**
   * `items`: the ticket's items when the caller has them (else they are read); `known`: names the
   * caller already looked up, so that only the missing ones are queried.
   */
  async detailOf(auth: AuthContext, ticket: TicketEntity, items?: TicketItemEntity[], known: Partial<ViewLookups> = {}): Promise<TicketDetail> {
    const rows = items ?? (await this.items.listByTicket(ticket.id));
    const modelUuids = rows.map(namedModelUuid).filter((u): u is string => !!u);
    const lookups = await this.lookups([ticket.createdBy, ticket.assignedTo, ticket.approvedBy, ticket.reviewedBy], modelUuids, known);
    return toTicketDetail(ticket, rows, allowedActions(accessFacts(ticket), auth), lookups);
  }

  async page(rows: TicketSummaryRow[], total: number, page: number, pageSize: number): Promise<Page<TicketSummary>> {
    const [counts, lookups] = await Promise.all([
      this.tickets.itemCounts(rows.map((t) => t.id)),
      this.lookups(rows.flatMap((t) => [t.createdBy, t.assignedTo]), []),
    ]);
    return { items: rows.map((t) => toTicketSummary(t, counts.get(t.id) ?? 0, lookups)), total, page, pageSize };
  }

  private async lookups(userIds: (number | null)[], modelUuids: string[], known: Partial<ViewLookups> = {}): Promise<ViewLookups> {
    const knownUsers = known.users ?? new Map<number, UserSummary>();
    const knownModels = known.modelNames ?? new Map<string, string>();
    const [users, models] = await Promise.all([
      this.users.summaries(userIds.filter((id): id is number => id !== null && !knownUsers.has(id))),
      this.stock.catalogByUuids(modelUuids.filter((uuid) => !knownModels.has(uuid))),
    ]);
    return {
      users: new Map([...knownUsers, ...users]),
      modelNames: new Map([...knownModels, ...models.map((m): [string, string] => [m.uuid, modelDisplayName(m)])]),
    };
  }
}
