import { execFileSync } from 'node:child_process';

/**
 * Whether Redis answers PING, asked synchronously (a child process with a 1.5 s budget): suites are
 * registered synchronously, and the tests' tsconfig allows no top-level await.
 */
export function redisAnswers(url: string): boolean {
  const probe = `
    const u = new URL(process.argv[1]);
    const s = require('node:net').connect(Number(u.port || 6379), u.hostname);
    s.setTimeout(1000, () => process.exit(1));
    s.on('error', () => process.exit(1));
    s.on('connect', () => s.write('PING\\r\\n'));
    s.on('data', (d) => process.exit(String(d).includes('PONG') ? 0 : 1));`;
  try {
    execFileSync(process.execPath, ['-e', probe, url], { timeout: 1500, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
