import { DEFAULT_ROLE_GRANTS, type AdminUserEntry, type AuthUser, type UserPermissionsView } from '@bdc/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetSessionCache, setSessionFromLogin } from '../../../lib/auth-session';
import { mockFetch } from '../../../test/fetch-mock';
import { loginResponse } from '../../../test/fixtures';
import { renderWithProviders } from '../../../test/render';
import { AuditRoute } from './audit-route';
import { MatrixRoute } from './matrix-route';
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

const entry = (id: number, username: string, overrides: Partial<AdminUserEntry> = {}): AdminUserEntry => ({
  id,
  username,
  displayName: username,
  email: `${username}@example.test`,
  firstName: null,
  lastName: null,
  status: 'active',
  roles: ['viewer'],
  lastLoginAt: null,
  ...overrides,
});
const USERS = [entry(1, 'admin', { roles: ['admin'] }), entry(5, 'tech', { roles: ['technician'], lastLoginAt: '2026-11-30T09:15:00.000Z' }), entry(6, 'rita', { status: 'disabled' })];

beforeEach(() => {
  resetSessionCache();
  setSessionFromLogin(loginResponse({ user: adminUser }));
});

describe('UsersRoute', () => {
  it('lists users with roles and status, filtered by the search and status in the URL', async () => {
    mockFetch({ 'GET /api/users': { body: { items: USERS, total: USERS.length } } });
    renderWithProviders(<UsersRoute />, { route: '/?status=active' });
    const table = await screen.findByRole('table', { name: 'Users' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(table).not.toHaveTextContent('rita');
    await userEvent.type(screen.getByLabelText(/^search/i), 'techn');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
    expect(table).toHaveTextContent('tech');
    expect(within(table).getAllByRole('row')[1]).not.toHaveTextContent('Never');
    expect(within(table).getByRole('link', { name: 'tech' })).toHaveAttribute('href', '/admin/users/5');
  });
});

describe('UserRoute', () => {
  const view: UserPermissionsView = { userId: 5, grants: [], denials: [], effective: [...DEFAULT_ROLE_GRANTS.technician] };

  it('saves a grant and a denial chosen per permission, and disables the user', async () => {
    const { calls } = mockFetch({
      'GET /api/users': { body: { items: USERS, total: 3 } },
      'GET /api/users/5/permissions': { body: view },
      'GET /api/users/5/tokens': { body: { items: [], total: 0 } },
      'PUT /api/users/5/permissions': { body: { ...view, grants: ['ticket.view_all'], denials: ['ticket.deploy'] } },
      'POST /api/users/5/disable': { body: { ...USERS[1], status: 'disabled' } },
    });
    renderWithProviders(<UserRoute />, { route: '/admin/users/5', path: '/admin/users/:id' });
    await screen.findByRole('table', { name: 'Personal permissions' });
    const viewAll = screen.getByRole('radiogroup', { name: 'ticket.view_all for this user' });
    await userEvent.click(within(viewAll).getByLabelText('Grant'));
    const deploy = screen.getByRole('radiogroup', { name: 'ticket.deploy for this user' });
    await userEvent.click(within(deploy).getByLabelText('Deny'));
    await userEvent.click(screen.getByRole('button', { name: 'Save permissions' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({ grants: ['ticket.view_all'], denials: ['ticket.deploy'] });

    await userEvent.click(screen.getByRole('button', { name: 'Disable user' }));
    await waitFor(() => expect(calls.some((c) => c.path === '/api/users/5/disable')).toBe(true));
  });

  it('does not offer an administrator to disable themselves or reset their own password here', async () => {
    mockFetch({
      'GET /api/users': { body: { items: USERS, total: 3 } },
      'GET /api/users/1/permissions': { body: { ...view, userId: 1 } },
      'GET /api/users/1/tokens': { body: { items: [], total: 0 } },
    });
    renderWithProviders(<UserRoute />, { route: '/admin/users/1', path: '/admin/users/:id' });
    expect(await screen.findByRole('button', { name: 'Disable user' })).toBeDisabled();
    expect(screen.queryByRole('form', { name: 'Reset password' })).not.toBeInTheDocument();
  });

  it('shows the API’s 409 when a change would lock someone out', async () => {
    mockFetch({
      'GET /api/users': { body: { items: USERS, total: 3 } },
      'GET /api/users/5/permissions': { body: view },
      'GET /api/users/5/tokens': { body: { items: [], total: 0 } },
      'POST /api/users/5/disable': { status: 409, body: { code: 'CONFLICT', message: 'Cannot disable tech: they are the last active user with user.manage' } },
    });
    renderWithProviders(<UserRoute />, { route: '/admin/users/5', path: '/admin/users/:id' });
    await userEvent.click(await screen.findByRole('button', { name: 'Disable user' }));
    expect(await screen.findByText(/last active user with user.manage/)).toBeInTheDocument();
  });
});

describe('AuditRoute', () => {
  it('shows who changed what with before and after, and filters by change', async () => {
    const { calls } = mockFetch({
      'GET /api/access/audit': {
        body: {
          items: [
            { id: 2, actorId: 1, actorUsername: 'admin', action: 'user.disabled', targetType: 'user', targetId: 5, targetLabel: 'tech', before: { status: 'active' }, after: { status: 'disabled' }, createdAt: '2026-12-01T10:00:00.000Z' },
          ],
          total: 1,
          page: 1,
          pageSize: 25,
        },
      },
    });
    renderWithProviders(<AuditRoute />, { route: '/?action=user.disabled' });
    const table = await screen.findByRole('table', { name: 'Access audit log' });
    expect(table).toHaveTextContent('admin');
    expect(table).toHaveTextContent('user tech');
    expect(table).toHaveTextContent('{"status":"active"}');
    expect(table).toHaveTextContent('{"status":"disabled"}');
    expect(calls[0]?.query.get('action')).toBe('user.disabled');
    // The shared paged table: the total under the table, as on the other list pages.
    expect(screen.getByText('1 change')).toBeInTheDocument();
  });

  it('pages through the log with the shared pagination', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => ({
      id: i + 1, actorId: 1, actorUsername: 'admin', action: 'user.disabled', targetType: 'user', targetId: 5, targetLabel: 'tech',
      before: null, after: null, createdAt: '2026-12-01T10:00:00.000Z',
    }));
    const { calls } = mockFetch({ 'GET /api/access/audit': { body: { items: rows, total: 60, page: 1, pageSize: 25 } } });
    renderWithProviders(<AuditRoute />);
    expect(await screen.findByText('60 changes')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: '2' }));
    await waitFor(() => expect(calls.at(-1)?.query.get('page')).toBe('2'));
  });
});

describe('MatrixRoute', () => {
  it('shows each cell with its source and filters permissions from the URL', async () => {
    mockFetch({
      'GET /api/access/matrix': {
        body: {
          permissions: ['ticket.create', 'ticket.view_all'],
          users: [
            {
              id: 6,
              username: 'rita',
              displayName: 'Rita',
              status: 'active',
              cells: { 'ticket.create': { allowed: false, sources: [{ kind: 'role', role: 'viewer' }, { kind: 'denied' }] }, 'ticket.view_all': { allowed: true, sources: [{ kind: 'grant' }] } },
            },
          ],
        },
      },
    });
    renderWithProviders(<MatrixRoute />, { route: '/?q=ticket.' });
    const table = await screen.findByRole('table', { name: 'Access matrix' });
    expect(within(table).getByLabelText('rita ticket.create: not allowed (role viewer, denied)')).toHaveTextContent('denied');
    expect(within(table).getByLabelText('rita ticket.view_all: allowed (personal grant)')).toHaveTextContent('✓');
    expect(table).not.toHaveTextContent('user.manage');
  });
});
