import { resolve } from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// Vite defines __dirname when it loads this config.
const fromRoot = (path: string) => resolve(__dirname, '../..', path);

// The same SWC transform as `nest build -b swc`, so decorators and metadata behave alike in tests.
export default defineConfig({
  plugins: [
    swc.vite({
      // .swcrc says commonjs for the build; vitest needs ES modules.
      module: { type: 'es6' },
      jsc: {
        target: 'es2022',
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        keepClassNames: true,
      },
    }),
  ],
  // Tests run the workspace libraries from source, so they need no prior build.
  resolve: {
    alias: {
      '@bdc/contracts': fromRoot('libs/contracts/src/index.ts'),
      '@bdc/migrations': fromRoot('migrations/src/index.ts'),
    },
  },
  test: {
    include: ['src/**/*.spec.ts', 'src/**/*.int-spec.ts', 'test/**/*.int-spec.ts', 'test/**/*.e2e-spec.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
