/**
 * Which driver errors mean "the database is not usable right now" (answer 503, the client may retry)
 * rather than "this request is wrong" or "our bug" (500). Shared by the error mapping and by
 * DatabaseService, which must also decide when a SQLite connection can no longer be trusted.
 */

/** The driver's error code (`SQLITE_IOERR_WRITE`, `PROTOCOL_CONNECTION_LOST`, …), through TypeORM's wrapper. */
export function driverCode(error: unknown): string | null {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : null;
}

function driverErrno(error: unknown): number | null {
  const e = error as { errno?: unknown; driverError?: { errno?: unknown } } | null;
  const errno = e?.driverError?.errno ?? e?.errno;
  return typeof errno === 'number' ? errno : null;
}

/**
 * SQLite result codes (primary code, so every extended variant such as SQLITE_IOERR_WRITE or
 * SQLITE_READONLY_DBMOVED counts) after which the connection's view of the file may no longer match
 * the disk. TypeORM's transaction bookkeeping is also left wrong by them (a failed COMMIT followed by
 * a failed ROLLBACK leaves it believing a transaction is open, so the next "transaction" becomes a
 * savepoint inside a transaction that never commits: 201s for rows that vanish on restart). After
 * one of these the connection is closed and reopened before it serves another write.
 */
const SQLITE_FAULT_PRIMARY = ['SQLITE_IOERR', 'SQLITE_FULL', 'SQLITE_CANTOPEN', 'SQLITE_READONLY', 'SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_PROTOCOL'];

export function isSqliteFault(error: unknown): boolean {
  const code = driverCode(error);
  return code !== null && SQLITE_FAULT_PRIMARY.some((primary) => code === primary || code.startsWith(`${primary}_`));
}

/** Lost, refused or unusable MariaDB/MySQL connections; a server shutting down or gone read-only. */
const MYSQL_UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'PROTOCOL_ENQUEUE_AFTER_QUIT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_ACCESS_DENIED_ERROR',
  // --read-only (a replica, or a primary fenced off during a failover): writes are refused for now.
  'ER_OPTION_PREVENTS_STATEMENT',
  'ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION',
]);

/**
 * Errnos: 1927 ER_CONNECTION_KILLED (MariaDB only, server shutting down); 1047 ER_UNKNOWN_COM_ERROR, which
 * a Galera node answers to every statement while it is not part of the primary component or not yet
 * synced ("WSREP has not yet prepared node for application use", wsrep_ready=OFF): the statement did not
 * run, and the node serves again once it has rejoined.
 */
const MYSQL_UNAVAILABLE_ERRNOS = new Set([1927, 1047]);

/**
 * A deadlock, a lock wait timeout, or on Galera a certification conflict with a write committed through
 * another node (also reported as ER_LOCK_DEADLOCK, at any statement or at COMMIT): the transaction was
 * rolled back as a whole and may simply be run again. DatabaseService.transaction does so; when its
 * retries are used up the request is answered 503 (try again), never 500.
 */
export function isTransientConflict(error: unknown): boolean {
  const code = driverCode(error);
  return code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT';
}

/** Connection-level failures: the request may succeed later, so 503 rather than 500. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const name = error.name;
  if (name === 'CannotExecuteNotConnectedError' || name === 'ConnectionIsNotSetError' || name === 'ConnectionNotFoundError') return true;
  if (/connection is not open|Connection is not established|Driver not Connected|Pool is closed|Can't add new command when connection is in closed state|Connection lost/i.test(error.message)) {
    return true;
  }
  if (isSqliteFault(error)) return true;
  if (isTransientConflict(error)) return true;
  const code = driverCode(error);
  if (code === 'SQLITE_BUSY' || (code !== null && code.startsWith('SQLITE_BUSY_'))) return true;
  if (code !== null && MYSQL_UNAVAILABLE_CODES.has(code)) return true;
  const errno = driverErrno(error);
  return errno !== null && MYSQL_UNAVAILABLE_ERRNOS.has(errno);
}
