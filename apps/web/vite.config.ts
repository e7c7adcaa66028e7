import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { appShellScrollClass } from './scripts/app-shell-scroll-class.ts';

// The contracts package's `main` is a CommonJS build for the API; the SPA compiles its TypeScript source
// directly so that no build step is needed before `vite` and enums stay tree-shakeable.
const contractsSource = fileURLToPath(new URL('../../libs/contracts/src/index.ts', import.meta.url));

export default defineConfig({
  plugins: [react(), appShellScrollClass()],
  resolve: {
    alias: { '@bdc/contracts': contractsSource },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
    // scripts/check-bundle-budget.mjs follows the static imports of the entry and of the first route from it.
    manifest: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              // Mantine's core and the small components and hooks that the sign-in page, the shell and My work all
              // render: one chunk instead of about twenty, whose extra files and cross-imports cost 6 kB gzip of
              // the first load. Only what those first pages use: anything more here would be downloaded by them.
              name: 'mantine-base',
              test: /@mantine[\\/]core[\\/]esm[\\/](core|components[\\/](Box|Text|Group|Stack|ActionIcon|Loader|CloseButton|Alert|Paper|Center|Anchor|Transition|UnstyledButton|Title|Badge|SimpleGrid))[\\/]|@mantine[\\/]hooks[\\/]esm[\\/](use-reduced-motion|use-merged-ref|use-id|use-isomorphic-effect|use-uncontrolled|use-disclosure|use-window-event|utils)[\\/]/,
            },
          ],
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.spec.{ts,tsx}', 'scripts/**/*.spec.ts'],
    css: false,
    restoreMocks: true,
    // Mantine + user-event interactions are slow on a loaded 2-core machine; 5 s flaked there.
    testTimeout: 20_000,
  },
});
