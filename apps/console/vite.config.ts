import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Where `pnpm dev` forwards API calls; the console itself is served by the API in production. */
const apiOrigin = 'http://localhost:3000';

export default defineConfig({
  // The API serves this build at /console/ (ARCHITECTURE.md, public contract).
  base: '/console/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: {
    proxy: {
      '/healthz': apiOrigin,
      '/readyz': apiOrigin,
      '/api': apiOrigin,
    },
  },
});
