/**
 * SQLite durability under a real disk fault: the -wal file is made immutable (`chattr +i`, which
 * needs root and a filesystem with the immutable flag, e.g. ext4) while the API runs. Writes must then
 * answer 503 DATABASE_UNAVAILABLE (never 201, never 500), health must answer 503, and once the file is
 * writable again the API must work without a restart and a restart must find exactly the tickets
 * that were answered 201. Before the fix the API answered 500, then 201 for tickets that a restart
 * did not find, and health said "up" throughout.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, closeSync, existsSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ErrorBody, HealthResponse, Page, TicketDetail, TicketSummary } from '@bdc/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { expectGapFree, findExecutable, openApp, type FaultApp } from './fault-support';
import { ticketBody } from './ticket-helpers';

describe('SQLite connection left inside a transaction (no disk fault needed)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bdc-desync-'));
  const file = join(dir, 'ims.sqlite');
  let app: FaultApp | null = null;
  afterAll(async () => {
    await app?.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('is reopened before the next write, so the next 201 is really committed', async () => {
    const current = await openApp(`sqlite:${file}`, dir, { seed: true });
    app = current;
    const token = await current.login('requester');
    // Exactly what a failed COMMIT followed by a failed ROLLBACK left behind: TypeORM's query runner
    // believes a transaction is open, and SQLite is inside one that nothing will ever commit.
    const runner = current.dataSource.createQueryRunner() as unknown as { isTransactionActive: boolean; transactionDepth: number };
    runner.isTransactionActive = true;
    runner.transactionDepth = 1;
    const handle = (current.dataSource.driver as unknown as { databaseConnection: { exec(sql: string): void } }).databaseConnection;
    handle.exec('BEGIN');

    const res = await current.request<TicketDetail>('POST', '/api/tickets', { token, body: ticketBody({ title: 'after the desync' }) });
    expect(res.status).toBe(201);
    await current.close();
    app = null;

    const reopened = await openApp(`sqlite:${file}`, dir, { seed: false });
    app = reopened;
    const list = await reopened.request<Page<TicketSummary>>('GET', '/api/tickets', { token: await reopened.login('requester') });
    expect(list.body.items.map((ticket) => ticket.ticketNumber)).toEqual([res.body.ticketNumber]);
  });
});

/** Whether `chattr +i` in `dir` really makes a file unwritable. */
function chattrWorksIn(dir: string): boolean {
  const probe = join(dir, 'chattr-probe');
  try {
    writeFileSync(probe, 'x');
    execFileSync('chattr', ['+i', probe], { stdio: 'ignore' });
    let refused = false;
    try {
      appendFileSync(probe, 'y');
    } catch {
      refused = true;
    }
    execFileSync('chattr', ['-i', probe], { stdio: 'ignore' });
    return refused;
  } catch {
    return false; // no immutable flag on this filesystem (tmpfs, overlay)
  } finally {
    rmSync(probe, { force: true });
  }
}

/**
 * A scratch directory where `chattr +i` works, or why there is none: the temp directory, the
 * package's node_modules/.cache, or else a small ext4 image loop-mounted for the test.
 */
function immutableCapableDir(): { dir: string; cleanup: () => void } | { reason: string } {
  if (process.getuid?.() !== 0) return { reason: 'not running as root (chattr +i needs CAP_LINUX_IMMUTABLE)' };
  if (!findExecutable('chattr')) return { reason: 'chattr not installed (Debian package e2fsprogs)' };
  const bases = [tmpdir(), join(process.cwd(), 'node_modules', '.cache')];
  for (const base of bases) {
    try {
      mkdirSync(base, { recursive: true });
      const dir = mkdtempSync(join(base, 'bdc-fault-'));
      if (chattrWorksIn(dir)) return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // not writable: try the next one
    }
  }
  const mkfs = findExecutable('mkfs.ext4');
  const mount = findExecutable('mount');
  const umount = findExecutable('umount');
  if (!mkfs || !mount || !umount) return { reason: `no filesystem supporting chattr +i under ${bases.join(' or ')}, and no mkfs.ext4/mount for a loop-mounted one` };
  const root = mkdtempSync(join(tmpdir(), 'bdc-fault-loop-'));
  const mnt = join(root, 'mnt');
  let mounted = false;
  const cleanup = () => {
    if (mounted) execFileSync(umount, [mnt], { stdio: 'ignore' });
    rmSync(root, { recursive: true, force: true });
  };
  try {
    const image = join(root, 'ext4.img');
    const fd = openSync(image, 'w');
    ftruncateSync(fd, 32 * 1024 * 1024);
    closeSync(fd);
    mkdirSync(mnt);
    execFileSync(mkfs, ['-q', '-F', image], { stdio: 'ignore' });
    execFileSync(mount, ['-o', 'loop', image, mnt], { stdio: 'ignore' });
    mounted = true;
    if (chattrWorksIn(mnt)) return { dir: mnt, cleanup };
  } catch {
    // no loop device or no permission to mount
  }
  cleanup();
  return { reason: `no filesystem supporting chattr +i under ${bases.join(' or ')}, and loop-mounting an ext4 image failed` };
}

const support = immutableCapableDir();

function setImmutable(file: string, on: boolean): void {
  execFileSync('chattr', [on ? '+i' : '-i', file], { stdio: 'ignore' });
}

if ('reason' in support) {
  describe.skip(`SQLite I/O fault (skipped: ${support.reason})`, () => {
    it('answers 503 during a disk fault and keeps exactly what it confirmed', () => undefined);
  });
} else {
  describe('SQLite I/O fault: the -wal file becomes unwritable', () => {
    const dir = support.dir;
    const file = join(dir, 'ims.sqlite');
    let app: FaultApp | null = null;

    afterAll(async () => {
      // Whatever failed, no file may stay immutable: it could not be removed, not even by root.
      for (const name of existsSync(dir) ? readdirSync(dir) : []) {
        try {
          setImmutable(join(dir, name), false);
        } catch {
          // a directory or a file that was never immutable
        }
      }
      await app?.close().catch(() => undefined);
      support.cleanup();
    });

    it('answers 503 (not 500, not 201) and health 503 while it lasts, heals without a restart, and keeps exactly the tickets it confirmed', async () => {
      const current = await openApp(`sqlite:${file}`, dir, { seed: true });
      app = current;
      const token = await current.login('requester');
      const confirmed: string[] = [];
      const create = async (title: string) => {
        const res = await current.request<TicketDetail & ErrorBody>('POST', '/api/tickets', { token, body: ticketBody({ title }) });
        if (res.status === 201) confirmed.push(res.body.ticketNumber);
        return res;
      };
      const health = () => current.request<HealthResponse>('GET', '/api/health');

      const before: number[] = [];
      for (let i = 0; i < 3; i++) before.push((await create(`before ${i}`)).status);
      expect(before).toEqual([201, 201, 201]);
      expect((await health()).status).toBe(200);
      const firstId = (await current.request<Page<TicketSummary>>('GET', '/api/tickets', { token })).body.items[0]?.id;

      const wal = `${file}-wal`;
      expect(existsSync(wal)).toBe(true);
      setImmutable(wal, true);
      const during: { status: number; code: string | undefined }[] = [];
      let healthDuring: { status: number; body: HealthResponse };
      let readDuring: number;
      try {
        for (let i = 0; i < 4; i++) {
          const res = await create(`during ${i}`);
          during.push({ status: res.status, code: res.body.code });
        }
        healthDuring = await health();
        readDuring = (await current.request('GET', `/api/tickets/${firstId}`, { token })).status;
        const res = await create('during, after the health probe');
        during.push({ status: res.status, code: res.body.code });
        // Concurrent writers queue on the one connection; each finds it broken or breaks it.
        const login = current.request<ErrorBody>('POST', '/api/auth/login', { body: { username: 'requester', password: 'demo' } });
        const concurrent = await Promise.all([0, 1, 2, 3].map((i) => create(`during, concurrent ${i}`)));
        for (const r of [...concurrent, await login]) during.push({ status: r.status, code: r.body.code });
      } finally {
        setImmutable(wal, false);
      }
      expect(during).toEqual(Array.from({ length: 10 }, () => ({ status: 503, code: 'DATABASE_UNAVAILABLE' })));
      expect(healthDuring.status).toBe(503);
      expect(healthDuring.body).toMatchObject({ status: 'unavailable', database: 'down', engine: 'sqlite' });
      // Reading is still possible while writing is not.
      expect(readDuring).toBe(200);

      // Writable again: health and writes recover in the same process.
      expect((await health()).status).toBe(200);
      const after: number[] = [];
      for (let i = 0; i < 3; i++) after.push((await create(`after ${i}`)).status);
      for (const r of await Promise.all([0, 1, 2].map((i) => create(`after, concurrent ${i}`)))) after.push(r.status);
      expect(after).toEqual([201, 201, 201, 201, 201, 201]);
      // The reopened connection has the same settings as the first one.
      const pragma = async (name: string) => Object.values(((await current.dataSource.query(`PRAGMA ${name}`)) as object[])[0] ?? {})[0];
      expect([await pragma('journal_mode'), await pragma('synchronous'), await pragma('foreign_keys')]).toEqual(['wal', 2, 1]);

      // "Restart": a new process-equivalent on the same file must find exactly what was confirmed.
      await current.close();
      app = null;
      const reopened = await openApp(`sqlite:${file}`, dir, { seed: false });
      app = reopened;
      const token2 = await reopened.login('requester');
      const list = await reopened.request<Page<TicketSummary>>('GET', '/api/tickets', { token: token2 });
      expect(list.status).toBe(200);
      const stored = list.body.items.map((ticket) => ticket.ticketNumber).sort();
      expect(stored).toEqual([...confirmed].sort());
      expect(confirmed).toHaveLength(9);
      // A failed creation takes no number.
      expectGapFree(stored);
    });
  });
}
