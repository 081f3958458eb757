import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const api = process.env.SPELL_API_URL ?? 'http://localhost:8080';

/**
 * The web app and the admin console, one bundle. The build goes to web/dist, which the server
 * serves; `npm run dev:web` runs Vite's dev server and forwards API calls to a running server.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      // react-router marks its modules "use client" for server components; a plain SPA ignores that.
      onwarn: (warning, warn) => (warning.code === 'MODULE_LEVEL_DIRECTIVE' ? undefined : warn(warning)),
    },
  },
  server: {
    proxy: Object.fromEntries(['/v1', '/auth', '/webhooks', '/openapi.json', '/docs'].map((path) => [path, api])),
  },
});
