import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetSessionCache, setSessionFromLogin } from '../../../lib/auth-session';
import { mockFetch } from '../../../test/fetch-mock';
import { loginResponse, requesterUser } from '../../../test/fixtures';
import { renderWithProviders } from '../../../test/render';
import { ChangePasswordRoute } from './change-password-route';

beforeEach(() => {
  resetSessionCache();
  setSessionFromLogin(loginResponse({ user: requesterUser }));
});

async function fill(current: string, next: string, repeat = next): Promise<void> {
  if (current) await userEvent.type(screen.getByLabelText(/^current password/i), current);
  if (next) await userEvent.type(screen.getByLabelText(/^new password/i), next);
  if (repeat) await userEvent.type(screen.getByLabelText(/^repeat the new password/i), repeat);
  await userEvent.click(screen.getByRole('button', { name: 'Change password' }));
}

describe('ChangePasswordRoute', () => {
  it('sends the current and the new password, then says the other sessions were signed out', async () => {
    const { calls } = mockFetch({ 'POST /api/auth/password': { status: 204 } });
    renderWithProviders(<ChangePasswordRoute />);
    await fill('demo', 'violet-kettle-morning');
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]?.body).toEqual({ currentPassword: 'demo', newPassword: 'violet-kettle-morning' });
    expect(await screen.findByRole('status')).toHaveTextContent(/other sessions were signed out/i);
    expect(screen.getByLabelText(/^current password/i)).toHaveValue('');
  });

  it('checks length, the current password and the repetition before sending', async () => {
    const { calls } = mockFetch({ 'POST /api/auth/password': { status: 204 } });
    renderWithProviders(<ChangePasswordRoute />);
    await fill('', 'short', 'other');
    expect(await screen.findByText('Enter your current password')).toBeInTheDocument();
    expect(screen.getByText('At least 10 characters')).toBeInTheDocument();
    expect(screen.getByText('The two new passwords differ')).toBeInTheDocument();
    await userEvent.clear(screen.getByLabelText(/^new password/i));
    await userEvent.clear(screen.getByLabelText(/^repeat the new password/i));
    await userEvent.type(screen.getByLabelText(/^current password/i), 'a-long-current-pw');
    await fill('', 'a-long-current-pw');
    expect(await screen.findByText('Must differ from your current password')).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });

  it('shows the API’s reason next to the field it names', async () => {
    mockFetch({
      'POST /api/auth/password': {
        status: 400,
        body: { code: 'VALIDATION_FAILED', message: 'Invalid newPassword: is too common', details: { fields: [{ field: 'newPassword', reason: 'is too common; choose one that is harder to guess' }] } },
      },
    });
    renderWithProviders(<ChangePasswordRoute />);
    await fill('demo', 'Password123');
    const input = screen.getByLabelText(/^new password/i);
    await waitFor(() => expect(input).toHaveAccessibleDescription(/too common/));
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });
});
