#!/usr/bin/env node
// Bundles the Electron main process and the preload with esbuild:
//   app/main/electron/main.ts    -> dist/electron/main.cjs
//   app/main/electron/preload.ts -> dist/electron/preload.cjs  (sandboxed: one self-contained file)
// Native and heavy modules stay outside the bundle and are loaded from node_modules at run time.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const external = ['electron', 'better-sqlite3', '@node-rs/argon2', '@electric-sql/pglite', 'pg', 'pino'];

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  external,
  absWorkingDir: root,
};

// The back end is ESM and may use import.meta.url; in a CJS bundle it becomes the bundle's own URL.
const importMetaUrlShim = join(root, 'build/import-meta-url-shim.js');

await build({
  ...common,
  entryPoints: [join(root, 'app/main/electron/main.ts')],
  outfile: join(root, 'dist/electron/main.cjs'),
  define: { 'import.meta.url': '__hankouImportMetaUrl' },
  inject: [importMetaUrlShim],
});

await build({
  ...common,
  entryPoints: [join(root, 'app/main/electron/preload.ts')],
  outfile: join(root, 'dist/electron/preload.cjs'),
  // A sandboxed preload may require only 'electron' (and a few polyfilled modules): no other externals.
  external: ['electron'],
});

process.stderr.write('built dist/electron/main.cjs and dist/electron/preload.cjs\n');
