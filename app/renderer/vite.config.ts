import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// No node:path here: app/renderer is browser code by lint rule, config file included.
// Vite sets import.meta.dirname to this file's folder when it loads the config.
const rendererDir = import.meta.dirname;
const projectRoot = `${rendererDir}/../..`;

/**
 * The renderer is served from a file-like origin (Electron's app:// protocol or the web host),
 * so every asset URL is relative (base './'). The CSP forbids inline scripts, and Vite emits
 * none in a production build: one module script and one stylesheet.
 */
export default defineConfig({
  root: rendererDir,
  base: './',
  plugins: [react()],
  build: {
    outDir: `${projectRoot}/dist/renderer`,
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    // The grid alone is ~1 MB minified; one chunk for it keeps the app chunk small to reload.
    chunkSizeWarningLimit: 2000,
    modulePreload: { polyfill: false },
    // Never inline an asset as a data: URL: the CSP's font-src is 'self' only
    // (the bundled Noto Sans SC has many small unicode-range pieces Vite would otherwise inline).
    assetsInlineLimit: 0,
  },
  server: { fs: { allow: [projectRoot] } },
});
