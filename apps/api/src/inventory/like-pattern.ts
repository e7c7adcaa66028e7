/**
 * `%text%` for `LIKE … ESCAPE '!'`, so user input cannot inject wildcards. `!` rather than `\`:
 * MySQL reads a backslash inside a string literal as an escape, SQLite does not, so `'\'` cannot be
 * written the same way for both.
 */
export const LIKE_ESCAPE = `ESCAPE '!'`;

export function likePattern(text: string): string {
  return `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}
