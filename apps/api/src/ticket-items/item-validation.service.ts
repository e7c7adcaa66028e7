import { Injectable } from '@nestjs/common';
import {
  COMPONENT_TYPES,
  ITEM_ACTIONS,
  STOCK_STATUSES,
  isOneOf,
  type BuildProblem,
  type ComponentType,
  type ItemProblem,
  type ProjectedBuild,
  type StockStatus,
  type TicketItemInput,
} from '@bdc/contracts';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error';
import type { BaySize } from '../inventory/compatibility/compatibility.rules';
import { baySizeOf, normaliseDriveFormFactor } from '../inventory/compatibility/spec-reader';
import type { ComponentStockEntity } from '../inventory/component-stock.entity';
import { modelDisplayName } from '../inventory/catalog.dto';
import type { ServerEntity } from '../inventory/server.entity';
import type { BuildPart } from '../inventory/compatibility/build';
import {
  buildErrors,
  evaluateChange,
  failingBeforeOf,
  installTarget,
  itemProblems,
  modelKey,
  removalTarget,
  serialKey,
  type CatalogFact,
  type ItemVerdict,
  type UnitFact,
  type ValidationFacts,
} from './item-validation';
import { ItemStockRepository, type SerialRef, type ServerRow } from './item-stock.repository';
import { projectSlots } from './slots';
import type { TicketItemEntity } from './ticket-item.entity';
import { TicketItemsRepository } from './ticket-items.repository';

export interface CandidateVerdict {
  status: 'valid' | 'warning' | 'invalid';
  reasons: string[];
  rules: string[];
}

export interface ValidationOutcome {
  server: ValidationFacts['server'];
  verdicts: ItemVerdict[];
  /** Build-wide findings, each once. */
  build: BuildProblem[];
  /** The projected build's parts (installed ones marked kept or removed, added ones). */
  parts: BuildPart[];
  /** Catalog model UUID → display name, for the models the validation looked up (views reuse them). */
  modelNames: Map<string, string>;
}

/** A ticket's stored items with their fresh verdicts stored, and the evaluation they came from. */
export interface RevalidatedChange extends ValidationOutcome {
  items: TicketItemEntity[];
}

/** The stored item as the validation rules read it. */
export function toItemInput(item: TicketItemEntity): TicketItemInput {
  return {
    action: isOneOf(ITEM_ACTIONS, item.action) ? item.action : 'add',
    // '' is how a configuration change without a component type is stored (the column is NOT NULL).
    componentType: item.componentType === '' ? null : asComponentType(item.componentType),
    componentUuid: item.componentUuid,
    componentSerial: item.componentSerial,
    quantity: item.quantity,
    specifications: item.specifications,
    currentValue: item.currentValue,
    requestedValue: item.requestedValue,
  };
}

export function asComponentType(value: string): ComponentType {
  if (isOneOf(COMPONENT_TYPES, value)) return value;
  throw new Error(`Unknown component type in the database: ${value}`);
}

function asStockStatus(value: string): StockStatus {
  return isOneOf(STOCK_STATUSES, value) ? value : 'retired';
}

export function toUnitFact(unit: Pick<ComponentStockEntity, 'id' | 'componentType' | 'uuid' | 'serialNumber' | 'status' | 'serverUuid'> & { slotPosition?: string | null }): UnitFact {
  return {
    id: unit.id,
    componentType: asComponentType(unit.componentType),
    uuid: unit.uuid,
    serialNumber: unit.serialNumber,
    status: asStockStatus(unit.status),
    serverUuid: unit.serverUuid,
    slot: unit.slotPosition ?? null,
  };
}

export function projectedBuildOf(server: Pick<ServerRow, 'uuid' | 'name'>, parts: readonly BuildPart[]): ProjectedBuild {
  return { serverUuid: server.uuid, serverName: server.name, slots: projectSlots(parts) };
}

function serverNotFound(uuid: string): DomainError {
  return new DomainError('SERVER_NOT_FOUND', `Server ${uuid} does not exist`, { fields: [{ field: 'targetServerUuid', reason: 'no such server' }] });
}

/**
 * 422 ITEMS_INVALID unless a change can be saved as submitted: it has items, none is invalid, and the
 * server after it breaks no rule. The one check behind create, an edit of a submitted ticket, submit,
 * resubmit and approve.
 */
export function requirePassing(itemCount: number, problems: ItemProblem[], build: readonly BuildProblem[], what: string): void {
  if (itemCount === 0 || problems.length > 0 || buildErrors(build).length > 0) throw itemsInvalidError(problems, what, build);
}

export function itemsInvalidError(problems: ItemProblem[], what: string, build: readonly BuildProblem[] = []): DomainError {
  const errors = buildErrors(build);
  const parts: string[] = [];
  if (problems.length > 0) parts.push(`${problems.length} item(s) are invalid — ${problems.map((p) => `#${p.index + 1} ${p.message}`).join('; ')}`);
  if (errors.length > 0) parts.push(`the server after this change would break ${errors.length} rule(s) — ${errors.map((b) => b.message).join('; ')}`);
  const message = parts.length === 0 ? `${what}: the ticket has no items` : `${what}: ${parts.join('; ')}`;
  return new DomainError('ITEMS_INVALID', message, { items: problems, ...(errors.length > 0 ? { build: errors } : {}) });
}

/**
 * Gathers, from the caller's transaction, the facts the pure rules of item-validation.ts need, and
 * runs them. One code path for drafts, submissions, approvals and the `validate-items` dry run.
 */
@Injectable()
export class ItemValidationService {
  constructor(
    private readonly stock: ItemStockRepository,
    private readonly items: TicketItemsRepository,
  ) {}

  async findServer(uuid: string, manager?: EntityManager): Promise<ServerEntity> {
    const server = await this.stock.findServer(uuid, manager);
    if (!server) throw serverNotFound(uuid);
    return server;
  }

  /** The server a new or re-targeted ticket names: it must still be in service. */
  async findLiveServer(uuid: string, manager?: EntityManager): Promise<ServerEntity> {
    return requireLiveServer(await this.findServer(uuid, manager));
  }

  /** `ticketId`: the ticket being validated, whose own removal reservations do not count as claimed. */
  async validate(manager: EntityManager | undefined, serverUuid: string, items: TicketItemInput[], ticketId: number | null): Promise<ValidationOutcome> {
    const facts = await this.gatherFacts(manager, serverUuid, items, ticketId);
    const modelNames = new Map([...facts.catalog.values()].map((model) => [model.uuid, model.name]));
    const { verdicts, build, parts } = evaluateChange(items, facts);
    return { server: facts.server, verdicts, build, parts, modelNames };
  }

  /**
   * Judges each model as one more `add` after the draft `items`, in one gathering of facts: what the
   * candidate itself breaks (its item verdict and the build-wide errors it takes part in that the
   * draft alone does not have). Stock is not a reason: the picker shows the count beside it.
   */
  async judgeCandidates(serverUuid: string, items: TicketItemInput[], models: readonly { uuid: string; componentType: ComponentType }[]): Promise<Map<string, CandidateVerdict>> {
    const facts = await this.gatherFacts(undefined, serverUuid, items, null, models.map((m) => m.uuid));
    const baseline = evaluateChange(items, facts);
    const before = failingBeforeOf(facts);
    const failing = new Set(buildErrors(baseline.build).map((b) => b.rule));
    const index = items.length;
    const verdicts = new Map<string, CandidateVerdict>();
    for (const model of models) {
      // One more unit than in stock: the candidate is judged on fit, its stock is shown beside it.
      const key = modelKey(model.componentType, model.uuid);
      const availableByModel = new Map(facts.availableByModel).set(key, (facts.availableByModel.get(key) ?? 0) + 1);
      const change = evaluateChange([...items, { action: 'add', componentType: model.componentType, componentUuid: model.uuid, quantity: 1 }], { ...facts, availableByModel }, before);
      const own = change.verdicts[index];
      const reasons: string[] = own?.message ? [own.message] : [];
      const rules = [...(own?.rules ?? [])];
      let status: CandidateVerdict['status'] = own?.status ?? 'valid';
      for (const problem of change.build) {
        if (!problem.items.includes(index) || (problem.severity === 'error' && failing.has(problem.rule))) continue;
        if (problem.severity === 'error') status = 'invalid';
        else if (status === 'valid') status = 'warning';
        reasons.push(problem.message);
        rules.push(problem.rule);
      }
      verdicts.set(model.uuid, { status, reasons, rules: [...new Set(rules)] });
    }
    return verdicts;
  }

  /** Re-judges a ticket's stored items against today's inventory and stores the verdicts. */
  async revalidate(manager: EntityManager, ticket: { id: number; targetServerUuid: string }): Promise<TicketItemEntity[]> {
    return (await this.revalidateChange(manager, ticket)).items;
  }

  /** As revalidate, with the whole evaluation. `stored`: the ticket's items when the caller has read them. */
  async revalidateChange(manager: EntityManager, ticket: { id: number; targetServerUuid: string }, stored?: TicketItemEntity[]): Promise<RevalidatedChange> {
    const items = stored ?? (await this.items.listByTicket(ticket.id, manager));
    const outcome = await this.validate(manager, ticket.targetServerUuid, items.map(toItemInput), ticket.id);
    const { verdicts } = outcome;
    for (const [index, item] of items.entries()) {
      const verdict = verdicts[index];
      if (!verdict) continue;
      if (item.validationStatus === verdict.status && item.validationMessage === verdict.message && item.compatibilityChecked === verdict.compatibilityChecked) continue;
      await this.items.update(manager, item.id, { validationStatus: verdict.status, validationMessage: verdict.message, compatibilityChecked: verdict.compatibilityChecked });
      item.validationStatus = verdict.status;
      item.validationMessage = verdict.message;
      item.compatibilityChecked = verdict.compatibilityChecked;
    }
    return { ...outcome, items };
  }

  /** Revalidates and throws 422 ITEMS_INVALID (the caller's transaction rolls back) unless all items pass. */
  async requireValid(manager: EntityManager, ticket: { id: number; targetServerUuid: string }, what: string, stored?: TicketItemEntity[]): Promise<RevalidatedChange> {
    const change = await this.revalidateChange(manager, ticket, stored);
    requirePassing(change.items.length, itemProblems(change.items), change.build, what);
    return change;
  }

  /**
   * Every fact in two queries in the common case (creation is a hot path, see the benchmark): the
   * server with its installed units, then the catalog models of everything named or installed with
   * their stock counts. Pinned serials and removal claims add a query each, only when items need them.
   */
  private async gatherFacts(manager: EntityManager | undefined, serverUuid: string, items: TicketItemInput[], ticketId: number | null, extraUuids: readonly string[] = []): Promise<ValidationFacts> {
    const serials: SerialRef[] = [];
    const uuids: string[] = [...extraUuids];
    for (const item of items) {
      const install = installTarget(item);
      if (install.uuid) uuids.push(install.uuid);
      if (install.serial && item.componentType) serials.push({ componentType: item.componentType, serial: install.serial });
      const removal = removalTarget(item);
      for (const ref of [removal.uuid, removal.either]) if (ref) uuids.push(ref);
    }
    const addsDrives = items.some((i) => i.componentType === 'storage' && i.action !== 'remove');
    const removes = items.some((i) => i.action === 'remove' || i.action === 'replace');
    // Caddies: drives added to a server may need them (see the compatibility rules).
    const [{ server, installed, models }, pinnedUnits, claimedForRemoval] = await Promise.all([
      this.stock.serverBuild(serverUuid, uuids, addsDrives, manager),
      this.stock.unitsBySerials(serials, manager),
      removes ? this.stock.claimedForRemoval(serverUuid, ticketId, manager) : Promise.resolve(new Set<number>()),
    ]);
    if (!server) throw serverNotFound(serverUuid);

    const catalog = new Map<string, CatalogFact>();
    const availableByModel = new Map<string, number>();
    const availableCaddies: Partial<Record<BaySize, number>> = {};
    for (const model of models) {
      if (!isOneOf(COMPONENT_TYPES, model.componentType)) continue;
      catalog.set(model.uuid, { uuid: model.uuid, componentType: model.componentType, name: modelDisplayName(model), specs: model.specifications, retired: model.status === 'retired' });
      // Installed models nobody names have no count: no item of this change draws on their stock.
      if (model.available === null) continue;
      availableByModel.set(modelKey(model.componentType, model.uuid), model.available);
      if (model.componentType === 'caddy' && model.available > 0) {
        const formFactor = normaliseDriveFormFactor(model.specifications['form_factor']);
        const size = formFactor ? baySizeOf(formFactor) : null;
        if (size) availableCaddies[size] = (availableCaddies[size] ?? 0) + model.available;
      }
    }
    const unitsBySerial = new Map<string, UnitFact>();
    for (const unit of pinnedUnits) {
      if (unit.serialNumber) unitsBySerial.set(serialKey(unit.componentType, unit.serialNumber), toUnitFact(unit));
    }
    return {
      server,
      catalog,
      installed: installed.map(toUnitFact),
      claimedForRemoval,
      availableByModel,
      unitsBySerial,
      availableCaddies,
    };
  }
}

/** A decommissioned server keeps its history but takes no new work: no ticket may newly target it. */
export function requireLiveServer<T extends { name: string; decommissionedAt?: Date | null }>(server: T): T {
  if (server.decommissionedAt) {
    throw new DomainError('CONFLICT', `${server.name} is decommissioned: tickets can no longer target it`, {
      fields: [{ field: 'targetServerUuid', reason: 'the server is decommissioned' }],
    });
  }
  return server;
}
