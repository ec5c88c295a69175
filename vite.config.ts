import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = process.env.PIVOT_API_URL ?? 'http://localhost:3000';

// The web app lives in src/web and is built into dist/web, which the server serves (SPA fallback).
export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: {
    outDir: `${repoRoot}dist/web`,
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/fhir': { target: apiTarget, changeOrigin: false },
    },
  },
});
