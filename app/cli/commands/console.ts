import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { type CommandModule, EXIT_FAILED, EXIT_OK, UsageError } from '../command';
import { serveConsole } from '../../main/web/serve-console';
import { createSyncExtension } from '../../main/sync/sync-extension';
import { createCentreExtension } from '../../main/centre/centre-extension';
import { STORE_FILE } from '../../main/backend';
import { createSecretBox, SecretBoxError } from '../../main/secrets/secret-box';
import { resolveHouseLink } from '../../main/settings/house-link';
import { cliPassphrase } from '../passphrase-prompt';
import { forgetHouse, newPassword, setHouse } from '../console-secrets';
import { dailyBackupIfSealable } from '../../main/backup/daily-backup';
import { passphraseFromEnv } from '../../main/secrets/passphrase-source';
import { syncOptionsForLink } from '../../main/sync/sync-link-options';
import { syncTuningFromEnv } from '../../main/sync/sync-tuning';
import { backupConsole, consoleBackupHelp, consoleBackupUsage, restoreConsole } from '../console-backup';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const defaultDataDir = join(projectRoot, '.hankou/console');

const usage = `usage: hankou console serve [--port P] [--data DIR] [--demo] [--dist DIR] [--house URL (--house-token-file F | --house-token T)]
       hankou console serve --centre URL [--port P] [--data DIR] [--dist DIR]
       hankou console set-house [--data DIR] --url URL --token-file F [--client-cert F --client-key F --ca F]
       hankou console forget-house [--data DIR]
       hankou console new-password [--data DIR] (--user NAME ... | --demo-operators)
${consoleBackupUsage}

serve: serves the operator console to a browser on http://127.0.0.1 only, with a per-launch key
  in the URL it prints. Runs until interrupted (Ctrl+C).
  --port P     TCP port (default: a free one)
  --data DIR   console data folder (default: $HANKOU_DATA_DIR or .hankou/console)
  --demo       create the demo bank, operators and history on first start (HANKOU_DEMO_PAYMENTS
               sets how many payments); the operators' passwords are printed once, kept nowhere
  --dist DIR   the built renderer (default: dist/renderer)
  --house URL  the clearing house for this run only, not stored (URL1,URL2,...: the active house and
               its standbys; the console follows whichever serves, docs/failover.md) (default: $HANKOU_HOUSE_URL;
               without it, the link stored by set-house; without that, the console works locally)
  --house-token-file F  this bank's token at the house, from a file (default: $HANKOU_HOUSE_TOKEN)
  --house-token T       the same on the command line (visible to other users in ps: tests only)
  --centre URL the clearing centre's console (docs/centre.md, "The console in centre mode"): its
               operators sign in at the house at URL with password and TOTP and see the centre's
               screens (dashboard, proposals, broadcasts, reports); no bank link, no bank screens
               (default: $HANKOU_CENTRE_URL). Use a data folder of its own.
set-house: seals the house URL and the token (read from F, or - for standard input) into the
  store with a passphrase: $HANKOU_PASSPHRASE, else asked twice in the terminal. serve opens it
  with the same passphrase. Never stored in clear (docs/secrets.md). With --client-cert/--client-key/
  --ca (from hankou house ca issue --participant; the key's passphrase in $HANKOU_CERT_PASSPHRASE)
  the bank's client certificate and key are sealed with it and sent to an https house (docs/tls.md).
forget-house: removes the stored house link.
new-password: issues fresh one-time passwords (printed once) to the named operators, or to all
  demo operators: the way back when a first-start password was lost.
${consoleBackupHelp}`;

export type ServeArgs = {
  port: number;
  dataDir: string;
  demo: boolean;
  distDir: string;
  /** Both or neither: a house link for this run (arguments or environment). */
  house: { url: string; token: string } | null;
  /** Centre mode: the house whose centre API the console's operators sign in to. */
  centreUrl: string | null;
};

export function parseServeArgs(args: readonly string[], env: NodeJS.ProcessEnv = process.env): ServeArgs {
  const parsed: ServeArgs = {
    port: 0,
    dataDir: env.HANKOU_DATA_DIR ?? defaultDataDir,
    demo: false,
    distDir: join(projectRoot, 'dist/renderer'),
    house: null,
    centreUrl: env.HANKOU_CENTRE_URL || null,
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
    else if (arg === '--centre') parsed.centreUrl = value();
    else if (arg === '--house-token') houseToken = value();
    else if (arg === '--house-token-file') {
      const file = value();
      if (!existsSync(file)) throw new UsageError(`--house-token-file ${file} does not exist`);
      houseToken = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } else throw new UsageError(`unknown option "${arg}"`);
  }
  if ((houseUrl === undefined) !== (houseToken === undefined)) {
    throw new UsageError('--house and --house-token(-file) go together (or HANKOU_HOUSE_URL with HANKOU_HOUSE_TOKEN)');
  }
  if (parsed.centreUrl !== null) {
    if (!/^https?:\/\/[^\s/]+/.test(parsed.centreUrl)) throw new UsageError(`--centre must be an http(s) URL, not "${parsed.centreUrl}"`);
    // A centre console is nobody's bank: it has no bank token to sync with.
    if (houseUrl !== undefined || houseToken !== undefined) throw new UsageError('--centre and --house are different consoles: give one (unset HANKOU_HOUSE_URL/HANKOU_HOUSE_TOKEN)');
    if (parsed.demo) throw new UsageError('--centre has no demo bank: leave out --demo');
    return parsed;
  }
  if (houseUrl !== undefined && houseToken !== undefined) {
    if (!/^https?:\/\/[^\s/]+/.test(houseUrl)) throw new UsageError(`--house must be an http(s) URL, not "${houseUrl}"`);
    parsed.house = { url: houseUrl, token: houseToken };
  }
  return parsed;
}

function untilInterrupted(): Promise<void> {
  return new Promise<void>((resolveStop) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolveStop();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export const command: CommandModule = {
  summary: 'serve the operator console to a browser on 127.0.0.1; keep its house link sealed',
  usage,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === 'set-house') return setHouse(rest, io, process.env, defaultDataDir);
    if (sub === 'forget-house') return forgetHouse(rest, io, process.env, defaultDataDir);
    if (sub === 'new-password') return newPassword(rest, io, process.env, defaultDataDir);
    if (sub === 'backup') return backupConsole(rest, io, process.env, defaultDataDir);
    if (sub === 'restore') return restoreConsole(rest, io, process.env, defaultDataDir);
    if (sub !== 'serve') throw new UsageError(sub === undefined ? 'missing subcommand' : `unknown subcommand "${sub}"`);
    const { house, centreUrl, ...options } = parseServeArgs(rest);
    if (centreUrl !== null) {
      const served = await serveConsole({ ...options, extensions: [createCentreExtension({ houseUrl: centreUrl })], log: (line) => io.out(line) });
      io.out(`clearing centre mode: operators sign in at ${centreUrl}`);
      io.out(`Hankou console: ${served.url}`);
      await untilInterrupted();
      await served.close();
      return EXIT_OK;
    }
    const box = createSecretBox({ passphrase: cliPassphrase({ confirm: false }) });
    let link;
    try {
      link = await resolveHouseLink({
        explicit: house ?? undefined,
        explicitSource: 'arguments',
        dataDir: options.dataDir,
        storeFile: STORE_FILE,
        box,
      });
    } catch (error) {
      if (!(error instanceof SecretBoxError)) throw error;
      io.err(`hankou console serve: the stored house link cannot be opened: ${error.message}`);
      return EXIT_FAILED;
    }
    const extensions = [
      ...(link === undefined ? [] : [createSyncExtension({ ...syncOptionsForLink(link.link, (line) => io.out(line)), ...syncTuningFromEnv(process.env) })]),
      // Sealing must not prompt mid-run: only with a passphrase already given (environment or the stored link's).
      ...dailyBackupIfSealable(options.dataDir, box, (line) => io.out(line), passphraseFromEnv(process.env) !== undefined || link?.source === 'stored'),
    ];
    const served = await serveConsole({ ...options, extensions, log: (line) => io.out(line) });
    if (link !== undefined) io.out(`syncing with the clearing house at ${link.link.url} (${link.source === 'stored' ? 'stored link, sealed' : 'given for this run, not stored'})`);
    io.out(`Hankou console: ${served.url}`);
    await untilInterrupted();
    await served.close();
    return EXIT_OK;
  },
};
