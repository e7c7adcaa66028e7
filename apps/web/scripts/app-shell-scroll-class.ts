import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

const VIRTUAL_ID = '\0bdc-app-shell-remove-scroll';
const APP_SHELL_SECTION = /[\\/]AppShell(Header|Footer|Aside)\.mjs$/;

/**
 * Mantine's AppShell header, footer and aside import react-remove-scroll for one thing: the class name that
 * keeps them in place while a modal hides the page's scroll bar (`RemoveScroll.classNames.zeroRight`). That
 * import brings the whole library, 4 kB gzip, into every signed-in first load, although the shell never
 * locks scrolling itself (modals load with the pages that open them, with the real library). These three
 * files get a module with the same class names, taken from react-remove-scroll-bar's own constants.
 * If a Mantine upgrade uses RemoveScroll for anything else there, the file keeps the real import.
 */
export function appShellScrollClass(): Plugin {
  let constantsId: string | undefined;
  return {
    name: 'bdc-app-shell-scroll-class',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (source !== 'react-remove-scroll' || !importer || !APP_SHELL_SECTION.test(importer)) return null;
      const uses = readFileSync(importer, 'utf8').match(/RemoveScroll\b(\.\w+)*/g) ?? [];
      const onlyClassNames = uses.every((use) => use === 'RemoveScroll' || use.startsWith('RemoveScroll.classNames.'));
      if (!onlyClassNames) {
        this.warn(`${importer} uses RemoveScroll beyond its class names: keeping the real react-remove-scroll`);
        return null;
      }
      if (!constantsId) {
        // react-remove-scroll-bar is react-remove-scroll's dependency, not ours: resolve it from there.
        const library = await this.resolve(source, importer, { skipSelf: true });
        const constants = library && (await this.resolve('react-remove-scroll-bar/constants', library.id, { skipSelf: true }));
        if (!constants) return null;
        constantsId = constants.id;
      }
      return VIRTUAL_ID;
    },
    load(id) {
      if (id !== VIRTUAL_ID || !constantsId) return null;
      return [
        `import { fullWidthClassName, zeroRightClassName } from ${JSON.stringify(constantsId)};`,
        'export const RemoveScroll = { classNames: { fullWidth: fullWidthClassName, zeroRight: zeroRightClassName } };',
      ].join('\n');
    },
  };
}
