import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ROLE_GRANTS,
  hasAnyPermission,
  hasPermission,
  PERMISSION_CATALOG,
  PERMISSIONS,
  permissionsForRoles,
  ROLES,
  TICKET_PERMISSIONS,
  type Permission,
  type RoleName,
} from './permissions';

/** The guide's grants written out again (§2.7), plus the platform grants the architecture adds. */
const GUIDE: Record<Exclude<RoleName, 'super_admin' | 'admin'>, Permission[]> = {
  manager: [
    'ticket.view_all', 'ticket.view_own', 'ticket.create', 'ticket.edit_own', 'ticket.approve', 'ticket.reject',
    'ticket.assign', 'ticket.comment', 'ticket.view_internal', 'ticket.cancel', 'server.view', 'inventory.view',
    'server.edit',
  ],
  technician: [
    'ticket.view_assigned', 'ticket.view_own', 'ticket.create', 'ticket.edit_own', 'ticket.deploy', 'ticket.complete',
    'ticket.comment', 'server.view', 'inventory.view', 'server.edit',
  ],
  viewer: ['ticket.view_own', 'ticket.create', 'ticket.edit_own', 'ticket.comment', 'server.view', 'inventory.view'],
};

describe('permission catalog', () => {
  it('has the fifteen ticket permissions and the five platform ones, each described once', () => {
    expect(TICKET_PERMISSIONS).toHaveLength(15);
    expect(PERMISSIONS).toHaveLength(20);
    expect(PERMISSION_CATALOG.map((p) => p.name).sort()).toEqual([...PERMISSIONS].sort());
  });

  it('marks exactly the guide\'s basic ticket permissions as basic', () => {
    const basicTicket = PERMISSION_CATALOG.filter((p) => p.isBasic && p.category === 'ticketing').map((p) => p.name);
    expect(basicTicket.sort()).toEqual(['ticket.comment', 'ticket.create', 'ticket.edit_own', 'ticket.view_own']);
  });
});

describe('default role grants: every (role, permission) cell', () => {
  for (const role of ROLES) {
    for (const permission of PERMISSIONS) {
      const expected = role === 'admin' || role === 'super_admin' ? true : GUIDE[role].includes(permission);
      it(`${role} ${expected ? 'has' : 'lacks'} ${permission}`, () => {
        expect(DEFAULT_ROLE_GRANTS[role].includes(permission)).toBe(expected);
        expect(hasPermission({ permissions: permissionsForRoles([role]) }, permission)).toBe(expected);
      });
    }
  }
});

describe('helpers', () => {
  it('unions the grants of several roles and ignores unknown roles', () => {
    const perms = permissionsForRoles(['viewer', 'technician', 'no-such-role']);
    expect(perms).toContain('ticket.deploy');
    expect(perms).toContain('ticket.create');
    expect(perms).not.toContain('ticket.approve');
    expect(permissionsForRoles(['no-such-role'])).toEqual([]);
  });

  it('hasAnyPermission is true when one of them is held', () => {
    expect(hasAnyPermission({ permissions: ['ticket.view_own'] }, ['ticket.view_all', 'ticket.view_own'])).toBe(true);
    expect(hasAnyPermission({ permissions: [] }, ['ticket.view_all'])).toBe(false);
  });
});
