import { BadRequestException, NotFoundException, PayloadTooLargeException, type LoggerService } from '@nestjs/common';
import { describe, expect, it, vi } from 'vitest';
import { DomainError } from './domain-error';
import { toErrorResponse } from './error-response';

function logger() {
  const error = vi.fn<(message: string, stack?: string) => void>();
  const warn = vi.fn<(message: string) => void>();
  const log: LoggerService = { log: vi.fn(), error, warn };
  return Object.assign(log, { error, warn });
}

describe('toErrorResponse', () => {
  it('maps domain errors through httpStatusForError and keeps their details', () => {
    const res = toErrorResponse(new DomainError('ITEMS_INVALID', 'Item 1 is invalid', { items: [{ index: 0, status: 'invalid', message: 'gone' }] }), logger());
    expect(res).toEqual({ status: 422, body: { code: 'ITEMS_INVALID', message: 'Item 1 is invalid', details: { items: [{ index: 0, status: 'invalid', message: 'gone' }] } } });
    expect(toErrorResponse(new DomainError('SELF_APPROVAL_FORBIDDEN', 'no'), logger()).status).toBe(403);
  });

  it('maps framework exceptions to contract codes', () => {
    expect(toErrorResponse(new NotFoundException('Cannot GET /api/x'), logger()).body).toEqual({ code: 'NOT_FOUND', message: 'No such endpoint: GET /api/x' });
    expect(toErrorResponse(new PayloadTooLargeException(), logger()).body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(toErrorResponse(new BadRequestException('nope'), logger()).body.code).toBe('VALIDATION_FAILED');
  });

  it('hides unexpected errors behind a logged correlation id', () => {
    const log = logger();
    const res = toErrorResponse(new Error('SELECT secret FROM users failed at /srv/app.js:12'), log);
    expect(res.status).toBe(500);
    expect(res.body.code).toBe('INTERNAL_ERROR');
    expect(JSON.stringify(res.body)).not.toContain('secret');
    const id = res.body.details?.correlationId;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.message).toContain(String(id));
    expect(log.error).toHaveBeenCalledWith(expect.stringContaining(String(id)), expect.stringContaining('SELECT secret'));
  });

  it('reports connection failures as 503 and duplicate keys as 409', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED' });
    expect(toErrorResponse(refused, logger()).body.code).toBe('DATABASE_UNAVAILABLE');
    const duplicate = Object.assign(new Error('Duplicate entry'), { driverError: { code: 'ER_DUP_ENTRY' } });
    expect(toErrorResponse(duplicate, logger())).toMatchObject({ status: 409, body: { code: 'CONFLICT' } });
  });

  it('reports every SQLite I/O-class failure and every lost MariaDB connection as 503 DATABASE_UNAVAILABLE', () => {
    // As TypeORM wraps them: QueryFailedError with the driver's error in driverError.
    const wrapped = (code: string, errno?: number) => Object.assign(new Error('query failed'), { driverError: { code, errno } });
    for (const code of ['SQLITE_IOERR_WRITE', 'SQLITE_IOERR_FSYNC', 'SQLITE_FULL', 'SQLITE_READONLY', 'SQLITE_READONLY_DBMOVED', 'SQLITE_CANTOPEN', 'SQLITE_CORRUPT', 'SQLITE_BUSY_SNAPSHOT']) {
      expect(toErrorResponse(wrapped(code), logger()), code).toMatchObject({ status: 503, body: { code: 'DATABASE_UNAVAILABLE' } });
    }
    for (const code of ['PROTOCOL_CONNECTION_LOST', 'ER_SERVER_SHUTDOWN', 'EPIPE', 'ER_OPTION_PREVENTS_STATEMENT', 'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR']) {
      expect(toErrorResponse(wrapped(code), logger()), code).toMatchObject({ status: 503, body: { code: 'DATABASE_UNAVAILABLE' } });
    }
    // MariaDB's ER_CONNECTION_KILLED has no name in mysql2.
    expect(toErrorResponse(wrapped('UNKNOWN_CODE_PLEASE_REPORT', 1927), logger()).status).toBe(503);
    // A Galera node outside the primary component, or not yet synced, refuses every statement with 1047.
    const notReady = Object.assign(new Error('WSREP has not yet prepared node for application use'), { driverError: { code: 'ER_UNKNOWN_COM_ERROR', errno: 1047 } });
    expect(toErrorResponse(notReady, logger())).toMatchObject({ status: 503, body: { code: 'DATABASE_UNAVAILABLE' } });
    // A deadlock or a Galera certification conflict that outlived DatabaseService's retries: try again, not our bug.
    for (const [code, errno] of [['ER_LOCK_DEADLOCK', 1213], ['ER_LOCK_WAIT_TIMEOUT', 1205]] as const) {
      expect(toErrorResponse(wrapped(code, errno), logger()), code).toMatchObject({ status: 503, body: { code: 'DATABASE_UNAVAILABLE' } });
    }
    // Our own bug (an SQL syntax error) is not an outage.
    expect(toErrorResponse(wrapped('SQLITE_ERROR'), logger()).status).toBe(500);
    expect(toErrorResponse(wrapped('ER_PARSE_ERROR', 1064), logger()).status).toBe(500);
  });
});
