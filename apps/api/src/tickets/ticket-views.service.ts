import { Injectable } from '@nestjs/common';
import { allowedActions, type BuildProblem, type TicketConflict, type TicketDetail, type TicketPage, type UserSummary, type ValidationReport } from '@bdc/contracts';
import type { EntityManager } from 'typeorm';
import type { BuildPart } from '../inventory/compatibility/build';
import { DomainError } from '../common/domain-error';
import { buildErrors } from '../ticket-items/item-validation';
import { ItemValidationService, projectedBuildOf, toItemInput, type ValidationOutcome } from '../ticket-items/item-validation.service';
import type { AuthContext } from '../access/auth-context';
import { modelDisplayName } from '../inventory/catalog.dto';
import { ItemStockRepository } from '../ticket-items/item-stock.repository';
import type { TicketItemEntity } from '../ticket-items/ticket-item.entity';
import { TicketItemsRepository } from '../ticket-items/ticket-items.repository';
import { UsersService } from '../users/users.service';
import { accessFacts, TicketAccessService } from './ticket-access.service';
import { OPEN_TICKET_STATUSES, conflictWarning, isOpenTicketStatus } from './ticket-claims';
import { TicketConflictsService, type ConflictFacts } from './ticket-conflicts.service';
import { namedModelUuid, toTicketDetail, toTicketSummary, type ViewLookups } from './ticket-views.dto';
import type { TicketEntity } from './ticket.entity';
import { TicketsRepository, type TicketListRows } from './tickets.repository';

/** Statuses whose detail carries the live projection (the items are not applied yet). */
const LIVE_STATUSES: readonly string[] = [...OPEN_TICKET_STATUSES, 'rejected'];

export interface LiveValidation {
  server: { uuid: string; name: string };
  /** Rule codes per item, from the same evaluation (stored items keep only status and message). */
  rules?: string[][];
  build: BuildProblem[];
  parts: BuildPart[];
  conflicts: TicketConflict[];
}

/**
 * A report with what a live evaluation adds to the items' verdicts: build-wide findings (an error makes
 * it invalid), the conflicts as warnings, the projected build. The one shape of a ticket's validation
 * and of the validate-items dry run.
 */
export function liveReport(report: ValidationReport, live: Omit<LiveValidation, 'rules'>): ValidationReport {
  return {
    ...report,
    valid: report.valid && buildErrors(live.build).length === 0,
    warnings: [...report.warnings, ...live.build.filter((b) => b.severity === 'warning').map((b) => b.message), ...live.conflicts.map(conflictWarning)],
    build: live.build,
    projectedBuild: projectedBuildOf(live.server, live.parts),
    conflicts: live.conflicts,
  };
}

export function withLive(detail: TicketDetail, live: LiveValidation | null): TicketDetail {
  if (!live) return detail;
  const items = detail.validation.items.map((item, index) => {
    const rules = live.rules?.[index];
    return rules ? { ...item, rules } : item;
  });
  return { ...detail, validation: liveReport({ ...detail.validation, items }, live), conflicts: live.conflicts };
}

/** A ticket's items as stored, and the evaluation that judged them (inside the caller's transaction). */
export interface ValidatedItems {
  items: TicketItemEntity[];
  outcome: ValidationOutcome;
}

/** What an action or an edit knows after its transaction for the answer: the items and their live validation. */
export interface DetailFacts {
  items: TicketItemEntity[];
  live: LiveValidation | null;
  modelNames: Map<string, string>;
}

/** Builds the API's ticket shapes with the names they show (users, catalog models) in batched lookups. */
@Injectable()
export class TicketViewsService {
  constructor(
    private readonly tickets: TicketsRepository,
    private readonly items: TicketItemsRepository,
    private readonly stock: ItemStockRepository,
    private readonly users: UsersService,
    private readonly access: TicketAccessService,
    private readonly validation: ItemValidationService,
    private readonly conflicts: TicketConflictsService,
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
  async detailOf(auth: AuthContext, ticket: TicketEntity, items?: TicketItemEntity[], known: Partial<ViewLookups> = {}, live?: LiveValidation | null): Promise<TicketDetail> {
    const rows = items ?? (await this.items.listByTicket(ticket.id));
    const modelUuids = rows.map(namedModelUuid).filter((u): u is string => !!u);
    const [lookups, current] = await Promise.all([
      this.lookups([ticket.createdBy, ticket.assignedTo, ticket.approvedBy, ticket.reviewedBy], modelUuids, known),
      live === undefined ? this.live(ticket, rows) : Promise.resolve(live),
    ]);
    return withLive(toTicketDetail(ticket, rows, allowedActions(accessFacts(ticket), auth), lookups), current);
  }

  /**
   * The live validation of a ticket (in its status after the caller's change) from the evaluation the
   * caller just made inside its transaction, with the conflicts as they stand there: the answer then
   * needs no second evaluation after the commit.
   */
  async liveFrom(manager: EntityManager, ticket: Pick<TicketEntity, 'id' | 'status'>, validated: ValidatedItems, known: ConflictFacts = {}): Promise<LiveValidation | null> {
    if (!LIVE_STATUSES.includes(ticket.status)) return null;
    const { outcome } = validated;
    // The evaluated server: an edit may just have moved the ticket to it.
    const conflicts = isOpenTicketStatus(ticket.status) ? await this.conflicts.findWith(outcome.server.uuid, validated.items.map(toItemInput), ticket.id, manager, known) : [];
    return { server: outcome.server, build: outcome.build, parts: outcome.parts, conflicts, rules: outcome.verdicts.map((v) => v.rules) };
  }

  /**
   * Until a ticket is deployed, its page shows the server after the change and the build-wide
   * findings, evaluated now (stock and the server move on between edits), and its conflicts.
   */
  private async live(ticket: TicketEntity, rows: TicketItemEntity[]): Promise<LiveValidation | null> {
    if (!LIVE_STATUSES.includes(ticket.status)) return null;
    const inputs = rows.map(toItemInput);
    try {
      const [outcome, conflicts] = await Promise.all([
        this.validation.validate(undefined, ticket.targetServerUuid, inputs, ticket.id),
        // A rejected ticket shows its projection but claims nothing (ticket-claims.ts).
        isOpenTicketStatus(ticket.status) ? this.conflicts.find(ticket.targetServerUuid, inputs, ticket.id) : Promise.resolve([]),
      ]);
      return { server: outcome.server, build: outcome.build, parts: outcome.parts, conflicts, rules: outcome.verdicts.map((v) => v.rules) };
    } catch (error) {
      // A server deleted under an open ticket: the ticket still shows, without a projection.
      if (error instanceof DomainError && error.code === 'SERVER_NOT_FOUND') return null;
      throw error;
    }
  }

  async page({ rows, total, totalIsLowerBound, nextCursor }: TicketListRows, page: number, pageSize: number): Promise<TicketPage> {
    const [counts, lookups] = await Promise.all([
      this.tickets.itemCounts(rows.map((t) => t.id)),
      this.lookups(rows.flatMap((t) => [t.createdBy, t.assignedTo]), []),
    ]);
    return { items: rows.map((t) => toTicketSummary(t, counts.get(t.id) ?? 0, lookups)), total, totalIsLowerBound, nextCursor, page, pageSize };
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
