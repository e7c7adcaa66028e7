import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { LIMITS, type ListResult, type Page, type ServerDetail, type ServerHistoryEntry, type ServerSummary } from '@bdc/contracts';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { AuthContext } from '../access/auth-context';
import { DomainError } from '../common/domain-error';
import { DatabaseService } from '../database/database.service';
import { UsersService } from '../users/users.service';
import { CatalogRepository } from './catalog.repository';
import type { ComponentStockEntity } from './component-stock.entity';
import { modelDisplayName } from './catalog.dto';
import type { ServerEntity } from './server.entity';
import { rackPositionOf, toInstalledComponent, toServerDetail, toServerHistoryEntry, toServerSummary, type CreateServerDto, type ServerListQueryDto, type UpdateServerDto } from './servers.dto';
import { ServersRepository } from './servers.repository';
import { StockRepository } from './stock.repository';
import { UnitLogService } from './unit-log.service';

/** Servers: list, detail with the build by slot, create, edit, decommission, and the history of what came and went. */
@Injectable()
export class ServersService {
  constructor(
    private readonly db: DatabaseService,
    private readonly servers: ServersRepository,
    private readonly stock: StockRepository,
    private readonly catalog: CatalogRepository,
    private readonly unitLog: UnitLogService,
    private readonly users: UsersService,
  ) {}

  async list(_auth: AuthContext, query: ServerListQueryDto): Promise<ListResult<ServerSummary>> {
    const servers = await this.servers.search({ q: query.q?.trim() || undefined, status: query.status });
    const counts = await this.servers.componentCounts(servers.map((s) => s.uuid));
    return { items: servers.map((s) => toServerSummary(s, counts.get(s.uuid) ?? 0)), total: servers.length };
  }

  async get(_auth: AuthContext, uuid: string): Promise<ServerDetail> {
    return this.detailOf(await this.find(uuid));
  }

  async create(auth: AuthContext, dto: CreateServerDto): Promise<ServerDetail> {
    const uuid = randomUUID();
    await this.db.transaction(async (manager) => {
      await this.refuseTakenName(manager, dto.name, null);
      const rack = dto.rack ?? null;
      const rackUnit = dto.rackUnit ?? null;
      await this.servers.insert(manager, {
        uuid,
        name: dto.name,
        description: dto.description ?? null,
        status: dto.status ?? 'draft',
        location: dto.location ?? null,
        rack,
        rackUnit,
        rackPosition: rackPositionOf(rack, rackUnit),
        powerBudgetWatts: dto.powerBudgetWatts ?? null,
        settings: {},
        notes: dto.notes ?? null,
        createdBy: auth.id,
        decommissionedAt: null,
      });
    });
    return this.get(auth, uuid);
  }

  async update(auth: AuthContext, uuid: string, dto: UpdateServerDto): Promise<ServerDetail> {
    await this.db.transaction(async (manager) => {
      const server = await this.lockLive(manager, uuid, 'edit');
      const patch: QueryDeepPartialEntity<ServerEntity> = {};
      if (dto.name !== undefined && dto.name !== server.name) {
        await this.refuseTakenName(manager, dto.name, uuid);
        patch.name = dto.name;
      }
      if (dto.description !== undefined) patch.description = dto.description;
      if (dto.status !== undefined) patch.status = dto.status;
      if (dto.location !== undefined) patch.location = dto.location;
      if (dto.powerBudgetWatts !== undefined) patch.powerBudgetWatts = dto.powerBudgetWatts;
      if (dto.notes !== undefined) patch.notes = dto.notes;
      if (dto.rack !== undefined || dto.rackUnit !== undefined) {
        const rack = dto.rack !== undefined ? dto.rack : server.rack;
        const rackUnit = dto.rackUnit !== undefined ? dto.rackUnit : server.rackUnit;
        Object.assign(patch, { rack, rackUnit, rackPosition: rackPositionOf(rack, rackUnit) });
      }
      if (Object.keys(patch).length > 0) await this.servers.update(manager, uuid, patch);
    });
    return this.get(auth, uuid);
  }

  /**
   * Refused (409) while a ticket that is not completed or cancelled targets the server, or while units
   * are installed: decommissioning takes nothing out of a server by itself, since every unit's move
   * must be a ticket's (or a direct edit's) and be logged as such.
   */
  async decommission(auth: AuthContext, uuid: string, reason?: string): Promise<ServerDetail> {
    await this.db.transaction(async (manager) => {
      const server = await this.lockLive(manager, uuid, 'decommission');
      const open = await this.servers.openTicketNumbers(uuid, manager);
      if (open.length > 0) {
        throw new DomainError('CONFLICT', `Cannot decommission ${server.name}: open ticket(s) ${open.join(', ')} target it; complete or cancel them first`, { tickets: open });
      }
      const installed = await this.stock.installedIn(uuid, manager);
      if (installed.length > 0) {
        throw new DomainError('CONFLICT', `Cannot decommission ${server.name}: ${installed.length} unit(s) are still installed; remove them through a ticket or a direct edit first`, { units: installed.length });
      }
      const note = `Decommissioned by ${auth.username}${reason ? `: ${reason}` : ''}`;
      const notes = server.notes ? `${server.notes}\n${note}` : note;
      await this.servers.update(manager, uuid, { decommissionedAt: new Date(), notes: notes.slice(0, LIMITS.notesMax * 2) });
    });
    return this.get(auth, uuid);
  }

  async history(_auth: AuthContext, uuid: string, page = 1, pageSize: number = LIMITS.pageSizeDefault): Promise<Page<ServerHistoryEntry>> {
    await this.find(uuid);
    const { rows, total } = await this.unitLog.byServer(uuid, page, pageSize);
    const [names, users] = await Promise.all([this.modelNames(rows.map((r) => r.modelUuid)), this.users.summaries(rows.flatMap((r) => (r.userId === null ? [] : [r.userId])))]);
    return {
      items: rows.map((r) => toServerHistoryEntry(r, uuid, names.get(r.modelUuid) ?? null, r.userId === null ? null : (users.get(r.userId) ?? null))),
      total,
      page,
      pageSize,
    };
  }

  private async find(uuid: string, manager?: EntityManager): Promise<ServerEntity> {
    const server = await this.servers.findByUuid(uuid, manager);
    if (!server) throw new DomainError('SERVER_NOT_FOUND', `No server with UUID ${uuid}`);
    return server;
  }

  private async lockLive(manager: EntityManager, uuid: string, what: string): Promise<ServerEntity> {
    const server = await this.servers.lockByUuid(manager, uuid);
    if (!server) throw new DomainError('SERVER_NOT_FOUND', `No server with UUID ${uuid}`);
    if (server.decommissionedAt) throw new DomainError('CONFLICT', `Cannot ${what} ${server.name}: it was decommissioned`);
    return server;
  }

  private async refuseTakenName(manager: EntityManager, name: string, exceptUuid: string | null): Promise<void> {
    if (await this.servers.nameTaken(name, exceptUuid, manager)) {
      throw new DomainError('CONFLICT', `A server called ${name} already exists`, { fields: [{ field: 'name', reason: 'is taken' }] });
    }
  }

  private async detailOf(server: ServerEntity): Promise<ServerDetail> {
    const units = (await this.stock.installedIn(server.uuid)).sort(byPhysicalOrder);
    const names = await this.modelNames(units.map((u) => u.uuid));
    return toServerDetail(server, units.map((u) => toInstalledComponent(u, names.get(u.uuid) ?? null)));
  }

  private async modelNames(uuids: string[]): Promise<Map<string, string>> {
    const models = await this.catalog.findByUuids(uuids);
    return new Map(models.map((m) => [m.uuid, modelDisplayName(m)]));
  }
}

/** Chassis first, then board, CPUs, memory, drives…, and slots in natural order (DIMM A2 before A10). */
const TYPE_ORDER = ['chassis', 'motherboard', 'cpu', 'ram', 'storage', 'caddy', 'nic', 'hbacard', 'pciecard'];
export function byPhysicalOrder(a: ComponentStockEntity, b: ComponentStockEntity): number {
  const rank = (type: string) => {
    const index = TYPE_ORDER.indexOf(type);
    return index === -1 ? TYPE_ORDER.length : index;
  };
  return (
    rank(a.componentType) - rank(b.componentType) ||
    (a.slotPosition ?? '').localeCompare(b.slotPosition ?? '', 'en', { numeric: true }) ||
    a.id - b.id
  );
}
