/**
 * The permission catalog and the default role grants. The API guard, the seed and the SPA all read
 * this one table (Ghostfolio-style), so a grant cannot drift between them.
 */

export const TICKET_PERMISSIONS = [
  'ticket.view_own',
  'ticket.create',
  'ticket.edit_own',
  'ticket.comment',
  'ticket.view_all',
  'ticket.view_assigned',
  'ticket.approve',
  'ticket.reject',
  'ticket.assign',
  'ticket.deploy',
  'ticket.complete',
  'ticket.cancel',
  'ticket.delete',
  'ticket.manage',
  'ticket.view_internal',
] as const;

export const PLATFORM_PERMISSIONS = [
  'server.view',
  'server.edit',
  'inventory.view',
  'inventory.edit',
  'user.manage',
] as const;

export const PERMISSIONS = [...TICKET_PERMISSIONS, ...PLATFORM_PERMISSIONS] as const;
export type Permission = (typeof PERMISSIONS)[number];

export interface PermissionDefinition {
  name: Permission;
  displayName: string;
  description: string;
  category: 'ticketing' | 'servers' | 'inventory' | 'users';
  /** BDC IMS `permissions.is_basic`: granted to new roles by default. */
  isBasic: boolean;
}

export const PERMISSION_CATALOG: readonly PermissionDefinition[] = [
  { name: 'ticket.view_own', displayName: 'View Own Tickets', description: 'View tickets created by user', category: 'ticketing', isBasic: true },
  { name: 'ticket.create', displayName: 'Create Tickets', description: 'Create new ticket requests', category: 'ticketing', isBasic: true },
  { name: 'ticket.edit_own', displayName: 'Edit Own Tickets', description: 'Edit own tickets (draft status only)', category: 'ticketing', isBasic: true },
  { name: 'ticket.comment', displayName: 'Comment on Tickets', description: 'Add comments to accessible tickets', category: 'ticketing', isBasic: true },
  { name: 'ticket.view_all', displayName: 'View All Tickets', description: 'View all tickets in system', category: 'ticketing', isBasic: false },
  { name: 'ticket.view_assigned', displayName: 'View Assigned Tickets', description: 'View tickets assigned to user', category: 'ticketing', isBasic: false },
  { name: 'ticket.approve', displayName: 'Approve Tickets', description: 'Approve ticket requests', category: 'ticketing', isBasic: false },
  { name: 'ticket.reject', displayName: 'Reject Tickets', description: 'Reject ticket requests', category: 'ticketing', isBasic: false },
  { name: 'ticket.assign', displayName: 'Assign Tickets', description: 'Assign tickets to technicians', category: 'ticketing', isBasic: false },
  { name: 'ticket.deploy', displayName: 'Deploy Tickets', description: 'Mark tickets as deployed', category: 'ticketing', isBasic: false },
  { name: 'ticket.complete', displayName: 'Complete Tickets', description: 'Mark tickets as completed', category: 'ticketing', isBasic: false },
  { name: 'ticket.cancel', displayName: 'Cancel Tickets', description: 'Cancel tickets', category: 'ticketing', isBasic: false },
  { name: 'ticket.delete', displayName: 'Delete Tickets', description: 'Permanently delete tickets', category: 'ticketing', isBasic: false },
  { name: 'ticket.manage', displayName: 'Manage Tickets', description: 'Full ticket management access', category: 'ticketing', isBasic: false },
  { name: 'ticket.view_internal', displayName: 'View Internal Notes', description: 'View internal staff notes', category: 'ticketing', isBasic: false },
  { name: 'server.view', displayName: 'View Servers', description: 'View server configurations', category: 'servers', isBasic: true },
  { name: 'server.edit', displayName: 'Edit Servers', description: 'Change server configurations directly', category: 'servers', isBasic: false },
  { name: 'inventory.view', displayName: 'View Inventory', description: 'View component stock and catalog', category: 'inventory', isBasic: true },
  { name: 'inventory.edit', displayName: 'Edit Inventory', description: 'Add, change and retire stock units', category: 'inventory', isBasic: false },
  { name: 'user.manage', displayName: 'Manage Users', description: 'Manage users, roles and grants', category: 'users', isBasic: false },
];

export const ROLES = ['super_admin', 'admin', 'manager', 'technician', 'viewer'] as const;
export type RoleName = (typeof ROLES)[number];

export interface RoleDefinition {
  name: RoleName;
  displayName: string;
  description: string;
  isDefault: boolean;
}

export const ROLE_CATALOG: readonly RoleDefinition[] = [
  { name: 'super_admin', displayName: 'Super Administrator', description: 'Every permission', isDefault: false },
  { name: 'admin', displayName: 'Administrator', description: 'Full control over ticketing, servers and users', isDefault: false },
  { name: 'manager', displayName: 'Manager', description: 'Reviews, approves and assigns change tickets', isDefault: false },
  { name: 'technician', displayName: 'Technician', description: 'Deploys approved changes to servers', isDefault: false },
  { name: 'viewer', displayName: 'Viewer', description: 'Requests changes and follows own tickets', isDefault: true },
];

const SEES_PLATFORM: Permission[] = ['server.view', 'inventory.view'];

/**
 * The guide's migration grants, plus server.view/inventory.view for everybody and server.edit for
 * technicians and managers (they create, edit and decommission servers; receiving stock stays
 * inventory.edit, an administrator's).
 */
export const DEFAULT_ROLE_GRANTS: Readonly<Record<RoleName, readonly Permission[]>> = {
  super_admin: [...PERMISSIONS],
  admin: [...PERMISSIONS],
  manager: [
    'ticket.view_all',
    'ticket.view_own',
    'ticket.create',
    'ticket.edit_own',
    'ticket.approve',
    'ticket.reject',
    'ticket.assign',
    'ticket.comment',
    'ticket.view_internal',
    'ticket.cancel',
    ...SEES_PLATFORM,
    'server.edit',
  ],
  technician: [
    'ticket.view_assigned',
    'ticket.view_own',
    'ticket.create',
    'ticket.edit_own',
    'ticket.deploy',
    'ticket.complete',
    'ticket.comment',
    ...SEES_PLATFORM,
    'server.edit',
  ],
  viewer: ['ticket.view_own', 'ticket.create', 'ticket.edit_own', 'ticket.comment', ...SEES_PLATFORM],
};

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && (PERMISSIONS as readonly string[]).includes(value);
}

/** Union of the grants of the given roles; unknown role names grant nothing. */
export function permissionsForRoles(roles: readonly string[]): Permission[] {
  const granted = new Set<Permission>();
  for (const role of roles) {
    const grants = (DEFAULT_ROLE_GRANTS as Record<string, readonly Permission[] | undefined>)[role];
    grants?.forEach((p) => granted.add(p));
  }
  return PERMISSIONS.filter((p) => granted.has(p));
}

export interface PermissionHolder {
  permissions: readonly string[];
}

export function hasPermission(holder: PermissionHolder, permission: Permission): boolean {
  return holder.permissions.includes(permission);
}

export function hasAnyPermission(holder: PermissionHolder, permissions: readonly Permission[]): boolean {
  return permissions.some((p) => holder.permissions.includes(p));
}
