import type { AttachmentView } from '@bdc/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearSession, setSessionFromLogin } from '../../../lib/auth-session';
import { mockFetch } from '../../../test/fetch-mock';
import { loginResponse, requesterUser, ticketDetail, userSummary } from '../../../test/fixtures';
import { renderWithProviders } from '../../../test/render';
import { formatBytes, TicketAttachments } from './ticket-attachments';

const attachment = (overrides: Partial<AttachmentView>): AttachmentView => ({
  id: 1,
  ticketId: 1,
  commentId: null,
  filename: 'plan.pdf',
  size: 2048,
  mimeType: 'application/pdf',
  isImage: false,
  uploadedBy: userSummary(requesterUser.id, 'requester'),
  uploadedAt: '2026-02-03T10:00:00.000Z',
  ...overrides,
});

describe('TicketAttachments', () => {
  beforeEach(() => {
    setSessionFromLogin(loginResponse({ user: requesterUser }));
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:preview'), revokeObjectURL: vi.fn() }));
  });
  afterEach(() => clearSession());

  it('lists files with size and uploader; delete only on your own; images get a preview', async () => {
    mockFetch({
      'GET /api/tickets/1/attachments': {
        body: [attachment({}), attachment({ id: 2, filename: 'rack.png', mimeType: 'image/png', isImage: true, size: 300, uploadedBy: userSummary(2, 'manager') })],
      },
      'GET /api/tickets/1/attachments/2': { body: 'png bytes' },
    });
    renderWithProviders(<TicketAttachments ticket={ticketDetail({ allowedActions: ['comment'] })} />);
    const list = await screen.findByRole('list', { name: 'Attached files' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('plan.pdf');
    expect(items[0]).toHaveTextContent('2.0 KB · requester');
    expect(within(list).getByRole('button', { name: 'Delete plan.pdf' })).toBeInTheDocument();
    expect(within(list).queryByRole('button', { name: 'Delete rack.png' })).not.toBeInTheDocument();

    const preview = await within(list).findByRole('img', { name: 'Preview of rack.png' });
    expect(preview).toHaveAttribute('src', 'blob:preview');
    await userEvent.click(within(list).getByRole('button', { name: 'Preview rack.png' }));
    expect(await screen.findByRole('dialog', { name: 'rack.png' })).toBeInTheDocument();
  });

  it("uploads through the labelled button and shows the API's reason for a refusal", async () => {
    const { calls } = mockFetch({
      'GET /api/tickets/1/attachments': { body: [] },
      'POST /api/tickets/1/attachments': {
        status: 415,
        body: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'setup.pdf was refused: the content is not a PDF document (it looks like exe)' },
      },
    });
    const { container } = renderWithProviders(<TicketAttachments ticket={ticketDetail({ allowedActions: ['comment'] })} />);
    expect(await screen.findByText('No files attached.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Attach files' })).toBeInTheDocument();
    const input = container.querySelector<HTMLInputElement>('input[type="file"]');
    if (!input) throw new Error('no file input');
    await userEvent.upload(input, new File(['MZ'], 'setup.pdf', { type: 'application/pdf' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('A file was refused');
    expect(alert).toHaveTextContent('setup.pdf: setup.pdf was refused: the content is not a PDF document (it looks like exe)');
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1));
  });

  it('offers no upload without the comment action', async () => {
    mockFetch({ 'GET /api/tickets/1/attachments': { body: [attachment({ uploadedBy: userSummary(2, 'manager') })] } });
    renderWithProviders(<TicketAttachments ticket={ticketDetail({ allowedActions: [] })} />);
    expect(await screen.findByRole('button', { name: 'Download plan.pdf' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Attach files' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Delete/ })).not.toBeInTheDocument();
  });

  it('formats sizes', () => {
    expect([formatBytes(12), formatBytes(1536), formatBytes(10 * 1024 * 1024)]).toEqual(['12 B', '1.5 KB', '10.0 MB']);
  });
});
