import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  // Relative asset URLs: the API serves this one build under every `/t/{tenant}/login/` (and under
  // `/login/` on a tenant's own domain), so no absolute base can be right for all of them.
  base: './',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
});
