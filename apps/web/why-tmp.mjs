import { build } from 'vite';
const pats = process.argv.slice(2);
await build({ logLevel: 'silent', build: { write: false }, plugins: [{ name: 'why', generateBundle(_o, bundle) {
  const entry = Object.values(bundle).find(c => c.type === 'chunk' && c.isEntry);
  for (const id of this.getModuleIds()) {
    if (!pats.some(p => id.includes(p))) continue;
    const info = this.getModuleInfo(id);
    const short = (s) => s.replace(/.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, '').replace(/.*apps\/web\//, '');
    console.log(short(id), 'in entry:', id in entry.modules, '\n   <-', info.importers.map(short).join('\n   <- '));
  }
}}]});
