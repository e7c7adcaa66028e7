import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getSession, resetSessionCache } from '../../../lib/auth-session';
import { mockFetch } from '../../../test/fetch-mock';
import { loginResponse } from '../../../test/fixtures';
import { renderWithProviders } from '../../../test/render';
import { LoginForm } from './login-form';

beforeEach(() => resetSessionCache());

describe('LoginForm', () => {
  it('has labelled inputs and asks for both before calling the API', async () => {
    const { calls } = mockFetch({});
    renderWithProviders(<LoginForm onSuccess={vi.fn()} />);
    expect(screen.getByLabelText(/user name/i)).toBeInTheDocument();
    expect(screen.getByLabelText(/^password/i, { selector: 'input' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Enter your user name')).toBeInTheDocument();
    expect(screen.getByText('Enter your password')).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });

  it("shows the API's message when the credentials are refused", async () => {
    mockFetch({ 'POST /api/auth/login': { status: 401, body: { code: 'INVALID_CREDENTIALS', message: 'Invalid user name or password' } } });
    const onSuccess = vi.fn();
    renderWithProviders(<LoginForm onSuccess={onSuccess} />);
    await userEvent.type(screen.getByLabelText(/user name/i), 'requester');
    await userEvent.type(screen.getByLabelText(/^password/i, { selector: 'input' }), 'wrong');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Invalid user name or password');
    expect(onSuccess).not.toHaveBeenCalled();
    expect(getSession()).toBeNull();
  });

  it('stores the session and reports success', async () => {
    const { calls } = mockFetch({ 'POST /api/auth/login': { body: loginResponse() } });
    const onSuccess = vi.fn();
    renderWithProviders(<LoginForm onSuccess={onSuccess} />);
    await userEvent.type(screen.getByLabelText(/user name/i), ' requester ');
    await userEvent.type(screen.getByLabelText(/^password/i, { selector: 'input' }), 'demo');
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(onSuccess).toHaveBeenCalledTimes(1));
    expect(calls[0]?.body).toEqual({ username: 'requester', password: 'demo' });
    expect(getSession()?.user.username).toBe('requester');
  });

  it('lists the demo accounts only when the API says they work', async () => {
    mockFetch({});
    const { unmount } = renderWithProviders(<LoginForm onSuccess={vi.fn()} options={{ demoAccounts: [] }} />);
    expect(screen.queryByText(/Demo accounts/)).not.toBeInTheDocument();
    unmount();
    renderWithProviders(<LoginForm onSuccess={vi.fn()} options={{ demoAccounts: [{ username: 'admin', role: 'admin' }, { username: 'tech', role: 'technician' }], demoPassword: 'demo' }} />);
    expect(screen.getByText(/Demo accounts/)).toHaveTextContent('Demo accounts (password demo): admin, tech.');
  });

  it('shows the throttling message as the API words it', async () => {
    mockFetch({ 'POST /api/auth/login': { status: 429, body: { code: 'TOO_MANY_ATTEMPTS', message: 'Too many failed sign-ins: try again in 4 seconds' } } });
    renderWithProviders(<LoginForm onSuccess={vi.fn()} />);
    await userEvent.type(screen.getByLabelText(/user name/i), 'requester');
    await userEvent.type(screen.getByLabelText(/^password/i, { selector: 'input' }), 'wrong');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/^Could not sign inToo many failed sign-ins: try again in 4 seconds$/);
  });
});
