import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web app the gateway serves at /app (src/platform/http/app-static.ts): built to app/dist,
// every asset bundled (no CDN), so it works with no network.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/app/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1_000 },
  logLevel: 'warn',
});
