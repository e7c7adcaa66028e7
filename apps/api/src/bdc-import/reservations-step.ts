import { In, type EntityManager } from 'typeorm';
import type { AuthContext } from '../access/auth-context';
import { DomainError } from '../common/domain-error';
import type { InventoryFulfilmentService } from '../ticket-items/inventory-fulfilment.service';
import { TicketItemAllocationEntity } from '../ticket-items/ticket-item-allocation.entity';
import { TicketItemEntity } from '../ticket-items/ticket-item.entity';
import { TicketEntity } from '../tickets/ticket.entity';
import { UserEntity } from '../users/user.entity';
import type { ImportContext } from './context';
import { count } from './report';
import type { SourceRow } from './source';

/** Statuses in which a ticket of this product holds its units (approval reserved them, deploy has not applied them). */
const HOLDING_STATUSES = new Set(['approved', 'in_progress']);
/** Item actions that take a unit from stock or claim one in the server. */
const MOVING_ACTIONS = new Set(['add', 'remove', 'replace']);

/**
 * BDC IMS never reserved stock: its approved and in-progress tickets name units nobody holds. Each such
 * ticket imported (in the order they were created here, so the older one gets the units) reserves what
 * approval would have — the same InventoryFulfilmentService.reserve, in a savepoint — when the units are
 * there; otherwise it is reported skipped with the reason and holds nothing (the next run tries again).
 * A ticket that already holds or used units here (an earlier run) is left as it is.
 */
export async function reserveImportedTickets(ctx: ImportContext, fulfilment: InventoryFulfilmentService, sourceTickets: SourceRow[] | null, ticketIds: Map<number, number>): Promise<void> {
  const { manager } = ctx;
  const imported = new Set(ticketIds.values());
  const holding = await manager.find(TicketEntity, { where: { status: In([...HOLDING_STATUSES]) }, order: { id: 'ASC' } });
  const bySourceOrder = holding.filter((ticket) => imported.has(ticket.id));
  const rows = sourceTickets === null ? null : bySourceOrder.map((ticket): SourceRow => ({ id: ticket.id }));
  let index = 0;
  await ctx.table('tickets → reservations', rows, async (_row, report) => {
    const ticket = bySourceOrder[index++];
    if (!ticket) return;
    const label = ticket.ticketNumber;
    const items = await manager.find(TicketItemEntity, { where: { ticketId: ticket.id }, order: { position: 'ASC', id: 'ASC' } });
    const moving = items.filter((item) => MOVING_ACTIONS.has(item.action));
    if (moving.length === 0 || (await hasAllocations(manager, items))) return count(report, 'unchanged');
    const actor = await actorOf(manager, ticket);
    try {
      await inSavepoint(manager, () => fulfilment.reserve(manager, actor, ticket, items));
      count(report, 'imported');
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      report.skipped.push({ row: label, reason: `${ticket.status} in BDC IMS, imported without reservations: ${error.message}` });
    }
  });
}

async function hasAllocations(manager: EntityManager, items: TicketItemEntity[]): Promise<boolean> {
  if (items.length === 0) return false;
  const found = await manager
    .createQueryBuilder(TicketItemAllocationEntity, 'a')
    .where('a.ticketItemId IN (:...ids)', { ids: items.map((i) => i.id) })
    .getCount();
  return found > 0;
}

/** The reservation is the approval's: recorded in the approver's name where BDC IMS's history names one, else the creator's. */
async function actorOf(manager: EntityManager, ticket: TicketEntity): Promise<AuthContext> {
  const id = ticket.approvedBy ?? ticket.createdBy;
  const user = await manager.findOne(UserEntity, { where: { id }, select: { id: true, username: true } });
  const username = user?.username ?? `user #${id}`;
  return { id, username, displayName: username, roles: [], permissions: [], ip: null };
}

/** Runs `work` so that a refusal undoes only its own writes, not the import's (SQLite and MariaDB both nest savepoints). */
async function inSavepoint<T>(manager: EntityManager, work: () => Promise<T>): Promise<T> {
  await manager.query('SAVEPOINT bdc_import_reservation');
  try {
    const result = await work();
    await manager.query('RELEASE SAVEPOINT bdc_import_reservation');
    return result;
  } catch (error) {
    await manager.query('ROLLBACK TO SAVEPOINT bdc_import_reservation');
    await manager.query('RELEASE SAVEPOINT bdc_import_reservation');
    throw error;
  }
}
