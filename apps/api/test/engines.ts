import { describe, it } from 'vitest';

export type Engine = 'sqlite' | 'mysql';

/** The MariaDB/MySQL server tests create their databases on, e.g. mysql://root@127.0.0.1:3306/test. */
export function testMysqlUrl(): string | null {
  const url = process.env.TEST_MYSQL_URL?.trim();
  return url ? url : null;
}

/**
 * Registers `body` once per engine: always on SQLite, on MariaDB when TEST_MYSQL_URL is set. When it
 * is not, a skipped suite with one test stands in, so the skip shows in the counts instead of the
 * MariaDB run silently vanishing.
 */
export function describeEachEngine(title: string, body: (engine: Engine) => void): void {
  describe(`${title} [sqlite]`, () => body('sqlite'));
  if (testMysqlUrl()) {
    describe(`${title} [mariadb]`, () => body('mysql'));
  } else {
    describe.skip(`${title} [mariadb] (skipped: TEST_MYSQL_URL not set)`, () => {
      it('runs on MariaDB when TEST_MYSQL_URL is set', () => undefined);
    });
  }
}
