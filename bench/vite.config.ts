import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The bench page is its own Vite entry (bench/index.html), built into bench/out (git-ignored), so the
// app's build never carries TF.js.
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  // The app's public/ (data/fashion-mnist-subset.bin for the conv row), served beside the page.
  publicDir: fileURLToPath(new URL('../public', import.meta.url)),
  logLevel: 'warn',
  worker: { format: 'es' },
  // Not minified: kernel profiles name TF.js's pipelines by their program class names.
  build: { outDir: 'out', emptyOutDir: true, target: 'es2022', minify: false, chunkSizeWarningLimit: 8000 },
  preview: { host: '127.0.0.1', port: 4190, strictPort: false },
});
