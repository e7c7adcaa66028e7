import type { ApiTokenView, CreatedApiToken } from '@bdc/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetSessionCache, setSessionFromLogin } from '../../../lib/auth-session';
import { mockFetch } from '../../../test/fetch-mock';
import { loginResponse, requesterUser } from '../../../test/fixtures';
import { renderWithProviders } from '../../../test/render';
import { ApiTokensRoute } from './api-tokens-route';

const future = new Date(Date.now() + 30 * 86_400_000).toISOString();

function tokenView(overrides: Partial<ApiTokenView> = {}): ApiTokenView {
  return {
    id: 3,
    name: 'nightly export',
    prefix: 'bdcpat_3_AbCd',
    permissions: null,
    createdAt: '2026-11-01T10:00:00.000Z',
    expiresAt: future,
    lastUsedAt: '2026-11-02T08:30:00.000Z',
    lastUsedIp: '203.0.113.7',
    revokedAt: null,
    ...overrides,
  };
}

const SECRET_TOKEN = `bdcpat_4_${'s'.repeat(43)}`;
const created: CreatedApiToken = { ...tokenView({ id: 4, name: 'deploy script', prefix: 'bdcpat_4_ssss', lastUsedAt: null, lastUsedIp: null }), token: SECRET_TOKEN };

beforeEach(() => {
  resetSessionCache();
  setSessionFromLogin(loginResponse({ user: requesterUser }));
});

describe('ApiTokensRoute', () => {
  it('lists the tokens with their prefix, scope, last use and status', async () => {
    mockFetch({
      'GET /api/auth/tokens': { body: { items: [tokenView(), tokenView({ id: 2, name: 'old', permissions: ['ticket.view_own'], revokedAt: '2026-11-03T00:00:00.000Z', lastUsedAt: null })], total: 2 } },
    });
    renderWithProviders(<ApiTokensRoute />);
    const table = await screen.findByRole('table', { name: 'API tokens' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveTextContent('nightly export');
    expect(rows[1]).toHaveTextContent('bdcpat_3_AbCd…');
    expect(rows[1]).toHaveTextContent('All of yours');
    expect(rows[1]).toHaveTextContent('from 203.0.113.7');
    expect(rows[1]).toHaveTextContent('Active');
    expect(rows[2]).toHaveTextContent('ticket.view_own');
    expect(rows[2]).toHaveTextContent('Never');
    expect(rows[2]).toHaveTextContent('Revoked');
    // A revoked token offers nothing more to do.
    expect(within(rows[2] as HTMLElement).queryByRole('button')).not.toBeInTheDocument();
  });

  it('creates a token limited to chosen permissions, offered from the caller’s own, and shows it once', async () => {
    let listed: ApiTokenView[] = [];
    const { calls } = mockFetch({
      'GET /api/auth/tokens': () => ({ body: { items: listed, total: listed.length } }),
      'POST /api/auth/tokens': () => {
        listed = [created];
        return { status: 201, body: created };
      },
    });
    renderWithProviders(<ApiTokensRoute />);
    expect(await screen.findByText('No API tokens yet')).toBeInTheDocument();

    await userEvent.type(screen.getByLabelText(/^name/i), '  deploy script ');
    const days = screen.getByLabelText(/expires in \(days\)/i);
    await userEvent.clear(days);
    await userEvent.type(days, '7');
    await userEvent.click(screen.getByLabelText('Only the permissions I choose'));
    const group = screen.getByRole('group', { name: /permissions of the token/i });
    // Exactly the caller's permissions are offered.
    expect(within(group).getAllByRole('checkbox').map((c) => c.getAttribute('value'))).toEqual(requesterUser.permissions);
    await userEvent.click(within(group).getByLabelText('ticket.create'));
    await userEvent.click(within(group).getByLabelText('ticket.view_own'));
    await userEvent.click(screen.getByRole('button', { name: 'Create token' }));

    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ name: 'deploy script', expiresInDays: 7, permissions: ['ticket.view_own', 'ticket.create'] });
    expect(await screen.findByText(/you will not see it again/i)).toBeInTheDocument();
    expect(screen.getByLabelText('Your new API token')).toHaveValue(SECRET_TOKEN);
    expect(screen.getByRole('button', { name: 'Copy token' })).toBeInTheDocument();
    expect(await screen.findByRole('table', { name: 'API tokens' })).toHaveTextContent('deploy script');

    await userEvent.click(screen.getByRole('button', { name: 'I have stored it' }));
    expect(screen.queryByDisplayValue(SECRET_TOKEN)).not.toBeInTheDocument();
    expect(document.body.textContent).not.toContain(SECRET_TOKEN);
  });

  it('sends no subset for “everything I may do”, and checks name, expiry and an empty subset first', async () => {
    const { calls } = mockFetch({ 'GET /api/auth/tokens': { body: { items: [], total: 0 } }, 'POST /api/auth/tokens': { status: 201, body: created } });
    renderWithProviders(<ApiTokensRoute />);
    await screen.findByText('No API tokens yet');
    const days = screen.getByLabelText(/expires in \(days\)/i);
    await userEvent.clear(days);
    await userEvent.click(screen.getByLabelText('Only the permissions I choose'));
    await userEvent.click(screen.getByRole('button', { name: 'Create token' }));
    expect(await screen.findByText('Give the token a name')).toBeInTheDocument();
    expect(screen.getByText('A whole number of days from 1 to 365')).toBeInTheDocument();
    expect(screen.getByText('Choose at least one permission')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    await userEvent.click(screen.getByLabelText(/everything i may do/i));
    await userEvent.type(screen.getByLabelText(/^name/i), 'reports');
    await userEvent.clear(days);
    await userEvent.type(days, '30');
    await userEvent.click(screen.getByRole('button', { name: 'Create token' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ name: 'reports', expiresInDays: 30 });
  });

  it("shows the API's refusal naming the field", async () => {
    mockFetch({
      'GET /api/auth/tokens': { body: { items: [], total: 0 } },
      'POST /api/auth/tokens': {
        status: 400,
        body: { code: 'VALIDATION_FAILED', message: 'You do not hold ticket.create', details: { fields: [{ field: 'permissions', reason: 'you do not hold ticket.create' }] } },
      },
    });
    renderWithProviders(<ApiTokensRoute />);
    await screen.findByText('No API tokens yet');
    await userEvent.type(screen.getByLabelText(/^name/i), 'x');
    await userEvent.click(screen.getByRole('button', { name: 'Create token' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('you do not hold ticket.create');
    expect(screen.queryByLabelText('Your new API token')).not.toBeInTheDocument();
  });

  it('revokes only after a confirmation, which can be declined', async () => {
    let revoked = false;
    const { calls } = mockFetch({
      'GET /api/auth/tokens': () => ({ body: { items: [tokenView(revoked ? { revokedAt: '2026-11-05T00:00:00.000Z' } : {})], total: 1 } }),
      'DELETE /api/auth/tokens/3': () => {
        revoked = true;
        return { status: 204 };
      },
    });
    renderWithProviders(<ApiTokensRoute />);
    await userEvent.click(await screen.findByRole('button', { name: 'Revoke token nightly export' }));
    let dialog = await screen.findByRole('dialog', { name: 'Revoke API token' });
    expect(dialog).toHaveTextContent('Scripts that use it are refused from now on');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Keep it' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(calls.filter((c) => c.method === 'DELETE')).toHaveLength(0);

    await userEvent.click(screen.getByRole('button', { name: 'Revoke token nightly export' }));
    dialog = await screen.findByRole('dialog', { name: 'Revoke API token' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Revoke token' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'DELETE')).toHaveLength(1));
    expect(await screen.findByText('Revoked')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Revoke token nightly export' })).not.toBeInTheDocument();
  });
});
