/**
 * Factories and look-ups for tests on a TestApp (see harness.ts). They write straight to the
 * database (fast, no permissions involved) and return plain values; assert through HTTP.
 */
import { randomUUID } from 'node:crypto';
import type { ComponentType, Permission, RoleName, ServerStatus, StockStatus } from '@bdc/contracts';
import { BCRYPT_COST, hashPassword } from '../src/auth/password';
import { CatalogModelEntity } from '../src/inventory/catalog-model.entity';
import { ComponentStockEntity } from '../src/inventory/component-stock.entity';
import { ServerEntity } from '../src/inventory/server.entity';
import { DEMO_USERS, SERVER } from '../src/seed/demo-data';
import { MODEL } from '../src/seed/demo-catalog';
import { PermissionEntity } from '../src/users/permission.entity';
import { RoleEntity } from '../src/users/role.entity';
import { UserPermissionEntity } from '../src/users/user-permission.entity';
import { UserRoleEntity } from '../src/users/user-role.entity';
import { UserEntity } from '../src/users/user.entity';
import type { TestApp } from './harness';

export { DEMO_USERS, SERVER, MODEL };
export type DemoUsername = 'admin' | 'manager' | 'manager2' | 'tech' | 'tech2' | 'requester';

let seq = 0;
const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(seq++).toString(36)}`;

// Hashing is the slow part of creating a user: reuse one hash per password within a test process.
const hashes = new Map<string, Promise<string>>();
function hashFor(password: string): Promise<string> {
  let hash = hashes.get(password);
  if (!hash) {
    hash = hashPassword(password, Math.min(BCRYPT_COST, 4));
    hashes.set(password, hash);
  }
  return hash;
}

export interface CreatedUser {
  id: number;
  username: string;
  password: string;
}

export async function createUser(
  t: TestApp,
  opts: {
    username?: string;
    roles?: RoleName[];
    permissions?: Permission[];
    password?: string;
    /** A ready hash (e.g. a PHP `$2y$` one); overrides `password` for storage. */
    passwordHash?: string;
    status?: 'active' | 'disabled';
    firstName?: string | null;
    lastName?: string | null;
  } = {},
): Promise<CreatedUser> {
  const username = opts.username ?? unique('u');
  const password = opts.password ?? 'demo';
  const manager = t.dataSource.manager;
  const inserted = await manager.insert(UserEntity, {
    username,
    passwordHash: opts.passwordHash ?? (await hashFor(password)),
    email: `${username}@test.example`,
    firstName: opts.firstName === undefined ? 'Test' : opts.firstName,
    lastName: opts.lastName === undefined ? username : opts.lastName,
    status: opts.status ?? 'active',
  });
  const id = Number(inserted.identifiers[0]?.id);
  for (const role of opts.roles ?? []) {
    const row = await manager.findOneOrFail(RoleEntity, { where: { name: role } });
    await manager.insert(UserRoleEntity, { userId: id, roleId: row.id, assignedBy: null });
  }
  for (const permission of opts.permissions ?? []) {
    const row = await manager.findOneOrFail(PermissionEntity, { where: { name: permission } });
    await manager.insert(UserPermissionEntity, { userId: id, permissionId: row.id });
  }
  return { id, username, password };
}

export async function setUserStatus(t: TestApp, userId: number, status: 'active' | 'disabled'): Promise<void> {
  await t.dataSource.manager.update(UserEntity, { id: userId }, { status });
}

/** Id of a demo user (ids are stable: admin 1 … requester 6, but look them up anyway). */
export async function demoUserId(t: TestApp, username: DemoUsername): Promise<number> {
  const user = await t.dataSource.manager.findOneOrFail(UserEntity, { where: { username } });
  return user.id;
}

export async function createServer(
  t: TestApp,
  opts: { name?: string; uuid?: string; status?: ServerStatus; location?: string | null; rackPosition?: string | null; powerBudgetWatts?: number | null } = {},
): Promise<{ id: number; uuid: string; name: string }> {
  const uuid = opts.uuid ?? randomUUID();
  const name = opts.name ?? unique('srv-');
  const inserted = await t.dataSource.manager.insert(ServerEntity, {
    uuid,
    name,
    description: null,
    status: opts.status ?? 'validated',
    location: opts.location === undefined ? 'TEST Hall' : opts.location,
    rackPosition: opts.rackPosition === undefined ? 'T01-U01' : opts.rackPosition,
    powerBudgetWatts: opts.powerBudgetWatts === undefined ? null : opts.powerBudgetWatts,
    settings: {},
    notes: null,
    createdBy: null,
  });
  return { id: Number(inserted.identifiers[0]?.id), uuid, name };
}

export async function createCatalogModel(
  t: TestApp,
  opts: { componentType: ComponentType; uuid?: string; brand?: string; model?: string; specifications?: Record<string, unknown> },
): Promise<{ uuid: string }> {
  const uuid = opts.uuid ?? randomUUID();
  await t.dataSource.manager.save(CatalogModelEntity, {
    uuid,
    componentType: opts.componentType,
    brand: opts.brand ?? 'Test',
    model: opts.model ?? unique('model-'),
    specifications: opts.specifications ?? {},
  });
  return { uuid };
}

export interface CreatedUnit {
  id: number;
  uuid: string;
  serialNumber: string;
  componentType: ComponentType;
}

/**
 * Stock units of one catalog model. `serverUuid` installs them (status defaults to in_use then).
 * Returns them in creation order.
 */
export async function createStock(
  t: TestApp,
  opts: { componentType: ComponentType; model: string; count?: number; status?: StockStatus; serverUuid?: string | null; slot?: string | null; location?: string | null },
): Promise<CreatedUnit[]> {
  const count = opts.count ?? 1;
  const units: CreatedUnit[] = [];
  for (let i = 0; i < count; i++) {
    const serialNumber = unique('TSN-').toUpperCase();
    const inserted = await t.dataSource.manager.insert(ComponentStockEntity, {
      componentType: opts.componentType,
      uuid: opts.model,
      serialNumber,
      status: opts.status ?? (opts.serverUuid ? 'in_use' : 'available'),
      serverUuid: opts.serverUuid ?? null,
      slotPosition: opts.slot ?? null,
      location: opts.location === undefined ? 'TEST store' : opts.location,
    });
    units.push({ id: Number(inserted.identifiers[0]?.id), uuid: opts.model, serialNumber, componentType: opts.componentType });
  }
  return units;
}

/** Stock units matching a filter, ordered by id. */
export async function findStock(
  t: TestApp,
  where: { componentType?: ComponentType; model?: string; status?: StockStatus; serverUuid?: string | null },
): Promise<ComponentStockEntity[]> {
  const qb = t.dataSource.manager.createQueryBuilder(ComponentStockEntity, 's').orderBy('s.id', 'ASC');
  if (where.componentType) qb.andWhere('s.componentType = :type', { type: where.componentType });
  if (where.model) qb.andWhere('s.uuid = :model', { model: where.model });
  if (where.status) qb.andWhere('s.status = :status', { status: where.status });
  if (where.serverUuid === null) qb.andWhere('s.serverUuid IS NULL');
  else if (where.serverUuid) qb.andWhere('s.serverUuid = :server', { server: where.serverUuid });
  return qb.getMany();
}

export async function findStockById(t: TestApp, id: number): Promise<ComponentStockEntity | null> {
  return t.dataSource.manager.findOne(ComponentStockEntity, { where: { id } });
}
