import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { ImportFile } from './reader';

/** Every *.json file under `root`, named by its path relative to `root` (with `/`), in a stable order. */
export async function readCatalogFolder(root: string): Promise<ImportFile[]> {
  const info = await stat(root);
  if (!info.isDirectory()) throw new Error(`${root} is not a folder`);
  const files: ImportFile[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && entry.name.toLowerCase().endsWith('.json')) {
        files.push({ name: relative(root, path).split(sep).join('/'), text: await readFile(path, 'utf8') });
      }
    }
  };
  await walk(root);
  return files;
}
