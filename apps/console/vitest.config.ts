import { defineConfig } from 'vitest/config';

// Unit tests cover pure functions only, so Node is enough (no DOM emulation to install).
export default defineConfig({
  test: { environment: 'node', include: ['src/**/*.spec.ts'] },
});
