import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Relative asset URLs: the app works wherever it is served (/ in web-backend, or behind a prefix).
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No source maps in the shipped jar; `npm run dev` has them.
    sourcemap: false,
  },
  server: {
    // `npm run dev` next to a web-backend on localhost:8080 (e.g. its TestWebApplication).
    proxy: { '/api': 'http://localhost:8080' },
  },
  test: {
    include: ['src/**/*.test.ts'],
  },
});
