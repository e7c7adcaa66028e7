import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import { ConfigError, redactUrl } from '../config/app-config';
import { cliConfig } from './cli-config';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoData } from '../seed/demo-data';
import { seedReferenceData } from '../seed/reference-data';
import { UserEntity } from '../users/user.entity';

/**
 * `pnpm db:seed`: migrations, reference data, then the demo data — only into a database without
 * users. On a database that has users it refuses politely and changes nothing but reference data:
 * demo rows mixed into real data (or a second copy of them) would be worse than no demo. To start
 * over, point DB_URL at a new file or drop the database.
 */
async function main(): Promise<void> {
  const config = cliConfig();
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    const dataSource = app.get(DataSource);
    await seedReferenceData(dataSource);
    const users = await dataSource.manager.count(UserEntity);
    if (users > 0) {
      console.log(`${redactUrl(config.dbUrl)} already has ${users} user(s): demo data is only seeded into an empty database. Nothing to do.`);
      return;
    }
    await seedDemoData(app);
    console.log(`Seeded demo data into ${redactUrl(config.dbUrl)}. Logins (password "${DEMO_PASSWORD}"): ${DEMO_USERS.map((u) => u.username).join(', ')}`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
