import type { INestApplicationContext } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { UserEntity } from '../users/user.entity';
import { DEMO_USERS, seedDemoData } from './demo-data';
import { ensureInitialAdmin, type InitialAdmin } from './initial-admin';
import { seedReferenceData } from './reference-data';

export interface PrepareOptions {
  /** Seed the demo data when the database has no users yet. */
  demoWhenEmpty: boolean;
  /** Include demo tickets (default true). */
  demoTickets?: boolean;
  /** Otherwise, on an empty database, create this administrator. */
  initialAdmin?: InitialAdmin | null;
}

/**
 * What the configuration asks a boot to prepare. SEED_DEMO defaults to `never` in production (see
 * AppConfig), so a production database never gets the well-known demo logins unless asked for.
 */
export function prepareOptionsFor(config: Pick<AppConfig, 'seedDemo' | 'initialAdmin'>): PrepareOptions {
  return { demoWhenEmpty: config.seedDemo === 'auto', initialAdmin: config.initialAdmin };
}

/**
 * What every boot does after the migrations (which run when the DataSource connects): reference data,
 * then, on an empty database, the demo data or else the configured first administrator.
 */
export async function prepareDatabase(
  app: INestApplicationContext,
  options: PrepareOptions,
): Promise<{ demoSeeded: boolean; demoUsersPresent: boolean; initialAdminCreated: boolean }> {
  const dataSource = app.get(DataSource);
  await seedReferenceData(dataSource);
  const users = await dataSource.manager.count(UserEntity);
  if (options.demoWhenEmpty && users === 0) {
    await seedDemoData(app, { tickets: options.demoTickets ?? true });
    return { demoSeeded: true, demoUsersPresent: true, initialAdminCreated: false };
  }
  const initialAdminCreated = users === 0 && options.initialAdmin ? await ensureInitialAdmin(dataSource, options.initialAdmin) : false;
  const demoUsers = await dataSource.manager.count(UserEntity, { where: { username: In(DEMO_USERS.map((u) => u.username)) } });
  return { demoSeeded: false, demoUsersPresent: demoUsers === DEMO_USERS.length, initialAdminCreated };
}
