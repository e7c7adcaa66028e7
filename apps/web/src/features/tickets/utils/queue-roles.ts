import { DEFAULT_ROLE_GRANTS, ROLE_CATALOG } from '@bdc/contracts';

/**
 * The roles a ticket can be queued for: those whose members can deploy (only they may claim).
 * From the shared role catalog: roles created later by an administrator are not offered here yet.
 */
export const QUEUE_ROLES = ROLE_CATALOG.filter((r) => DEFAULT_ROLE_GRANTS[r.name].includes('ticket.deploy')).map((r) => ({ name: r.name, displayName: r.displayName }));
