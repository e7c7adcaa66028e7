import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AttachmentView, CommentView, ErrorBody, HistoryEntryView } from '@bdc/contracts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AttachmentsRepository } from '../src/attachments/attachments.repository';
import { TicketAttachmentEntity } from '../src/attachments/ticket-attachment.entity';
import { AppConfig } from '../src/config/app-config';
import { DOCX, EXE, HTML, JPEG, OLE2, PDF, PNG, XLSX, upload, uploadFile } from './attachment-files';
import { describeEachEngine } from './engines';
import { createUser } from './factories';
import { createTestApp, type TestApp } from './harness';
import { createTicket } from './ticket-helpers';

const MAX_BYTES = 64 * 1024;

/** Every regular file under a directory (the temporary ones included). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((entry) => join(dir, entry))
    .filter((path) => statSync(path).isFile());
}

const sha256 = (content: Uint8Array) => createHash('sha256').update(content).digest('hex');

describeEachEngine('ticket attachments', (engine) => {
  let t: TestApp;
  let uploadDir: string;
  let requester: string;
  let manager: string;
  let admin: string;
  let stranger: string;
  let ticketId: number;

  const rows = () => t.dataSource.manager.count(TicketAttachmentEntity);
  const history = async (id: number) => (await t.http.get<HistoryEntryView[]>(`/api/tickets/${id}/history`, { token: admin })).body;

  /** A refusal leaves the rows and the files exactly as they were. */
  async function expectNothingLeft(attempt: () => Promise<{ status: number }>, status: number): Promise<ErrorBody> {
    const [rowsBefore, filesBefore] = [await rows(), filesUnder(uploadDir)];
    const res = (await attempt()) as { status: number; body: ErrorBody };
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(await rows()).toBe(rowsBefore);
    expect(filesUnder(uploadDir)).toEqual(filesBefore);
    return res.body;
  }

  beforeAll(async () => {
    t = await createTestApp(engine, { configOverrides: { uploadMaxBytes: MAX_BYTES } });
    uploadDir = t.app.get(AppConfig).uploadDir;
    [requester, manager, admin] = await Promise.all(['requester', 'manager', 'admin'].map((u) => t.login(u)));
    const other = await createUser(t, { roles: ['viewer'] });
    stranger = await t.login(other.username, other.password);
    ticketId = (await createTicket(t, requester)).id;
  });
  afterAll(async () => t?.close());

  it('accepts each allowed type, checked by content, and stores it as tickets/{ticketId}/{sha256}', async () => {
    const samples: [string, Buffer, string][] = [
      ['plan.pdf', PDF, 'application/pdf'],
      ['rack.png', PNG, 'image/png'],
      ['photo.jpg', JPEG, 'image/jpeg'],
      ['photo2.JPEG', Buffer.concat([JPEG, Buffer.from([1])]), 'image/jpeg'],
      ['old.doc', OLE2, 'application/msword'],
      ['spec.docx', DOCX, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['old.xls', Buffer.concat([OLE2, Buffer.from([2])]), 'application/vnd.ms-excel'],
      ['sheet.xlsx', XLSX, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ];
    for (const [name, content, mimeType] of samples) {
      const res = await uploadFile<AttachmentView>(t, requester, ticketId, name, content);
      expect(res.status, `${name}: ${JSON.stringify(res.body)}`).toBe(201);
      expect(res.body).toMatchObject({ ticketId, commentId: null, filename: name, size: content.length, mimeType, isImage: mimeType.startsWith('image/'), uploadedBy: { username: 'requester' } });
      const row = await t.dataSource.manager.findOneByOrFail(TicketAttachmentEntity, { id: res.body.id });
      expect(row.filePath).toBe(`tickets/${ticketId}/${sha256(content)}`);
      expect(existsSync(join(uploadDir, row.filePath))).toBe(true);
    }
    const list = await t.http.get<AttachmentView[]>(`/api/tickets/${ticketId}/attachments`, { token: manager });
    expect(list.status).toBe(200);
    expect(list.body.map((a) => a.filename)).toEqual(samples.map(([name]) => name));
    // Nothing is left in the temporary directory.
    expect(filesUnder(join(uploadDir, 'tmp'))).toEqual([]);
  });

  it('refuses with 415 a type not allowed, and content that is not what its name says', async () => {
    const cases: [string, Buffer][] = [
      ['setup.exe', EXE],
      ['invoice.pdf', EXE],
      ['page.png', HTML],
      ['page.html', HTML],
      ['noextension', PDF],
      ['rack.pdf', PNG],
      ['words.xlsx', DOCX],
    ];
    for (const [name, content] of cases) {
      const body = await expectNothingLeft(() => uploadFile(t, requester, ticketId, name, content), 415);
      expect(body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(body.message).toContain(name);
      expect(body.details?.fields?.[0]?.field).toBe('file');
    }
  });

  it('refuses a file over the limit with 413 and leaves no partial file', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(MAX_BYTES)]);
    const body = await expectNothingLeft(() => uploadFile(t, requester, ticketId, 'big.pdf', big), 413);
    expect(body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(body.message).toContain(String(MAX_BYTES));
    // Exactly at the limit is still fine.
    const exact = Buffer.concat([PDF, Buffer.alloc(MAX_BYTES - PDF.length)]);
    expect((await uploadFile(t, requester, ticketId, 'exact.pdf', exact)).status).toBe(201);
  });

  it('answers 400 naming the field for a missing or empty file, a bad commentId, an unknown field, a JSON body', async () => {
    const missing = await expectNothingLeft(() => upload(t, requester, ticketId, [{ name: 'commentId', content: '1' }]), 400);
    expect(missing.details?.fields?.[0]?.field).toBe('file');
    const empty = await expectNothingLeft(() => uploadFile(t, requester, ticketId, 'empty.pdf', Buffer.alloc(0)), 400);
    expect(empty.details?.fields?.[0]).toEqual({ field: 'file', reason: 'is empty' });
    const badComment = await expectNothingLeft(() => uploadFile(t, requester, ticketId, 'a.pdf', PDF, { commentId: 'x' }), 400);
    expect(badComment.details?.fields?.[0]?.field).toBe('commentId');
    const unknown = await expectNothingLeft(() => uploadFile(t, requester, ticketId, 'a.pdf', PDF, { title: 'x' }), 400);
    expect(unknown.details?.fields?.[0]?.field).toBe('title');
    const two = await expectNothingLeft(
      () => upload(t, requester, ticketId, [{ name: 'file', filename: 'a.pdf', content: PDF }, { name: 'file', filename: 'b.pdf', content: PDF }]),
      400,
    );
    expect(two.details?.fields?.[0]?.field).toBe('file');
    const json = await expectNothingLeft(() => t.http.post(`/api/tickets/${ticketId}/attachments`, { token: requester, body: { file: 'x' } }), 400);
    expect(json.details?.fields?.[0]?.field).toBe('file');
  });

  it("answers 404 for a ticket the caller may not see, and for another user's attachment on it", async () => {
    const invisible = await expectNothingLeft(() => uploadFile(t, stranger, ticketId, 'a.pdf', PDF), 404);
    expect(invisible.code).toBe('TICKET_NOT_FOUND');
    await expectNothingLeft(() => uploadFile(t, requester, 987654, 'a.pdf', PDF), 404);

    const mine = await uploadFile<AttachmentView>(t, requester, ticketId, 'private.pdf', Buffer.concat([PDF, Buffer.from('private')]));
    expect(mine.status).toBe(201);
    const url = `/api/tickets/${ticketId}/attachments/${mine.body.id}`;
    expect((await t.http.get(`/api/tickets/${ticketId}/attachments`, { token: stranger })).status).toBe(404);
    expect((await t.http.get<ErrorBody>(url, { token: stranger })).body.code).toBe('TICKET_NOT_FOUND');
    expect((await t.http.delete<ErrorBody>(url, { token: stranger })).status).toBe(404);
    // The id on another ticket (one the caller sees) is no way around it either.
    const strangersTicket = (await createTicket(t, stranger)).id;
    const elsewhere = await t.http.get<ErrorBody>(`/api/tickets/${strangersTicket}/attachments/${mine.body.id}`, { token: stranger });
    expect([elsewhere.status, elsewhere.body.code]).toEqual([404, 'ATTACHMENT_NOT_FOUND']);
    expect((await t.http.delete(`/api/tickets/${strangersTicket}/attachments/${mine.body.id}`, { token: stranger })).status).toBe(404);
    expect(existsSync(join(uploadDir, `tickets/${ticketId}`))).toBe(true);
    expect(await t.dataSource.manager.countBy(TicketAttachmentEntity, { id: mine.body.id })).toBe(1);
  });

  it('downloads with a safe Content-Disposition, nosniff and the detected type; inline only for images', async () => {
    // As the multipart header carries it (a quoted string with an escaped quote), and as it is meant.
    const sent = 'evil\\"; filename=x.html; ü 文件%22 (1).png';
    const res = await uploadFile<AttachmentView>(t, requester, ticketId, sent, PNG);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.filename).toBe('evil"; filename=x.html; ü 文件%22 (1).png');
    const url = `/api/tickets/${ticketId}/attachments/${res.body.id}`;
    const download = await t.app.getHttpAdapter().getInstance().inject({ method: 'GET', url, headers: { authorization: `Bearer ${manager}` } });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PNG)).toBe(true);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    const disposition = String(download.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="[^"\\]*"; filename\*=UTF-8''[A-Za-z0-9%._~!-]+$/);
    expect(decodeURIComponent(disposition.slice(disposition.indexOf("''") + 2))).toBe(res.body.filename);

    const inline = await t.http.get(url, { token: manager, query: { inline: 1 } });
    expect(String(inline.headers['content-disposition'])).toMatch(/^inline; /);
    const pdf = await uploadFile<AttachmentView>(t, requester, ticketId, 'doc.pdf', Buffer.concat([PDF, Buffer.from('inline?')]));
    const notInline = await t.http.get(`/api/tickets/${ticketId}/attachments/${pdf.body.id}`, { token: manager, query: { inline: 1 } });
    expect(notInline.headers['content-type']).toBe('application/pdf');
    expect(String(notInline.headers['content-disposition'])).toMatch(/^attachment; /);
    expect((await t.http.get<ErrorBody>(url, { token: manager, query: { inline: 'yes' } })).status).toBe(400);
  });

  it('records upload and delete in the history; the file goes with the last row that names it', async () => {
    const id = (await createTicket(t, requester)).id;
    const content = Buffer.concat([PDF, Buffer.from('shared')]);
    const first = await uploadFile<AttachmentView>(t, requester, id, 'one.pdf', content);
    const second = await uploadFile<AttachmentView>(t, requester, id, 'two.pdf', content);
    expect([first.status, second.status]).toEqual([201, 201]);
    const stored = join(uploadDir, `tickets/${id}/${sha256(content)}`);

    // Not the uploader, no ticket.manage: refused.
    const refused = await t.http.delete<ErrorBody>(`/api/tickets/${id}/attachments/${first.body.id}`, { token: manager });
    expect([refused.status, refused.body.code]).toEqual([403, 'FORBIDDEN']);
    expect((await t.http.delete(`/api/tickets/${id}/attachments/${first.body.id}`, { token: requester })).status).toBe(204);
    expect(existsSync(stored)).toBe(true);
    // ticket.manage may delete anyone's.
    expect((await t.http.delete(`/api/tickets/${id}/attachments/${second.body.id}`, { token: admin })).status).toBe(204);
    expect(existsSync(stored)).toBe(false);
    expect((await t.http.get<AttachmentView[]>(`/api/tickets/${id}/attachments`, { token: requester })).body).toEqual([]);
    expect((await t.http.delete(`/api/tickets/${id}/attachments/${second.body.id}`, { token: admin })).status).toBe(404);

    const entries = (await history(id)).filter((e) => e.action.startsWith('attachment_'));
    expect(entries.map((e) => [e.action, e.newValue ?? e.oldValue, e.user.username])).toEqual([
      ['attachment_added', 'one.pdf', 'requester'],
      ['attachment_added', 'two.pdf', 'requester'],
      ['attachment_removed', 'one.pdf', 'requester'],
      ['attachment_removed', 'two.pdf', 'admin'],
    ]);
    expect(entries[0]?.metadata).toMatchObject({ attachmentId: first.body.id, size: content.length, mimeType: 'application/pdf' });
  });

  it("attaches to one's own comment; the comment lists it; an internal note's files stay internal", async () => {
    const id = (await createTicket(t, requester)).id;
    const comment = await t.http.post<CommentView>(`/api/tickets/${id}/comments`, { token: requester, body: { comment: 'See the photo' } });
    expect(comment.body.attachments).toEqual([]);
    const attached = await uploadFile<AttachmentView>(t, requester, id, 'photo.png', PNG, { commentId: String(comment.body.id) });
    expect([attached.status, attached.body.commentId]).toEqual([201, comment.body.id]);
    const seen = (await t.http.get<CommentView[]>(`/api/tickets/${id}/comments`, { token: manager })).body.find((c) => c.id === comment.body.id);
    expect(seen?.attachments.map((a) => [a.id, a.filename, a.isImage])).toEqual([[attached.body.id, 'photo.png', true]]);
    expect(seen?.updatedAt).toBe(comment.body.updatedAt);

    // Someone else's comment: refused; a comment of another ticket: not found. Nothing is stored.
    expect((await expectNothingLeft(() => uploadFile(t, manager, id, 'x.pdf', PDF, { commentId: String(comment.body.id) }), 403)).code).toBe('FORBIDDEN');
    const otherTicket = (await createTicket(t, requester)).id;
    expect((await expectNothingLeft(() => uploadFile(t, requester, otherTicket, 'x.pdf', PDF, { commentId: String(comment.body.id) }), 404)).code).toBe('COMMENT_NOT_FOUND');

    const note = await t.http.post<CommentView>(`/api/tickets/${id}/comments`, { token: manager, body: { comment: 'Staff only', internal: true } });
    const internal = await uploadFile<AttachmentView>(t, manager, id, 'staff.pdf', Buffer.concat([PDF, Buffer.from('staff')]), { commentId: String(note.body.id) });
    expect(internal.status).toBe(201);
    const forRequester = await t.http.get<AttachmentView[]>(`/api/tickets/${id}/attachments`, { token: requester });
    expect(forRequester.body.map((a) => a.filename)).toEqual(['photo.png']);
    expect((await t.http.get(`/api/tickets/${id}/attachments/${internal.body.id}`, { token: requester })).status).toBe(404);
    const added = (await t.http.get<HistoryEntryView[]>(`/api/tickets/${id}/history`, { token: requester })).body.filter((e) => e.action === 'attachment_added');
    expect(added.map((e) => e.newValue)).toEqual(['photo.png', null]);
  });

  it("deleting the ticket removes its attachments' rows and files", async () => {
    const id = (await createTicket(t, requester)).id;
    const res = await uploadFile<AttachmentView>(t, requester, id, 'gone.pdf', Buffer.concat([PDF, Buffer.from('gone')]));
    expect(res.status).toBe(201);
    expect(existsSync(join(uploadDir, `tickets/${id}`))).toBe(true);
    expect((await t.http.delete(`/api/tickets/${id}`, { token: admin })).status).toBe(204);
    expect(await t.dataSource.manager.countBy(TicketAttachmentEntity, { ticketId: id })).toBe(0);
    expect(existsSync(join(uploadDir, `tickets/${id}`))).toBe(false);
  });

  it('leaves neither a row nor a file when the database write fails after the file was placed', async () => {
    const repository = t.app.get(AttachmentsRepository);
    const spy = vi.spyOn(repository, 'insert').mockRejectedValueOnce(new Error('SQLITE_FULL: database or disk is full'));
    try {
      const body = await expectNothingLeft(() => uploadFile(t, requester, ticketId, 'fails.pdf', Buffer.concat([PDF, Buffer.from('db fails')])), 500);
      expect(body.message).not.toContain('SQLITE');
    } finally {
      spy.mockRestore();
    }
  });

  describe('with an unwritable UPLOAD_DIR', () => {
    let broken: TestApp;
    beforeAll(async () => {
      // A directory below a regular file can never be created, even by root.
      const blocker = join(uploadDir, '..', 'not-a-directory');
      writeFileSync(blocker, 'x');
      broken = await createTestApp(engine, { configOverrides: { uploadDir: join(blocker, 'uploads') } });
    });
    afterAll(async () => broken?.close());

    it('answers 503 and writes no row', async () => {
      const token = await broken.login('requester');
      const id = (await createTicket(broken, token)).id;
      const res = await uploadFile<ErrorBody>(broken, token, id, 'a.pdf', PDF);
      expect([res.status, res.body.code]).toEqual([503, 'STORAGE_UNAVAILABLE']);
      expect(res.body.message).not.toMatch(/ENOTDIR|not-a-directory/);
      expect(await broken.dataSource.manager.count(TicketAttachmentEntity)).toBe(0);
      const entries = (await broken.http.get<HistoryEntryView[]>(`/api/tickets/${id}/history`, { token })).body;
      expect(entries.some((e) => e.action === 'attachment_added')).toBe(false);
    });
  });
});
