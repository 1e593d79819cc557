import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The .NET backend listens here in development (dotnet run). The SPA is served by Vite and
// proxies API calls so that cookies, antiforgery and fetch stay same-origin.
const backend = 'http://localhost:5080';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/health': { target: backend, changeOrigin: false },
      '/openapi': { target: backend, changeOrigin: false },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    restoreMocks: true,
    unstubGlobals: true,
    // The accessibility tests read styles.css (?raw) for the contrast of control borders and the focus ring.
    css: { include: [/styles\.css/] },
  },
});
