import type { INestApplicationContext } from '@nestjs/common';

/**
 * Creates demo tickets in every status through the real services (so reservations and inventory stay
 * consistent). Called by the demo seed after users, catalog, servers and stock exist.
 * Placeholder until the tickets feature lands.
 */
export async function seedDemoTickets(_app: INestApplicationContext): Promise<void> {
  // filled in by the tickets feature
}
