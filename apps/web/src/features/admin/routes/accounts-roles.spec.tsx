import { DEFAULT_ROLE_GRANTS, type AdminUserEntry, type AuthUser, type RoleView } from '@bdc/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetSessionCache, setSessionFromLogin } from '../../../lib/auth-session';
import { mockFetch } from '../../../test/fetch-mock';
import { loginResponse } from '../../../test/fixtures';
import { renderWithProviders } from '../../../test/render';
import { RolesRoute } from './roles-route';
import { UserRoute } from './user-route';
import { UsersRoute } from './users-route';

const adminUser: AuthUser = {
  id: 1,
  username: 'admin',
  email: 'admin@example.test',
  firstName: 'Ada',
  lastName: 'Admin',
  displayName: 'Ada Admin',
  roles: ['admin'],
  permissions: [...DEFAULT_ROLE_GRANTS.admin],
};

const role = (id: number, name: string, overrides: Partial<RoleView> = {}): RoleView => ({
  id,
  name,
  displayName: name[0]?.toUpperCase() + name.slice(1),
  description: null,
  builtIn: false,
  isDefault: false,
  permissions: [],
  lockedPermissions: [],
  userCount: 0,
  ...overrides,
});
const ROLES = [
  role(2, 'admin', { displayName: 'Administrator', builtIn: true, permissions: [...DEFAULT_ROLE_GRANTS.admin], lockedPermissions: ['user.manage'], userCount: 1 }),
  role(5, 'viewer', { builtIn: true, permissions: [...DEFAULT_ROLE_GRANTS.viewer], userCount: 3 }),
  role(7, 'auditors', { permissions: ['ticket.view_all'], description: 'Read everything' }),
];
const tech: AdminUserEntry = {
  id: 5,
  username: 'tech',
  displayName: 'Tom Tech',
  email: 'tech@example.test',
  firstName: 'Tom',
  lastName: 'Tech',
  status: 'active',
  roles: ['viewer'],
  lastLoginAt: '2026-11-30T09:15:00.000Z',
};

/** Types by pasting: keystroke by keystroke, a dialog of six fields takes seconds on a loaded machine. */
async function fill(input: HTMLElement, text: string) {
  await userEvent.click(input);
  await userEvent.paste(text);
}

/** The MultiSelect's search field (it also renders a hidden input carrying the same label). */
const rolesInput = (dialog: HTMLElement) => within(dialog).getAllByLabelText(/^roles/i).find((el) => el.getAttribute('data-type') === 'visible') as HTMLElement;

beforeEach(() => {
  resetSessionCache();
  setSessionFromLogin(loginResponse({ user: adminUser }));
});

describe('New user', () => {
  it('creates a user with roles from the multi-select, and shows a taken username on its field', async () => {
    let attempt = 0;
    const { calls } = mockFetch({
      'GET /api/users': { body: { items: [tech], total: 1 } },
      'GET /api/roles': { body: { items: ROLES, total: ROLES.length } },
      'POST /api/users': () =>
        attempt++ === 0
          ? { status: 409, body: { code: 'CONFLICT', message: 'The username tech is taken', details: { fields: [{ field: 'username', reason: 'is taken' }] } } }
          : { status: 201, body: { ...tech, id: 9, username: 'nina' } },
      'GET /api/users/9/permissions': { body: { userId: 9, grants: [], denials: [], effective: [] } },
      'GET /api/users/9/tokens': { body: { items: [], total: 0 } },
    });
    renderWithProviders(<UsersRoute />);
    await userEvent.click(await screen.findByRole('button', { name: 'New user' }));
    const dialog = await screen.findByRole('dialog', { name: 'New user' });
    await fill(within(dialog).getByLabelText(/^username/i), 'tech');
    await fill(within(dialog).getByLabelText(/^first name/i), 'Nina');
    await fill(within(dialog).getByLabelText(/^last name/i), 'Neu');
    await fill(within(dialog).getByLabelText(/^email/i), 'nina@example.test');
    await fill(within(dialog).getByLabelText(/^initial password/i), 'amber-lantern-river');
    await userEvent.click(rolesInput(dialog));
    await userEvent.click(await screen.findByRole('option', { name: 'Auditors (auditors)' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create user' }));
    expect(await within(dialog).findByText('is taken')).toBeInTheDocument();

    await userEvent.clear(within(dialog).getByLabelText(/^username/i));
    await fill(within(dialog).getByLabelText(/^username/i), 'nina');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create user' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(2));
    expect(calls.filter((c) => c.method === 'POST')[1]?.body).toEqual({
      username: 'nina',
      password: 'amber-lantern-river',
      email: 'nina@example.test',
      firstName: 'Nina',
      lastName: 'Neu',
      roles: ['auditors'],
    });
  });

  it('checks the fields before sending anything', async () => {
    const { calls } = mockFetch({ 'GET /api/users': { body: { items: [tech], total: 1 } }, 'GET /api/roles': { body: { items: ROLES, total: 3 } } });
    renderWithProviders(<UsersRoute />);
    await userEvent.click(await screen.findByRole('button', { name: 'New user' }));
    const dialog = await screen.findByRole('dialog', { name: 'New user' });
    await fill(within(dialog).getByLabelText(/^username/i), 'has space');
    await fill(within(dialog).getByLabelText(/^initial password/i), 'short');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create user' }));
    expect(await within(dialog).findByText('Only letters, digits, dots, dashes and underscores')).toBeInTheDocument();
    expect(within(dialog).getByText('At least 10 characters')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });
});

describe('Edit user', () => {
  it('shows the last login and saves names, email and roles; a lock-out refusal is shown', async () => {
    let attempt = 0;
    const { calls } = mockFetch({
      'GET /api/users': { body: { items: [tech], total: 1 } },
      'GET /api/roles': { body: { items: ROLES, total: 3 } },
      'GET /api/users/5/permissions': { body: { userId: 5, grants: [], denials: [], effective: [] } },
      'GET /api/users/5/tokens': { body: { items: [], total: 0 } },
      'PATCH /api/users/5': () =>
        attempt++ === 0 ? { status: 409, body: { code: 'CONFLICT', message: 'Cannot change the roles of tech: they are the last active user with user.manage' } } : { body: { ...tech, roles: ['auditors'] } },
    });
    renderWithProviders(<UserRoute />, { route: '/admin/users/5', path: '/admin/users/:id' });
    await userEvent.click(await screen.findByRole('button', { name: 'Edit user' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit tech' });
    expect(within(dialog).getByText(/^Last login: /)).not.toHaveTextContent('Never');
    expect(within(dialog).queryByLabelText(/^username/i)).not.toBeInTheDocument();
    await userEvent.clear(within(dialog).getByLabelText(/^first name/i));
    await fill(within(dialog).getByLabelText(/^first name/i), 'Thomas');
    await userEvent.click(rolesInput(dialog));
    await userEvent.click(await screen.findByRole('option', { name: 'Auditors (auditors)' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save user' }));
    expect(await within(dialog).findByText(/last active user with user.manage/)).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save user' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Edit tech' })).not.toBeInTheDocument());
    expect(calls.filter((c) => c.method === 'PATCH')[1]?.body).toEqual({ email: 'tech@example.test', firstName: 'Thomas', lastName: 'Tech', roles: ['viewer', 'auditors'] });
  });
});

describe('RolesRoute', () => {
  it('lists roles, marks built-in ones and offers no delete for them', async () => {
    mockFetch({ 'GET /api/roles': { body: { items: ROLES, total: 3 } } });
    renderWithProviders(<RolesRoute />);
    const table = await screen.findByRole('table', { name: 'Roles' });
    expect(within(table).getAllByText('Built-in')).toHaveLength(2);
    expect(within(table).queryByRole('button', { name: 'Delete role Administrator' })).not.toBeInTheDocument();
    expect(within(table).getByRole('button', { name: 'Delete role Auditors' })).toBeInTheDocument();
  });

  it('creates a role from the permission checklist grouped by area', async () => {
    const { calls } = mockFetch({
      'GET /api/roles': { body: { items: ROLES, total: 3 } },
      'POST /api/roles': { status: 201, body: role(8, 'auditors2') },
    });
    renderWithProviders(<RolesRoute />);
    await userEvent.click(await screen.findByRole('button', { name: 'New role' }));
    const dialog = await screen.findByRole('dialog', { name: 'New role' });
    await fill(within(dialog).getByLabelText(/^name/i), 'auditors2');
    await fill(within(dialog).getByLabelText(/^display name/i), 'Auditors 2');
    const tickets = within(dialog).getByRole('group', { name: 'Change tickets' });
    await userEvent.click(within(tickets).getByLabelText('View All Tickets (ticket.view_all)'));
    await userEvent.click(within(tickets).getByLabelText('Comment on Tickets (ticket.comment)'));
    expect(within(dialog).getByText('View all tickets in system')).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create role' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ name: 'auditors2', displayName: 'Auditors 2', description: null, permissions: ['ticket.view_all', 'ticket.comment'] });
  });

  it('edits a built-in role’s grants only, with its kept permission checked and disabled', async () => {
    const { calls } = mockFetch({
      'GET /api/roles': { body: { items: ROLES, total: 3 } },
      'PATCH /api/roles/2': { body: ROLES[0] },
    });
    renderWithProviders(<RolesRoute />);
    await userEvent.click(await screen.findByRole('button', { name: 'Edit role Administrator' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit role Administrator' });
    const manage = within(dialog).getByLabelText('Manage Users (user.manage)');
    expect(manage).toBeChecked();
    expect(manage).toBeDisabled();
    await userEvent.click(within(dialog).getByLabelText('Delete Tickets (ticket.delete)'));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save role' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    const body = calls.find((c) => c.method === 'PATCH')?.body as { permissions: string[] };
    expect(Object.keys(body)).toEqual(['permissions']);
    expect(body.permissions).not.toContain('ticket.delete');
    expect(body.permissions).toContain('user.manage');
  });

  it('shows why a role was not deleted', async () => {
    mockFetch({
      'GET /api/roles': { body: { items: ROLES, total: 3 } },
      'DELETE /api/roles/7': { status: 409, body: { code: 'CONFLICT', message: '2 tickets in the queue of Auditors: reassign them first' } },
    });
    renderWithProviders(<RolesRoute />);
    await userEvent.click(await screen.findByRole('button', { name: 'Delete role Auditors' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete role' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete role' }));
    expect(await within(dialog).findByText(/reassign them first/)).toBeInTheDocument();
  });
});
