import { archiveWindowFor } from '../archive/archive-extension';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createConsoleBackend, type BackendExtension } from '../backend';
import { startWebHost } from './web-host';

export interface ServeConsoleOptions {
  dataDir: string;
  /** The built renderer; index.html must exist (npm run build:renderer). */
  distDir: string;
  port?: number;
  /** Create the demo bank and history on first start. */
  demo?: boolean;
  log?: (line: string) => void;
  /** Back-end extensions, e.g. the house link (createSyncExtension). */
  extensions?: BackendExtension[];
}

export interface ServedConsole {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The console in a browser: the back end plus the web host on 127.0.0.1. */
export async function serveConsole(options: ServeConsoleOptions): Promise<ServedConsole> {
  if (!existsSync(join(options.distDir, 'index.html'))) {
    throw new Error(`the renderer is not built (${options.distDir}/index.html is missing): run npm run build:renderer`);
  }
  const log = options.log ?? (() => {});
  const demoPayments = Number(process.env.HANKOU_DEMO_PAYMENTS ?? '');
  const backend = await createConsoleBackend({
    dataDir: options.dataDir,
    demo: options.demo === true ? (Number.isInteger(demoPayments) && demoPayments > 0 ? { payments: demoPayments } : true) : false,
    log,
    archiveWindowDays: archiveWindowFor(options.demo === true, process.env),
    extensions: options.extensions ?? [],
  });
  try {
    const host = await startWebHost({ backend, distDir: options.distDir, port: options.port ?? 0, log });
    return {
      url: host.url,
      port: host.port,
      async close() {
        await host.close();
        await backend.close();
      },
    };
  } catch (error) {
    await backend.close();
    throw error;
  }
}
