import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { buildDataSourceOptions } from './data-source-options';
import { DatabaseService } from './database.service';
import { SqlBatchService } from './sql-batch.service';

/**
 * One DataSource for the process, built from DB_URL; pending migrations run inside initialize(),
 * before the app accepts requests. Exports DataSource (and TypeORM repositories through
 * TypeOrmModule.forFeature for modules that want them) plus DatabaseService for transactions and
 * row locks. `synchronize` is never on: the schema is the migrations'.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: async (config: AppConfig) => ({
        ...(await buildDataSourceOptions({ dbUrl: config.dbUrl, migrationsRun: true })),
        // Retrying hides a wrong DB_URL behind a long hang; a process manager restarts us instead.
        retryAttempts: 0,
      }),
      dataSourceFactory: async (options) => {
        if (!options) throw new Error('DataSource options missing');
        return new DataSource(options).initialize();
      },
    }),
  ],
  providers: [DatabaseService, SqlBatchService],
  exports: [DatabaseService, SqlBatchService],
})
export class DatabaseModule {}
