import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { wgslStripPlugin } from './scripts/wgslStrip.ts';

// Offline support (issue 5 §6): a service worker generated at build time by vite-plugin-pwa (Workbox).
// It precaches the app shell and every built asset, so after the first visit the page reloads and trains
// with no network. The Fashion-MNIST file (11 MB) is not precached: it is cached the first time a run
// fetches it. All paths are relative to the page, so dist/ works from any sub-path of any static host.
// The web app manifest makes the page installable; once installed it opens offline like the page does.
const offline = VitePWA({
  // Registered by the app (components/share/registerOffline.ts), which handles a failed registration.
  injectRegister: false,
  registerType: 'autoUpdate',
  // Installable as an app (Chromium's install criteria: name, start_url, display, 192 and 512 px icons, and
  // this service worker). Icons are made by scripts/make-icons.ts.
  manifest: {
    name: 'InitScope — why initialization matters',
    short_name: 'InitScope',
    description: 'See why weight initialization decides whether a deep network trains.',
    start_url: './',
    scope: './',
    display: 'standalone',
    background_color: '#f4f6f9',
    theme_color: '#1f5fd1',
    icons: [
      { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
    ],
  },
  workbox: {
    globPatterns: ['**/*.{js,css,html,svg,png,woff2,webmanifest}'],
    globIgnores: ['data/**'],
    navigateFallback: 'index.html', // any link (?preset=…) opened offline gets the app shell
    cleanupOutdatedCaches: true,
    clientsClaim: true,
    skipWaiting: true,
    runtimeCaching: [
      {
        urlPattern: ({ url }) => /\/data\/[^/]+\.bin$/.test(url.pathname),
        handler: 'CacheFirst',
        options: { cacheName: 'initscope-data', expiration: { maxEntries: 4 } },
      },
    ],
  },
});

// base './' so that dist/ works from any sub-path of any static host.
export default defineConfig({
  base: './',
  // WGSL imported without its comments, in the page and in the workers (scripts/wgslStrip.ts).
  plugins: [wgslStripPlugin(), react(), offline],
  worker: { format: 'es', plugins: () => [wgslStripPlugin()] },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
    // parity.html: the GPU ↔ CPU parity check for e2e/gpu-parity.spec.ts (not linked from the app).
    rollupOptions: { input: { main: 'index.html', parity: 'parity.html' } },
  },
});
