import { build } from 'vite';
const pat = process.argv[2];
await build({ logLevel: 'silent', build: { write: false }, plugins: [{ name: 'who', generateBundle(_o, bundle) {
  const chunkOf = new Map();
  for (const c of Object.values(bundle)) if (c.type === 'chunk') for (const id of Object.keys(c.modules)) chunkOf.set(id, c.fileName);
  const short = (s) => s.replace(/.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, '').replace(/.*apps\/web\//, '');
  for (const id of this.getModuleIds()) {
    const info = this.getModuleInfo(id);
    const hits = info.importedIds.filter(i => i.includes(pat));
    if (hits.length) console.log(short(id), '[' + chunkOf.get(id) + ']', '->', hits.map(short).join(', '));
  }
}}]});
