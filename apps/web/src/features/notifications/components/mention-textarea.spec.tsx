import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetSessionCache, setSessionFromLogin } from '../../../lib/auth-session';
import { mockFetch } from '../../../test/fetch-mock';
import { loginResponse, requesterUser } from '../../../test/fixtures';
import { renderWithProviders } from '../../../test/render';
import { MentionTextarea } from './mention-textarea';

function Box({ internal = false }: { internal?: boolean }) {
  const [text, setText] = useState('');
  return <MentionTextarea ticketId={42} internal={internal} label="Add a comment" value={text} onChange={setText} />;
}

beforeEach(() => {
  resetSessionCache();
  setSessionFromLogin(loginResponse({ user: requesterUser }));
});

describe('MentionTextarea', () => {
  it('offers the people who can see the ticket after @ and inserts @username', async () => {
    const { calls } = mockFetch({
      'GET /api/users/mentionable': {
        body: [
          { id: 4, username: 'tech', displayName: 'Tom Becker' },
          { id: 2, username: 'manager', displayName: 'Maria Lopez' },
        ],
      },
    });
    renderWithProviders(<Box />);
    const box = await screen.findByRole('textbox', { name: 'Add a comment' });
    await userEvent.type(box, 'Thanks @t');
    const option = await screen.findByRole('option', { name: 'Tom Becker (@tech)' }, { timeout: 5000 });
    await userEvent.click(option);
    await waitFor(() => expect(box).toHaveValue('Thanks @tech '));
    const call = calls.find((c) => c.path === '/api/users/mentionable');
    expect(call?.query.get('ticketId')).toBe('42');
    expect(call?.query.get('internal')).toBeNull();
  });

  it('asks for internal-note readers only when writing an internal note, and nothing without @', async () => {
    const { calls } = mockFetch({ 'GET /api/users/mentionable': { body: [] } });
    renderWithProviders(<Box internal />);
    const box = await screen.findByRole('textbox', { name: 'Add a comment' });
    await userEvent.type(box, 'plain text');
    expect(calls.some((c) => c.path === '/api/users/mentionable')).toBe(false);
    await userEvent.type(box, ' @m');
    await waitFor(() => expect(calls.some((c) => c.path === '/api/users/mentionable')).toBe(true));
    expect(calls.find((c) => c.path === '/api/users/mentionable')?.query.get('internal')).toBe('true');
  });
});
