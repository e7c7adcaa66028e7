export interface ImsArgs {
  command: 'import';
  from: string;
  dryRun: boolean;
}

/** `import --from <url> [--dry-run]` (also `--from=<url>`), or what is wrong with the arguments. */
export function parseImsArgs(argv: readonly string[]): ImsArgs | { error: string } {
  const args = argv.filter((a) => a !== '--');
  const [command, ...rest] = args;
  if (command !== 'import') return { error: command ? `unknown command "${command}"` : 'no command' };
  let from: string | null = null;
  let dryRun = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    if (arg === '--dry-run') dryRun = true;
    else if (arg === '--from') from = rest[++i] ?? null;
    else if (arg.startsWith('--from=')) from = arg.slice('--from='.length);
    else return { error: `unknown option "${arg}"` };
  }
  if (!from) return { error: '--from is required' };
  if (!/^(mysql|mariadb):\/\//.test(from)) return { error: '--from must be a mysql:// or mariadb:// URL' };
  return { command, from, dryRun };
}
