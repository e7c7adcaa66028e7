import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import { redactUrl } from '../config/app-config';

export type SourceRow = Record<string, unknown>;

/**
 * A BDC IMS database, read and never written: the session is READ ONLY and everything is read from
 * one consistent snapshot, so a BDC IMS still in use during the import yields a coherent picture.
 * Dates come back as the strings MariaDB stores (no time-zone guessing by the driver), in UTC.
 */
export class BdcImsSource {
  private constructor(
    private readonly connection: Connection,
    readonly database: string,
    private readonly columns: Map<string, Set<string>>,
  ) {}

  static async open(url: string): Promise<BdcImsSource> {
    let connection: Connection;
    try {
      connection = await createConnection({
        uri: url.replace(/^mariadb:\/\//, 'mysql://'),
        // The connection speaks utf8mb4 whatever a table stores: latin1 tables arrive converted.
        charset: 'utf8mb4_unicode_ci',
        dateStrings: true,
        supportBigNumbers: true,
        connectTimeout: 10_000,
      });
    } catch (error) {
      throw new Error(`Cannot connect to the BDC IMS database at ${redactUrl(url)}: ${(error as Error).message}`, { cause: error });
    }
    try {
      await connection.query("SET SESSION time_zone = '+00:00'");
      await connection.query('SET SESSION TRANSACTION READ ONLY');
      await connection.query('START TRANSACTION WITH CONSISTENT SNAPSHOT');
      const [dbRows] = await connection.query<RowDataPacket[]>('SELECT DATABASE() AS name');
      const database = String(dbRows[0]?.['name'] ?? '');
      if (!database) throw new Error('the --from URL names no database (mysql://user:pass@host/<database>)');
      const [columnRows] = await connection.query<RowDataPacket[]>(
        'SELECT TABLE_NAME AS t, COLUMN_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()',
      );
      const columns = new Map<string, Set<string>>();
      for (const row of columnRows) {
        const table = String(row['t']).toLowerCase();
        const set = columns.get(table) ?? new Set<string>();
        set.add(String(row['c']));
        columns.set(table, set);
      }
      return new BdcImsSource(connection, database, columns);
    } catch (error) {
      await connection.end().catch(() => undefined);
      throw error;
    }
  }

  hasTable(table: string): boolean {
    return this.columns.has(table.toLowerCase());
  }

  hasColumn(table: string, column: string): boolean {
    return this.columns.get(table.toLowerCase())?.has(column) ?? false;
  }

  /** Every row of `table`, in primary-key order when it has an `id`/`ID` column. */
  async rows(table: string): Promise<SourceRow[]> {
    if (!/^[A-Za-z0-9_]+$/.test(table)) throw new Error(`not a table name: ${table}`);
    const order = this.hasColumn(table, 'id') ? ' ORDER BY `id`' : this.hasColumn(table, 'ID') ? ' ORDER BY `ID`' : '';
    const [rows] = await this.connection.query<RowDataPacket[]>(`SELECT * FROM \`${table}\`${order}`);
    return rows.map((row) => ({ ...row }));
  }

  async close(): Promise<void> {
    await this.connection.query('ROLLBACK').catch(() => undefined);
    await this.connection.end();
  }
}
