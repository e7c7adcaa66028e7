import { Logger } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../common/domain-error';
import { LegacyError } from './legacy-envelope';
import { isLegacyUrl, legacyErrorAnswer } from './legacy-exception.filter';

const quiet = new Logger('test');
quiet.error = () => undefined;
quiet.warn = () => undefined;

describe('legacyErrorAnswer: every error in BDC IMS words, nothing internal', () => {
  it('hides an unexpected error behind a correlation id (no SQL, no stack)', () => {
    const answer = legacyErrorAnswer(new Error("ER_PARSE_ERROR: SELECT * FROM tickets WHERE id = '1' at Query.run (tickets.repository.ts:42)"), quiet, 'POST /api/api.php');
    expect(answer.status).toBe(500);
    expect(answer.message).toBe('Internal server error');
    expect(JSON.stringify(answer)).not.toMatch(/SELECT|ER_PARSE|repository/);
    expect(answer.data).toEqual({ correlation_id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });

  it('keeps validation at 400 with each problem named, also what REST answers 422', () => {
    const fields = legacyErrorAnswer(new DomainError('VALIDATION_FAILED', 'x', { fields: [{ field: 'items.0.componentType', reason: 'must be one of cpu, ram' }, { field: 'targetServerUuid', reason: 'is required' }] }), quiet, '');
    expect(fields).toMatchObject({ status: 400, message: 'Validation failed', data: { errors: ['items[0].component_type must be one of cpu, ram', 'target_server_uuid is required'] } });
    const items = legacyErrorAnswer(new DomainError('ITEMS_INVALID', 'x', { items: [{ index: 1, status: 'invalid', message: 'No free DIMM slot' }] }), quiet, '');
    expect(items).toMatchObject({ status: 400, message: 'Validation failed', data: { errors: ['Item #2: No free DIMM slot'] } });
  });

  it('maps authentication, permission, visibility and conflicts', () => {
    expect(legacyErrorAnswer(new DomainError('TOKEN_INVALID', 'x'), quiet, '')).toMatchObject({ status: 401, authenticated: false, message: 'Valid JWT token required - please login' });
    expect(legacyErrorAnswer(new DomainError('INVALID_CREDENTIALS', 'x'), quiet, '')).toMatchObject({ status: 401, message: 'Invalid credentials' });
    expect(legacyErrorAnswer(new DomainError('FORBIDDEN', 'x', { required: ['ticket.approve'] }), quiet, '')).toMatchObject({ status: 403, message: 'Permission denied', data: { required_permission: 'ticket.approve' } });
    expect(legacyErrorAnswer(new DomainError('TICKET_NOT_FOUND', 'Ticket 9 does not exist'), quiet, '')).toMatchObject({ status: 404, message: 'Ticket not found' });
    expect(legacyErrorAnswer(new DomainError('INVALID_TRANSITION', 'Cannot approve ticket TKT-1: it is Completed'), quiet, '')).toMatchObject({ status: 409, message: 'Cannot approve ticket TKT-1: it is Completed' });
    expect(legacyErrorAnswer(new LegacyError(400, 'Action parameter is required', undefined, false), quiet, '')).toEqual({ status: 400, authenticated: false, message: 'Action parameter is required', data: undefined });
  });

  it('recognises the action API by its paths only', () => {
    expect(['/api/api.php', '/api.php', '/api/api.php?action=ticket-list', '/api.php?x'].every(isLegacyUrl)).toBe(true);
    expect(['/api/tickets', '/api/api.phpx', '/xapi.php', '/api.php/../api/tickets', '/api/apixphp'].some(isLegacyUrl)).toBe(false);
  });
});
