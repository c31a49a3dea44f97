import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [vue()],
  // Absolute asset URLs: history-mode routes such as /jobs/5 must find /assets/... on a reload.
  // web-backend serves the app at /.
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No source maps in the shipped jar; `npm run dev` has them.
    sourcemap: false,
  },
  server: {
    // `npm run dev` next to a web-backend on localhost:8080 (e.g. its TestWebApplication).
    proxy: {
      '/api': 'http://localhost:8080',
      '/v3': 'http://localhost:8080',
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
  },
});
