import type { ComponentType } from '@bdc/contracts';
import type { DatabaseService } from '../database/database.service';
import type { InventoryFulfilmentService } from '../ticket-items/inventory-fulfilment.service';
import { importAccess } from './access-step';
import { IdMap, ImportContext, type ProgressListener } from './context';
import { importInventory } from './inventory-step';
import { INVENTORY_TABLES } from './mapping';
import type { ImportReport } from './report';
import type { BdcImsSource, SourceRow } from './source';
import { reserveImportedTickets } from './reservations-step';
import { importTickets } from './tickets-step';

export interface ImportOptions {
  /** Run everything, report it, and roll it all back. */
  dryRun?: boolean;
  progress?: ProgressListener;
  /** Called after each table's rows are written, inside the transaction (tests inject a failure here). */
  afterTable?: (table: string) => void | Promise<void>;
}

/** Thrown inside the transaction to roll a dry run back; never leaves importBdcIms. */
class DryRunRollback extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run');
  }
}

/**
 * Imports a BDC IMS database into this one, all in one transaction: a failure at any row leaves this
 * database exactly as it was. The source is read completely first (one consistent snapshot), so the
 * transaction here holds its locks only for the writes.
 */
export interface ImportServices {
  db: DatabaseService;
  /** Reserves the units of imported approved / in-progress tickets, as approval does. */
  fulfilment: InventoryFulfilmentService;
}

export async function importBdcIms({ db, fulfilment }: ImportServices, source: BdcImsSource, options: ImportOptions = {}): Promise<ImportReport> {
  const read = async (table: string): Promise<SourceRow[] | null> => (source.hasTable(table) ? source.rows(table) : null);
  const access = {
    permissions: await read('permissions'),
    aclPermissions: await read('acl_permissions'),
    roles: await read('roles'),
    aclRoles: await read('acl_roles'),
    rolePermissions: await read('role_permissions'),
    users: await read('users'),
    userRoles: await read('user_roles'),
    userPermissions: await read('user_permissions'),
  };
  const units = new Map<ComponentType, SourceRow[] | null>();
  for (const { table, type } of INVENTORY_TABLES) units.set(type, await read(table));
  const inventory = { servers: await read('server_configurations'), units, links: await read('server_configuration_components') };
  const tickets = { tickets: await read('tickets'), items: await read('ticket_items'), history: await read('ticket_history') };

  const dryRun = options.dryRun ?? false;
  try {
    // A retried transaction (MariaDB deadlock) starts from a fresh report and id map.
    return await db.transaction(async (manager) => {
      const report: ImportReport = { source: source.database, dryRun, tables: [] };
      const ids = await IdMap.load(manager, source.database);
      const ctx = new ImportContext(manager, ids, report, options.progress, options.afterTable);
      const accessIds = await importAccess(ctx, access);
      const servers = await importInventory(ctx, inventory, accessIds.users);
      const ticketIds = await importTickets(ctx, tickets, accessIds.users, accessIds.roles, servers);
      await reserveImportedTickets(ctx, fulfilment, tickets.tickets, ticketIds);
      if (dryRun) throw new DryRunRollback(report);
      return report;
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.report;
    throw error;
  }
}
