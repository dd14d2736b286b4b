import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// Built into the backend's static resources (served at /console/), so the jar carries the console.
const outDir = process.env.CONSOLE_OUT_DIR || fileURLToPath(new URL('../../../target/classes/static/console', import.meta.url));

export default defineConfig({
  base: '/console/',
  plugins: [vue()],
  build: {
    outDir,
    emptyOutDir: true,
    // the CSP allows no inline code: keep every asset a file
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
    // the budget that matters is the initial JavaScript gzipped (docs/benchmarks.md), not one chunk raw
    chunkSizeWarningLimit: 1000,
    // no manualChunks: the map and chart libraries are reached only through lazy screens, so Rollup
    // already leaves them out of the first load (a manual chunk would pull Rollup's helpers, and itself, in)
  },
  server: {
    proxy: { '/api': 'http://localhost:8080', '/actuator': 'http://localhost:8080' },
  },
  test: {
    environment: 'jsdom',
    include: ['test/**/*.test.js'],
  },
});
