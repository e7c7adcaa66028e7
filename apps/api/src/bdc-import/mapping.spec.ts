import { rackOf } from './inventory-step';
import { describe, expect, it } from 'vitest';
import { parseImsArgs } from './cli-args';
import { stableJson } from '../common/stable-json';
import { sameValue } from './context';
import {
  decodeHtmlSpecialChars,
  isBcryptHash,
  mapDate,
  mapDateTime,
  mapHistoryAction,
  mapPermissionName,
  mapPriority,
  mapRoleName,
  mapServerStatus,
  mapStockStatus,
  mapTicketType,
  mapUserStatus,
  parseJsonColumn,
} from './mapping';

describe('BDC IMS value mapping', () => {
  it('maps BDC IMS permission names onto ours, and leaves the rest for permissions of their own', () => {
    expect(mapPermissionName('ticket.approve')).toBe('ticket.approve');
    expect(mapPermissionName('cpu.view')).toBe('inventory.view');
    expect(mapPermissionName('hbacard.delete')).toBe('inventory.edit');
    expect(mapPermissionName('server.create')).toBe('server.edit');
    expect(mapPermissionName('server.view')).toBe('server.view');
    expect(mapPermissionName('roles.manage')).toBe('user.manage');
    expect(mapPermissionName('user.view')).toBeNull();
    expect(mapPermissionName('reports.export')).toBeNull();
    expect(mapPermissionName('dashboard')).toBeNull();
  });

  it('maps roles by name and statuses by their BDC IMS codes', () => {
    expect(mapRoleName('Technician')).toBe('technician');
    expect(mapRoleName('auditor')).toBeNull();
    expect(mapUserStatus('active')).toBe('active');
    expect(mapUserStatus('inactive')).toBe('disabled');
    expect(mapUserStatus(null)).toBe('disabled');
    expect([0, 1, 2, 3, '2'].map(mapStockStatus)).toEqual(['failed', 'available', 'in_use', null, 'in_use']);
    expect([0, 1, 2, 3, 4].map(mapServerStatus)).toEqual(['draft', 'validated', 'built', 'deployed', null]);
  });

  it('accepts BDC IMS priorities medium and urgent as normal and critical', () => {
    expect(['low', 'medium', 'normal', 'high', 'urgent', 'critical', 'whenever'].map(mapPriority)).toEqual(['low', 'normal', 'normal', 'high', 'critical', 'critical', null]);
  });

  it('derives a ticket type from the items when BDC IMS has none', () => {
    expect(mapTicketType(null, ['add', 'add'])).toBe('component_addition');
    expect(mapTicketType(null, ['remove'])).toBe('component_removal');
    expect(mapTicketType(null, ['add', 'replace'])).toBe('component_replacement');
    expect(mapTicketType(null, ['modify'])).toBe('configuration_change');
    expect(mapTicketType('component_removal', ['add'])).toBe('component_removal');
  });

  it('maps BDC IMS history actions onto ours', () => {
    expect(mapHistoryAction('created')).toEqual({ action: 'ticket_created', field: null });
    expect(mapHistoryAction('status_changed')).toEqual({ action: 'status_change', field: 'status' });
    expect(mapHistoryAction('priority_changed')).toEqual({ action: 'updated', field: 'priority' });
    expect(mapHistoryAction('assigned_role')).toEqual({ action: 'assigned', field: 'assigned_to_role' });
  });

  it('undoes htmlspecialchars and nothing else', () => {
    expect(decodeHtmlSpecialChars('Verified &amp; &lt;b&gt;closed&lt;/b&gt; &quot;ok&quot; &#039;x&#039;')).toBe(`Verified & <b>closed</b> "ok" 'x'`);
    expect(decodeHtmlSpecialChars('&amp;lt; stays &lt;')).toBe('&lt; stays <');
    expect(decodeHtmlSpecialChars('&nbsp;')).toBe('&nbsp;');
  });

  it('reads JSON columns, dates and password hashes defensively', () => {
    expect(parseJsonColumn(null)).toBeNull();
    expect(parseJsonColumn('  ')).toBeNull();
    expect(parseJsonColumn('[1]')).toEqual({ ok: true, value: [1] });
    expect(parseJsonColumn('{bad')).toEqual({ ok: false });
    expect(mapDate('2024-01-15')).toBe('2024-01-15');
    expect(mapDate('0000-00-00')).toBeNull();
    expect(mapDateTime('2026-11-20 09:00:00')?.toISOString()).toBe('2026-11-20T09:00:00.000Z');
    expect(mapDateTime('0000-00-00 00:00:00')).toBeNull();
    expect(isBcryptHash(`$2y$10$${'a'.repeat(53)}`)).toBe(true);
    expect(isBcryptHash('5f4dcc3b5aa765d61d8327deb882cf99')).toBe(false);
  });

  it('compares values as the database stores them', () => {
    expect(sameValue(new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00.000Z'))).toBe(true);
    expect(sameValue(true, 1)).toBe(true);
    expect(sameValue(null, undefined)).toBe(true);
    expect(sameValue({ b: 1, a: 2 }, { a: 2, b: 1 })).toBe(true);
    expect(sameValue({ a: 1 }, { a: 2 })).toBe(false);
    expect(stableJson({ b: { d: 1, c: 2 }, a: [3] })).toBe('{"a":[3],"b":{"c":2,"d":1}}');
  });
});

describe('pnpm ims arguments', () => {
  it('takes import --from <url> [--dry-run] and refuses anything else', () => {
    expect(parseImsArgs(['import', '--from', 'mysql://u:p@h/db'])).toEqual({ command: 'import', from: 'mysql://u:p@h/db', dryRun: false });
    expect(parseImsArgs(['--', 'import', '--from=mariadb://h/db', '--dry-run'])).toEqual({ command: 'import', from: 'mariadb://h/db', dryRun: true });
    expect(parseImsArgs(['import'])).toEqual({ error: '--from is required' });
    expect(parseImsArgs(['import', '--from', 'sqlite:x'])).toEqual({ error: '--from must be a mysql:// or mariadb:// URL' });
    expect(parseImsArgs(['export', '--from', 'mysql://h/db'])).toEqual({ error: 'unknown command "export"' });
    expect(parseImsArgs(['import', '--from', 'mysql://h/db', '--force'])).toEqual({ error: 'unknown option "--force"' });
  });
});

describe('rackOf', () => {
  it('splits a rack-Uunit position and keeps any other text only as the position', () => {
    expect(rackOf('R12-U5')).toEqual({ rack: 'R12', rackUnit: 5 });
    expect(rackOf('A01-u42')).toEqual({ rack: 'A01', rackUnit: 42 });
    expect(rackOf('Row 3, slot 4')).toEqual({ rack: null, rackUnit: null });
    expect(rackOf(null)).toEqual({ rack: null, rackUnit: null });
  });
});
