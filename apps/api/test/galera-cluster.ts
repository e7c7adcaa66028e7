/**
 * The Galera suite's cluster: scripts/scale-out/galera.sh driven from a test, on ports nobody else
 * uses and a scratch directory of its own. The script records the pids of what it started and stops
 * only those; the system MariaDB on 3306 is never touched.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createConnection, type Connection } from 'mysql2/promise';
import { findExecutable } from './fault-support';

export const GALERA_PROVIDER = '/usr/lib/galera/libgalera_smm.so';
export const GALERA_SCRIPT = resolve(__dirname, '../../../scripts/scale-out/galera.sh');

/** Why the cluster cannot run here, or null. CI installs galera-4 and rsync (.ci/run), so there it runs. */
export function galeraMissing(): string | null {
  if (!existsSync(GALERA_PROVIDER)) return `galera-4 not installed (no ${GALERA_PROVIDER})`;
  if (!findExecutable('mariadbd')) return 'mariadbd not installed (mariadb-server)';
  if (!findExecutable('rsync')) return 'rsync not installed (Galera state transfer)';
  return null;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

async function allFree(ports: number[]): Promise<boolean> {
  for (const port of ports) if (!(await portFree(port))) return false;
  return true;
}

/** A block of ports, all free now, from a random start (two runs at once would not pick the same). */
async function freeBlock(offsets: number[], from: number, to: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = from + 10 * Math.floor(Math.random() * ((to - from) / 10));
    if (await allFree(offsets.map((o) => base + o))) return base;
  }
  throw new Error(`no free block of ports between ${from} and ${to}`);
}

export class GaleraCluster {
  private constructor(
    readonly dir: string,
    readonly basePort: number,
    readonly gcommPort: number,
  ) {}

  static async allocate(): Promise<GaleraCluster> {
    const basePort = await freeBlock([0, 1, 2], 23300, 23900);
    // Per node: gcomm, IST and SST ports, ten apart (see the script).
    const gcommPort = await freeBlock([0, 1, 2, 10, 11, 12, 20, 21, 22], 24500, 25900);
    return new GaleraCluster(mkdtempSync(join(tmpdir(), 'bdc-galera-')), basePort, gcommPort);
  }

  /** Node N's server, root with an empty password, optionally with a database. */
  url(node: number, database?: string): string {
    return `mysql://root@127.0.0.1:${this.basePort + node - 1}${database ? `/${database}` : ''}`;
  }

  connect(node: number, database?: string): Promise<Connection> {
    return createConnection({ uri: this.url(node, database), connectTimeout: 5000, dateStrings: true });
  }

  /**
   * Runs the script and answers what it printed (stdout, then stderr: the script's notes on a node that
   * needed a full copy go there); on failure all of it, and the node's error log, is in the thrown error.
   */
  run(...args: string[]): Promise<string> {
    return new Promise((done, fail) => {
      execFile(
        'bash',
        [GALERA_SCRIPT, ...args],
        {
          env: { ...process.env, GALERA_DIR: this.dir, GALERA_BASE_PORT: String(this.basePort), GALERA_GCOMM_PORT: String(this.gcommPort), GALERA_TIMEOUT: '90' },
          timeout: 150_000,
        },
        (error, stdout, stderr) => (error ? fail(new Error(`galera.sh ${args.join(' ')} failed: ${error.message}\n${stdout}\n${stderr}`)) : done(stderr ? `${stdout}${stderr}` : stdout)),
      );
    });
  }

  async stop(): Promise<void> {
    try {
      await this.run('stop');
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}
