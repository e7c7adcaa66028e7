import type { MigrationInterface } from 'typeorm';
import { InitialSchema1764288000000 } from './1764288000000-initial-schema';
import { InputLimits1764900000000 } from './1764900000000-input-limits';
import { AuthHardening1764900100000 } from './1764900100000-auth-hardening';
import { Catalog1765000000000 } from './1765000000000-catalog';
import { StockServers1765000200000 } from './1765000200000-stock-servers';
import { ApiTokens1765000300000 } from './1765000300000-api-tokens';
import { RoleQueues1765000400000 } from './1765000400000-role-queues';
import { ImportIdMap1765000500000 } from './1765000500000-import-id-map';
import { AccessAdmin1765000600000 } from './1765000600000-access-admin';
import { NotificationOutbox1765100500000 } from './1765100500000-notification-outbox';
import { MyWorkVisits1765100600000 } from './1765100600000-my-work-visits';
import { SavedFilters1765100800000 } from './1765100800000-saved-filters';
import { ListSearchIndexes1765200100000 } from './1765200100000-list-search-indexes';
import { NewestFirstIndexes1765200300000 } from './1765200300000-newest-first-indexes';
import { AccessVersion1765300000000 } from './1765300000000-access-version';
import { StockServerStatusIndex1765300100000 } from './1765300100000-stock-server-status-index';

/**
 * Every migration, oldest first. One set for SQLite and MariaDB/MySQL: migrations use TypeORM's
 * engine-neutral schema API; the few per-engine expressions live in ./columns.
 * A migration that has landed is never edited: add a new one.
 */
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  InitialSchema1764288000000,
  InputLimits1764900000000,
  AuthHardening1764900100000,
  Catalog1765000000000,
  StockServers1765000200000,
  ApiTokens1765000300000,
  RoleQueues1765000400000,
  ImportIdMap1765000500000,
  AccessAdmin1765000600000,
  NotificationOutbox1765100500000,
  MyWorkVisits1765100600000,
  SavedFilters1765100800000,
  ListSearchIndexes1765200100000,
  NewestFirstIndexes1765200300000,
  AccessVersion1765300000000,
  StockServerStatusIndex1765300100000,
];
