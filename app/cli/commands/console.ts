import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { type CommandModule, EXIT_OK, UsageError } from '../command';
import { serveConsole } from '../../main/web/serve-console';
import { createSyncExtension } from '../../main/sync/sync-extension';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

const usage = `usage: hankou console serve [--port P] [--data DIR] [--demo] [--dist DIR] [--house URL --house-token T]
  Serves the operator console to a browser on http://127.0.0.1 only, with a per-launch key
  in the URL it prints. Runs until interrupted (Ctrl+C).
  --port P     TCP port (default: a free one)
  --data DIR   console data folder (default: $HANKOU_DATA_DIR or .hankou/console)
  --demo       create the demo bank, operators and history on first start
               (HANKOU_DEMO_PAYMENTS sets how many payments; passwords go to DIR/demo-operators.txt)
  --dist DIR   the built renderer (default: dist/renderer)
  --house URL  the clearing house to sync with (default: $HANKOU_HOUSE_URL; none: works locally)
  --house-token T  this bank's token at the house (default: $HANKOU_HOUSE_TOKEN)`;

export type ServeArgs = {
  port: number;
  dataDir: string;
  demo: boolean;
  distDir: string;
  /** Both or neither: the house link. */
  house: { url: string; token: string } | null;
};

export function parseServeArgs(args: readonly string[], env: NodeJS.ProcessEnv = process.env): ServeArgs {
  const parsed: ServeArgs = {
    port: 0,
    dataDir: env.HANKOU_DATA_DIR ?? join(projectRoot, '.hankou/console'),
    demo: false,
    distDir: join(projectRoot, 'dist/renderer'),
    house: null,
  };
  let houseUrl = env.HANKOU_HOUSE_URL || undefined;
  let houseToken = env.HANKOU_HOUSE_TOKEN || undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === '--port') {
      const text = value();
      const port = Number(text);
      if (!/^\d+$/.test(text) || port > 65535) throw new UsageError(`--port must be 0..65535, not "${text}"`);
      parsed.port = port;
    } else if (arg === '--data') parsed.dataDir = resolve(value());
    else if (arg === '--dist') parsed.distDir = resolve(value());
    else if (arg === '--demo') parsed.demo = true;
    else if (arg === '--house') houseUrl = value();
    else if (arg === '--house-token') houseToken = value();
    else throw new UsageError(`unknown option "${arg}"`);
  }
  if ((houseUrl === undefined) !== (houseToken === undefined)) {
    throw new UsageError('--house and --house-token go together (or HANKOU_HOUSE_URL with HANKOU_HOUSE_TOKEN)');
  }
  if (houseUrl !== undefined && houseToken !== undefined) {
    if (!/^https?:\/\/[^\s/]+/.test(houseUrl)) throw new UsageError(`--house must be an http(s) URL, not "${houseUrl}"`);
    parsed.house = { url: houseUrl, token: houseToken };
  }
  return parsed;
}

export const command: CommandModule = {
  summary: 'serve the operator console to a browser on 127.0.0.1',
  usage,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub !== 'serve') throw new UsageError(sub === undefined ? 'missing subcommand' : `unknown subcommand "${sub}"`);
    const { house, ...options } = parseServeArgs(rest);
    const extensions = house === null ? [] : [createSyncExtension({ houseUrl: house.url, token: house.token })];
    const served = await serveConsole({ ...options, extensions, log: (line) => io.out(line) });
    if (house !== null) io.out(`syncing with the clearing house at ${house.url}`);
    io.out(`Hankou console: ${served.url}`);
    await new Promise<void>((resolveStop) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolveStop();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await served.close();
    return EXIT_OK;
  },
};
