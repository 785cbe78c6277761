import { defineConfig } from 'vite';

/**
 * The web console (src/ui), built into dist/ui: `prestabridge serve` serves index.html at `/` and
 * the hashed files under `/assets/`. Hash routing (`/#/stores/demo`) keeps console paths apart from
 * API paths. Nothing is fetched from a CDN: everything the console needs is in dist/ui.
 *
 * `npm run dev:ui` serves it with hot reload and forwards API calls to a `prestabridge serve` on
 * 127.0.0.1:8080 (PRESTABRIDGE_API to change it).
 */
const API_PATHS = [
  '/auth',
  '/events',
  '/dashboard',
  '/stores',
  '/feeds',
  '/runs',
  '/users',
  '/settings',
  '/master-data',
  '/orders',
  '/products',
  '/stock',
  '/request-log',
  '/openapi.json',
  '/health',
];

export default defineConfig({
  root: 'src/ui',
  base: '/',
  // JSX through Vite's own transform (Oxc), with React's automatic runtime: no React plugin needed.
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: '../../dist/ui',
    emptyOutDir: true,
    assetsDir: 'assets',
    // React Query and React Router mark modules "use client" (for React Server Components): meaningless here.
    rolldownOptions: { checks: { moduleLevelDirective: false } },
  },
  server: {
    proxy: Object.fromEntries(
      API_PATHS.map((path) => [path, { target: process.env.PRESTABRIDGE_API ?? 'http://127.0.0.1:8080' }]),
    ),
  },
});
