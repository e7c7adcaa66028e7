import { Injectable } from '@nestjs/common';
import type { InstallUnitRequest, RemovalDestination, ServerDetail, TicketItemInput } from '@bdc/contracts';
import type { EntityManager } from 'typeorm';
import type { AuthContext } from '../access/auth-context';
import { DomainError, fieldError } from '../common/domain-error';
import { DatabaseService } from '../database/database.service';
import { buildErrors, verdictProblems } from '../ticket-items/item-validation';
import { ItemStockRepository } from '../ticket-items/item-stock.repository';
import { asComponentType, ItemValidationService } from '../ticket-items/item-validation.service';
import { nextSlot } from '../ticket-items/slots';
import { isSlotOfKind, slotsOf, UnitMovesService } from '../ticket-items/unit-moves.service';
import type { ComponentStockEntity } from './component-stock.entity';
import { DirectEditRepository } from './direct-edit.repository';
import type { ServerEntity } from './server.entity';
import { ServersService } from './servers.service';

const label = (unit: ComponentStockEntity) => unit.serialNumber ?? `#${unit.id}`;

/**
 * Direct edits (BDC IMS's server-add-component and remove): one unit into or out of a server without
 * a ticket, for someone with server.edit. The unit moves through the same code as a ticket deploy
 * (UnitMovesService: same columns, unit log rows with source `direct`, server updatedAt) and is
 * judged by the same item validation as a ticket doing it, so an edit that breaks an error-level
 * rule is refused (422 with the rule codes) and changes nothing.
 *
 * Locks as deploy does, units first then the server row, and every other read comes after them: on
 * MariaDB a direct edit's view of the build is then never older than the last committed change, so two
 * edits of one server are judged one after the other. Refused (409 naming the ticket) while an open
 * ticket holds the unit or the server (reserved stock, or a deploy not yet completed): that ticket was
 * approved against the build as it is, and its deploy (or rollback) must find it so.
 */
@Injectable()
export class DirectEditService {
  constructor(
    private readonly db: DatabaseService,
    private readonly stock: ItemStockRepository,
    private readonly holds: DirectEditRepository,
    private readonly validation: ItemValidationService,
    private readonly moves: UnitMovesService,
    private readonly servers: ServersService,
  ) {}

  async install(auth: AuthContext, serverUuid: string, request: InstallUnitRequest): Promise<ServerDetail> {
    // Named by serial: looked up before the transaction, so that its first read is a lock (see above).
    const unitId = await this.unitIdOf(request);
    await this.db.transaction(async (manager) => {
      const unit = await this.lockUnit(manager, unitId);
      const server = await this.lockServer(manager, serverUuid);
      const what = `Cannot install unit ${label(unit)} into ${server.name}`;
      await this.refuseHeld(manager, server, unit, what);
      if (unit.status !== 'available') {
        const where = unit.serverUuid ? ` in ${unit.serverUuid === server.uuid ? 'this server' : ((await this.stock.findServer(unit.serverUuid, manager))?.name ?? unit.serverUuid)}` : '';
        throw new DomainError('CONFLICT', `${what}: it is ${unit.status}${where}, not available`, { status: unit.status });
      }
      const type = asComponentType(unit.componentType);
      await this.requireCompatible(manager, server, { action: 'add', componentType: type, componentUuid: unit.uuid, componentSerial: unit.serialNumber, quantity: 1 }, what);

      const [model] = await this.stock.catalogByUuids([unit.uuid], manager);
      const specs = model?.specifications ?? {};
      const used = slotsOf(await this.moves.usedSlots(manager, server.uuid), unit);
      let slot: string | null;
      if (request.slot) {
        if (!isSlotOfKind(type, specs, request.slot)) throw fieldError('slot', `${request.slot} is not a slot for ${label(unit)} (${type})`);
        if (used.has(request.slot)) throw new DomainError('CONFLICT', `${what}: slot ${request.slot} is not free`, { fields: [{ field: 'slot', reason: 'is taken' }] });
        slot = request.slot;
      } else {
        slot = nextSlot(type, specs, used);
      }
      await this.moves.install(manager, auth, unit, server, slot, this.moves.today(), { source: 'direct', note: request.note ?? null });
      await this.moves.touchServer(manager, server.uuid, server.settings ?? {});
    });
    return this.servers.get(auth, serverUuid);
  }

  async remove(auth: AuthContext, serverUuid: string, unitId: number, destination: RemovalDestination = 'available', note?: string): Promise<ServerDetail> {
    await this.db.transaction(async (manager) => {
      const unit = await this.lockUnit(manager, unitId);
      const server = await this.lockServer(manager, serverUuid);
      const what = `Cannot remove unit ${label(unit)} from ${server.name}`;
      if (unit.status !== 'in_use' || unit.serverUuid !== server.uuid) {
        throw new DomainError('CONFLICT', `${what}: it is not installed there (it is ${unit.status})`, { status: unit.status });
      }
      await this.refuseHeld(manager, server, unit, what);
      const type = asComponentType(unit.componentType);
      // By serial when it has one; by model otherwise, which takes out a part the build sees as the same.
      const item: TicketItemInput = unit.serialNumber
        ? { action: 'remove', componentType: type, componentSerial: unit.serialNumber, quantity: 1 }
        : { action: 'remove', componentType: type, componentUuid: unit.uuid, quantity: 1 };
      await this.requireCompatible(manager, server, item, what);
      await this.moves.remove(manager, auth, unit, server, destination, { source: 'direct', note: note ?? null });
      await this.moves.touchServer(manager, server.uuid, server.settings ?? {});
    });
    return this.servers.get(auth, serverUuid);
  }

  private async unitIdOf(request: InstallUnitRequest): Promise<number> {
    if ((request.unitId === undefined) === (request.serialNumber === undefined)) {
      const reason = 'give either unitId or serialNumber';
      throw new DomainError('VALIDATION_FAILED', `Invalid unitId: ${reason}`, { fields: [{ field: 'unitId', reason }] });
    }
    if (request.unitId !== undefined) return request.unitId;
    const serial = request.serialNumber ?? '';
    const found = (await this.stock.unitsBySerials([{ componentType: request.componentType ?? '', serial }])).filter((u) => u.serialNumber === serial && (!request.componentType || u.componentType === request.componentType));
    const [first] = found;
    if (!first) throw new DomainError('COMPONENT_NOT_FOUND', `No stock unit with serial ${serial}${request.componentType ? ` of type ${request.componentType}` : ''}`, { fields: [{ field: 'serialNumber', reason: 'no such unit' }] });
    if (found.length > 1) {
      const reason = `is the serial of ${found.length} units (${found.map((u) => u.componentType).join(', ')}): give componentType too`;
      throw new DomainError('VALIDATION_FAILED', `Invalid serialNumber: ${reason}`, { fields: [{ field: 'componentType', reason }] });
    }
    return first.id;
  }

  private async lockUnit(manager: EntityManager, id: number): Promise<ComponentStockEntity> {
    const [unit] = await this.stock.lockUnits(manager, [id]);
    if (!unit) throw new DomainError('COMPONENT_NOT_FOUND', `No stock unit with id ${id}`);
    return unit;
  }

  private async lockServer(manager: EntityManager, uuid: string): Promise<ServerEntity> {
    const server = await this.stock.lockServer(manager, uuid);
    if (!server) throw new DomainError('SERVER_NOT_FOUND', `No server with UUID ${uuid}`);
    if (server.decommissionedAt) throw new DomainError('CONFLICT', `${server.name} was decommissioned: its build can no longer change`);
    return server;
  }

  private async refuseHeld(manager: EntityManager, server: ServerEntity, unit: ComponentStockEntity, what: string): Promise<void> {
    const hold = await this.holds.firstHold(manager, server.uuid, unit.id);
    if (!hold) return;
    const held = hold.onUnit ? `holds unit ${label(unit)}` : `holds stock for ${server.name}`;
    const how = hold.state === 'applied' ? 'deployed, not yet completed' : 'reserved';
    throw new DomainError('CONFLICT', `${what}: ticket ${hold.ticketNumber} ${held} (${how}); make the change through that ticket, or wait until it is completed or cancelled`, {
      ticketId: hold.ticketId,
      ticketNumber: hold.ticketNumber,
    });
  }

  /** The item validation of a ticket doing this one change: 422 ITEMS_INVALID with the rule codes on any error. */
  private async requireCompatible(manager: EntityManager, server: ServerEntity, item: TicketItemInput, what: string): Promise<void> {
    const { verdicts, build } = await this.validation.validate(manager, server.uuid, [item], null);
    const problems = verdictProblems(verdicts);
    const errors = buildErrors(build);
    if (problems.length === 0 && errors.length === 0) return;
    const rules = [...new Set([...verdicts.flatMap((v) => (v.status === 'invalid' ? v.rules : [])), ...errors.map((e) => e.rule)])];
    const messages = [...problems.map((p) => p.message), ...errors.map((e) => e.message)];
    throw new DomainError('ITEMS_INVALID', `${what}: ${messages.join('; ')}`, { items: problems, ...(errors.length > 0 ? { build: errors } : {}), rules });
  }
}
