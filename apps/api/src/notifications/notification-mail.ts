import type { TicketNotificationEntity } from './ticket-notification.entity';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** The link to the ticket in the SPA (paths.ticket). */
export function ticketLink(publicUrl: string, ticketId: number): string {
  return `${publicUrl}/tickets/${ticketId}`;
}

/** Plain text and HTML of one outbox row: its message, then the link to the ticket. */
export function renderMail(row: Pick<TicketNotificationEntity, 'subject' | 'message' | 'ticketId'>, publicUrl: string): RenderedMail {
  const link = ticketLink(publicUrl, row.ticketId);
  const paragraphs = row.message.split(/\n{2,}/).map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`);
  return {
    subject: row.subject,
    text: `${row.message}\n\nOpen the ticket: ${link}\n\n-- \nBDC IMS Change Tickets. Choose which emails you get under Account, Notifications.\n`,
    html: `<!doctype html><html><body style="font-family:sans-serif">${paragraphs.join('')}<p><a href="${escapeHtml(link)}">Open the ticket</a></p><hr><p style="color:#666;font-size:small">BDC IMS Change Tickets. Choose which emails you get under Account, Notifications.</p></body></html>`,
  };
}
