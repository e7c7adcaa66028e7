import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import {
  LIMITS,
  dayInTimeZone,
  type ComponentUnit,
  type ComponentUnitDetail,
  type ListResult,
  type Page,
  type StockImportResult,
  type StockImportRow,
  type UnitClaim,
  type UnitLogEntry,
} from '@bdc/contracts';
import type { EntityManager } from 'typeorm';
import type { AuthContext } from '../access/auth-context';
import { DomainError } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { DatabaseService } from '../database/database.service';
import { UsersService } from '../users/users.service';
import { isRetiredModel } from './catalog-status';
import { CatalogRepository } from './catalog.repository';
import type { ComponentStockEntity } from './component-stock.entity';
import { modelDisplayName } from './catalog.dto';
import { ServersRepository } from './servers.repository';
import { parseStockCsv, stockCsvStream } from './stock-csv';
import { toComponentUnit, toComponentUnitDetail, toUnitLogEntry, type ComponentExportQueryDto, type ComponentListQueryDto, type ReceiveUnitsDto, type UpdateUnitDto } from './stock.dto';
import { StockRepository, type NewUnitRow, type StockFilter } from './stock.repository';
import { UnitLogService, type UnitPatch } from './unit-log.service';

const unitLabel = (unit: ComponentStockEntity) => unit.serialNumber ?? `#${unit.id}`;

/** Stock units: listing, receiving (one, a list, a CSV), edits, fail/retire, export, and each unit's log. */
@Injectable()
export class StockService {
  constructor(
    private readonly db: DatabaseService,
    private readonly stock: StockRepository,
    private readonly catalog: CatalogRepository,
    private readonly servers: ServersRepository,
    private readonly unitLog: UnitLogService,
    private readonly users: UsersService,
    private readonly config: AppConfig,
  ) {}

  async list(_auth: AuthContext, query: ComponentListQueryDto): Promise<Page<ComponentUnit>> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? LIMITS.pageSizeDefault;
    const { rows, total } = await this.stock.page(this.filterOf(query), query.sort, page, pageSize);
    const names = await this.modelNames(rows.map((r) => r.uuid));
    return { items: rows.map((r) => toComponentUnit(r, names.get(r.uuid) ?? null)), total, page, pageSize };
  }

  async get(_auth: AuthContext, id: number): Promise<ComponentUnitDetail> {
    const unit = await this.stock.findById(id);
    if (!unit) throw notFound(id);
    return this.detailOf(unit);
  }

  async log(_auth: AuthContext, id: number): Promise<UnitLogEntry[]> {
    if (!(await this.stock.findById(id))) throw notFound(id);
    const rows = await this.unitLog.byUnit(id);
    const users = await this.users.summaries(rows.flatMap((r) => (r.userId === null ? [] : [r.userId])));
    return rows.map((r) => toUnitLogEntry(r, users));
  }

  exportCsv(_auth: AuthContext, query: ComponentExportQueryDto): Readable {
    return stockCsvStream(this.stock.iterate(this.filterOf(query)), (uuids) => this.modelNames(uuids));
  }

  /** Receives one unit or a list of serials of one model, all `available`; 409 naming serials that already exist. */
  async receive(auth: AuthContext, dto: ReceiveUnitsDto): Promise<ListResult<ComponentUnit>> {
    const serials = dto.serials ?? (dto.serialNumber !== undefined ? [dto.serialNumber] : []);
    if ((dto.serials === undefined) === (dto.serialNumber === undefined)) {
      const reason = 'give either serialNumber (one unit) or serials (many), not both';
      throw new DomainError('VALIDATION_FAILED', `Invalid serialNumber: ${reason}`, { fields: [{ field: dto.serials === undefined ? 'serialNumber' : 'serials', reason }] });
    }
    const repeated = serials.filter((s, i) => serials.indexOf(s) !== i);
    if (repeated.length > 0) {
      const reason = `lists ${[...new Set(repeated)].join(', ')} more than once`;
      throw new DomainError('VALIDATION_FAILED', `Invalid serials: ${reason}`, { fields: [{ field: 'serials', reason }] });
    }
    const model = await this.catalog.findByUuid(dto.uuid);
    const modelProblem = !model ? 'is not a model in the catalog' : model.componentType !== dto.componentType ? `is a ${model.componentType} model, not ${dto.componentType}` : isRetiredModel(model) ? 'is a retired model' : null;
    if (modelProblem) throw new DomainError('VALIDATION_FAILED', `Invalid uuid: ${dto.uuid} ${modelProblem}`, { fields: [{ field: 'uuid', reason: modelProblem }] });

    const units = await this.db.transaction(async (manager) => {
      const existing = await this.stock.existingSerials(dto.componentType, serials, manager);
      if (existing.size > 0) {
        throw new DomainError('CONFLICT', `Already in stock as ${dto.componentType}: ${[...existing].join(', ')}`, { serials: [...existing] });
      }
      const rows: NewUnitRow[] = serials.map((serialNumber) => ({
        componentType: dto.componentType,
        uuid: dto.uuid,
        serialNumber,
        status: 'available',
        location: dto.location ?? null,
        purchaseDate: dto.purchaseDate ?? null,
        warrantyEndDate: dto.warrantyEndDate ?? null,
        notes: dto.notes ?? null,
        flag: dto.flag ?? null,
      }));
      const stored = await this.stock.insertMany(manager, rows);
      await this.unitLog.record(manager, auth, stored, 'received', { source: 'stock_edit' }, true);
      return stored;
    });
    const name = model ? modelDisplayName(model) : null;
    return { items: units.map((u) => toComponentUnit(u, name)), total: units.length };
  }

  /**
   * Location, dates, notes, flag. A location change is a move: refused (409 naming the ticket) while
   * an open ticket holds the unit, like every move; the other fields describe the unit and stay editable.
   */
  async update(auth: AuthContext, id: number, dto: UpdateUnitDto): Promise<ComponentUnitDetail> {
    const unit = await this.db.transaction(async (manager) => {
      const current = await this.lockUnit(manager, id);
      const patch: UnitPatch = {};
      if (dto.location !== undefined && dto.location !== current.location) patch.location = dto.location;
      if (dto.purchaseDate !== undefined) patch.purchaseDate = dto.purchaseDate;
      if (dto.warrantyEndDate !== undefined) patch.warrantyEndDate = dto.warrantyEndDate;
      if (dto.notes !== undefined) patch.notes = dto.notes;
      if (dto.flag !== undefined) patch.flag = dto.flag;
      if (Object.keys(patch).length === 0) return current;
      if (patch.location !== undefined) await this.refuseClaimed(manager, current, 'move');
      return this.unitLog.change(manager, auth, current, patch, patch.location !== undefined ? 'moved' : 'edited', { source: 'stock_edit' });
    });
    return this.detailOf(unit);
  }

  /** available → failed (for RMA). An installed unit leaves its server through a ticket (marked failed at deploy) or a direct edit. */
  markFailed(auth: AuthContext, id: number, reason: string): Promise<ComponentUnitDetail> {
    return this.setStatus(auth, id, 'failed', ['available'], reason);
  }

  /** available or failed → retired, for good. */
  retire(auth: AuthContext, id: number, reason: string): Promise<ComponentUnitDetail> {
    return this.setStatus(auth, id, 'retired', ['available', 'failed'], reason);
  }

  private async setStatus(auth: AuthContext, id: number, to: 'failed' | 'retired', from: string[], reason: string): Promise<ComponentUnitDetail> {
    const unit = await this.db.transaction(async (manager) => {
      const current = await this.lockUnit(manager, id);
      await this.refuseClaimed(manager, current, to === 'failed' ? 'mark failed' : 'retire');
      if (!from.includes(current.status)) {
        const where = current.status === 'in_use' && current.serverUuid ? `; it is installed in ${await this.serverName(current.serverUuid, manager)}: remove it through a ticket, whose deploy can mark it ${to}, or by a direct edit of the server with that destination` : '';
        throw new DomainError('CONFLICT', `Unit ${unitLabel(current)} is ${current.status} and cannot be ${to === 'failed' ? 'marked failed' : 'retired'}${where}`, { status: current.status });
      }
      return this.unitLog.change(manager, auth, current, { status: to }, to, { source: 'stock_edit', note: reason });
    });
    return this.detailOf(unit);
  }

  /**
   * The CSV import. A dry run answers the per-row preview. A real run writes every new row, or
   * nothing when any row is invalid (400 with the same per-row report): a half-imported file is
   * worse to recover from than a corrected re-run. Serials already in stock are duplicates:
   * reported per row and skipped, so an export imports back as all duplicates.
   */
  async importCsv(auth: AuthContext, text: string, dryRun: boolean): Promise<StockImportResult> {
    const parsed = parseStockCsv(text);
    const models = new Map((await this.catalog.findByUuids(parsed.map((r) => r.uuid).filter((u) => u !== ''))).map((m) => [m.uuid, m]));
    return this.db.transaction(async (manager) => {
      const existing = new Map<string, Set<string>>();
      for (const type of new Set(parsed.map((r) => r.componentType))) {
        existing.set(type, await this.stock.existingSerials(type, parsed.filter((r) => r.componentType === type && r.serialNumber !== '').map((r) => r.serialNumber), manager));
      }
      const seen = new Set<string>();
      const rows: StockImportRow[] = [];
      const accepted: NewUnitRow[] = [];
      for (const row of parsed) {
        const errors = [...row.errors];
        const model = models.get(row.uuid);
        if (row.uuid !== '') {
          if (!model) errors.push(`model_uuid ${row.uuid} is not a model in the catalog`);
          else if (row.componentType && model.componentType !== row.componentType) errors.push(`model_uuid ${row.uuid} is a ${model.componentType} model, not ${row.componentType}`);
          else if (isRetiredModel(model)) errors.push(`model_uuid ${row.uuid} is a retired model`);
        }
        const key = `${row.componentType}\u0000${row.serialNumber}`;
        let outcome: StockImportRow['outcome'] = errors.length > 0 ? 'invalid' : 'new';
        if (outcome === 'new' && existing.get(row.componentType)?.has(row.serialNumber)) {
          outcome = 'duplicate';
          errors.push(`serial ${row.serialNumber} is already in stock as ${row.componentType}`);
        } else if (outcome === 'new' && seen.has(key)) {
          outcome = 'duplicate';
          errors.push(`serial ${row.serialNumber} appears on an earlier line of this file`);
        }
        seen.add(key);
        rows.push({ line: row.line, componentType: row.componentType, uuid: row.uuid, serialNumber: row.serialNumber, outcome, errors });
        if (outcome === 'new') {
          accepted.push({
            componentType: row.componentType,
            uuid: row.uuid,
            serialNumber: row.serialNumber,
            status: 'available',
            location: row.location,
            purchaseDate: row.purchaseDate,
            warrantyEndDate: row.warrantyEndDate,
            notes: row.notes,
            flag: row.flag,
          });
        }
      }
      const counts = { new: accepted.length, duplicate: rows.filter((r) => r.outcome === 'duplicate').length, invalid: rows.filter((r) => r.outcome === 'invalid').length };
      if (!dryRun && counts.invalid > 0) {
        const invalid = rows.filter((r) => r.outcome === 'invalid');
        throw new DomainError('VALIDATION_FAILED', `Nothing was imported: ${counts.invalid} row(s) are invalid (first: line ${invalid[0]?.line}: ${invalid[0]?.errors.join('; ')})`, {
          fields: invalid.slice(0, 100).map((r) => ({ field: `line ${r.line}`, reason: r.errors.join('; ') })),
          rows,
          counts,
        });
      }
      if (dryRun || accepted.length === 0) return { dryRun, created: 0, counts, rows };
      const stored = await this.stock.insertMany(manager, accepted);
      await this.unitLog.record(manager, auth, stored, 'received', { source: 'import', note: 'CSV import' }, true);
      return { dryRun, created: stored.length, counts, rows };
    });
  }

  /** Today in the configured zone, for "warranty within N days". */
  private filterOf(query: ComponentExportQueryDto): StockFilter {
    let warrantyBefore = query.warrantyBefore;
    if (query.warrantyWithinDays !== undefined) {
      const today = dayInTimeZone(new Date(), this.config.timeZone);
      const start = Date.UTC(Number(today.slice(0, 4)), Number(today.slice(4, 6)) - 1, Number(today.slice(6, 8)));
      // "Within N days" includes day N: before N + 1.
      const limit = new Date(start + (query.warrantyWithinDays + 1) * 86_400_000).toISOString().slice(0, 10);
      warrantyBefore = warrantyBefore && warrantyBefore < limit ? warrantyBefore : limit;
    }
    return {
      type: query.type,
      model: query.model || undefined,
      status: query.status,
      serverUuid: query.serverUuid || undefined,
      location: query.location || undefined,
      warrantyBefore,
      q: query.q?.trim() || undefined,
    };
  }

  private async lockUnit(manager: EntityManager, id: number): Promise<ComponentStockEntity> {
    const unit = await this.stock.lockById(manager, id);
    if (!unit) throw notFound(id);
    return unit;
  }

  /** 409 naming the ticket that holds the unit: only that ticket may move it until it lets go. */
  private async refuseClaimed(manager: EntityManager, unit: ComponentStockEntity, what: string): Promise<void> {
    const claim = (await this.stock.claims([unit.id], manager)).get(unit.id);
    if (!claim) return;
    throw new DomainError(
      'CONFLICT',
      `Cannot ${what} unit ${unitLabel(unit)}: ticket ${claim.ticketNumber} holds it (${claim.direction === 'install' ? 'reserved to be installed' : 'to be removed'}); change it through that ticket, or cancel the ticket first`,
      { ticketId: claim.ticketId, ticketNumber: claim.ticketNumber },
    );
  }

  private async detailOf(unit: ComponentStockEntity): Promise<ComponentUnitDetail> {
    const [names, claims] = await Promise.all([this.modelNames([unit.uuid]), this.stock.claims([unit.id])]);
    const serverName = unit.serverUuid ? await this.serverName(unit.serverUuid) : null;
    const claim: UnitClaim | null = claims.get(unit.id) ?? null;
    return toComponentUnitDetail(unit, names.get(unit.uuid) ?? null, serverName, claim);
  }

  private async serverName(uuid: string, manager?: EntityManager): Promise<string> {
    return (await this.servers.findByUuid(uuid, manager))?.name ?? uuid;
  }

  private async modelNames(uuids: string[]): Promise<Map<string, string>> {
    const models = await this.catalog.findByUuids(uuids);
    return new Map(models.map((m) => [m.uuid, modelDisplayName(m)]));
  }
}

function notFound(id: number): DomainError {
  return new DomainError('COMPONENT_NOT_FOUND', `No stock unit with id ${id}`);
}
