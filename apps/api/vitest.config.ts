import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// SWC compiles the tests because NestJS needs decorator metadata, which esbuild/oxc do not emit.
export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  test: {
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: test files share them with the API processes they boot.
    maxWorkers: 2,
    globalSetup: ['test/support/global-setup.ts'],
  },
});
