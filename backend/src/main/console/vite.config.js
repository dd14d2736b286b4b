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
    rollupOptions: {
      output: {
        // the map and chart libraries load with the screens that need them, not at login
        manualChunks(id) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'echarts';
          if (id.includes('node_modules/leaflet')) return 'leaflet';
          return undefined;
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:8080', '/actuator': 'http://localhost:8080' },
  },
  test: {
    environment: 'jsdom',
    include: ['test/**/*.test.js'],
  },
});
