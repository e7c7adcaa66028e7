import type { QueryRunner, TableColumnOptions } from 'typeorm';

/**
 * Column builders that produce exactly what the API's entities declare, on SQLite and on
 * MariaDB/MySQL (see docs/stack-notes): integer ids, varchar instead of native enums, booleans as
 * `boolean` with a 0/1 default, JSON as text, and created/updated-at defaults per engine.
 * Landed migrations depend on these: never change what a builder returns, add a new one instead.
 */
export type Engine = 'sqlite' | 'mysql';

export function engineOf(queryRunner: QueryRunner): Engine {
  return queryRunner.connection.driver.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql';
}

export const id = (): TableColumnOptions => ({
  name: 'id',
  type: 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment',
});

export const int = (name: string, opts: { nullable?: boolean; default?: number } = {}): TableColumnOptions => ({
  name,
  type: 'integer',
  isNullable: opts.nullable ?? false,
  ...(opts.default !== undefined ? { default: opts.default } : {}),
});

export const varchar = (name: string, length: number, opts: { nullable?: boolean; default?: string } = {}): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: opts.nullable ?? false,
  ...(opts.default !== undefined ? { default: `'${opts.default.replace(/'/g, "''")}'` } : {}),
});

export const text = (name: string, opts: { nullable?: boolean } = {}): TableColumnOptions => ({
  name,
  type: 'text',
  isNullable: opts.nullable ?? false,
});

/** TypeORM's `simple-json` is text on both engines. */
export const json = text;

export const bool = (name: string, defaultValue: boolean): TableColumnOptions => ({
  name,
  type: 'boolean',
  default: defaultValue ? 1 : 0,
  isNullable: false,
});

export const datetime = (name: string, opts: { nullable?: boolean } = {}): TableColumnOptions => ({
  name,
  type: 'datetime',
  isNullable: opts.nullable ?? false,
});

export const date = (name: string, opts: { nullable?: boolean } = {}): TableColumnOptions => ({
  name,
  type: 'date',
  isNullable: opts.nullable ?? false,
});

/** What @CreateDateColumn({type: 'datetime'}) expects: TypeORM gives it precision 6 on MySQL. */
export const createdAt = (engine: Engine, name = 'created_at'): TableColumnOptions =>
  engine === 'mysql'
    ? { name, type: 'datetime', precision: 6, default: 'CURRENT_TIMESTAMP(6)', isNullable: false }
    : { name, type: 'datetime', default: "datetime('now')", isNullable: false };

/** What @UpdateDateColumn({type: 'datetime'}) expects, including MySQL's ON UPDATE. */
export const updatedAt = (engine: Engine, name = 'updated_at'): TableColumnOptions =>
  engine === 'mysql'
    ? { name, type: 'datetime', precision: 6, default: 'CURRENT_TIMESTAMP(6)', onUpdate: 'CURRENT_TIMESTAMP(6)', isNullable: false }
    : { name, type: 'datetime', default: "datetime('now')", isNullable: false };
