import { AdvancedConsoleLogger, type QueryRunner } from 'typeorm';

/**
 * TypeORM's console logger (errors only, as before) that also tells DatabaseService about every
 * failed query, including those outside its transaction helper (plain reads, autocommit writes):
 * a SQLite I/O error anywhere means the connection must be reopened, not just the one request failed.
 */
export class QueryErrorTap extends AdvancedConsoleLogger {
  private readonly listeners = new Set<(error: unknown) => void>();

  constructor() {
    super(['error']);
  }

  /** Returns the unsubscribe function. */
  onQueryError(listener: (error: unknown) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // TypeORM declares `error: string` but passes the driver's Error object.
  override logQueryError(error: string | Error, query: string, parameters?: unknown[], queryRunner?: QueryRunner): void {
    super.logQueryError(String(error), query, parameters, queryRunner);
    for (const listener of this.listeners) listener(error);
  }
}
