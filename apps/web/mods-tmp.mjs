import { build } from 'vite';
const pat = process.argv[2];
await build({ logLevel: 'silent', build: { write: false }, plugins: [{ name: 'mods', generateBundle(_o, bundle) {
  for (const c of Object.values(bundle)) {
    if (c.type !== 'chunk' || !c.fileName.includes(pat)) continue;
    console.log(c.fileName, c.isEntry, c.isDynamicEntry);
    for (const id of Object.keys(c.modules)) console.log('  ', id.replace(/.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, '').replace(/.*apps\/web\//, ''), c.modules[id].renderedLength);
  }
}}]});
