import { join } from 'node:path';
import type { CommandModule } from '../command';
import type { HouseTlsOptions } from '../../house/tls/client-cert-guard';
import { UsageError } from '../command';
import { calendarUsage, runHouseCalendar } from './house-calendar';
import { backupUsage, runHouseBackup, runHouseRestore } from './house-backup';
import { caUsage, runHouseCa } from './house-ca';
import { archiveUsage, runHouseArchive } from './house-archive';

const usage = `usage: hankou house serve --port P [--data DIR | --database-url URL] [--seed FILE] [--simulate]
                          [--calendar FILE]
                          [--admin-token T] [--cycle-interval-ms MS] [--offset-interval-ms MS]
                          [--simulate-rate N] [--business-date YYYY-MM-DD] [--log-level LEVEL]
                          [--tls DIR --ca CA [--host H]]
                          [--standby [--holder NAME] [--lease-ttl-ms MS]] [--test-clock]
                          [--archive-dir DIR [--retention-days N]]

Runs the central clearing house on 127.0.0.1:P. The ledger is an embedded PostgreSQL (PGlite)
in DIR (default ./house-data), or a PostgreSQL server with --database-url.
  --seed FILE       participants to load on first start: {"participants":[{"id","name","bankCode",
                    "balance","netDebitCap","token"}]}
  --calendar FILE   a year of the working-day calendar (holidays, 调休 working weekends) to load;
                    see docs/calendar.md. app/house/calendar-example-2026.json is an EXAMPLE only
  --simulate        demo traffic among the seeded participants except the first (left to a console)
  --admin-token T   the operator's token for /v1/admin (default: a random one, printed to stderr)
  --tls DIR         HTTPS with DIR's cert.pem and key.pem (from house ca issue --server; the key's
                    passphrase in $HANKOU_CERT_PASSPHRASE), requiring client certificates of the
                    CA in --ca CA and refusing those in CA/revoked.json (docs/tls.md). Without
                    it: plain HTTP, 127.0.0.1 only, for development
  --host H          the address to listen on (default 127.0.0.1; another one needs --tls)
  --standby         failover mode (docs/failover.md): run as one of several houses on one ledger;
                    wait for the database lease, then rebuild from the journal and serve; stop
                    (exit 3) the moment the lease is lost. --database-url may be given once per
                    PostgreSQL server (primary and standbys); the writable one is used
  --archive-dir DIR the house archives by itself (docs/archive.md): at start and after each end of
                    day, every closed day N or more calendar days old (--retention-days, default
                    90) goes to DIR/YYYY-MM-DD and leaves the ledger. Off without it
  --test-clock      TESTS ONLY: POST /v1/test/clock {"time":"HH:MM"} (admin token) moves the
                    business clock forward (docs/house.md "Test clock"); without it the route
                    does not exist. Never on a production house

${calendarUsage}

${backupUsage}

${caUsage}

${archiveUsage}`;

interface ServeArgs {
  port: number;
  dataDir?: string;
  databaseUrl?: string;
  seedFile?: string;
  calendarFile?: string;
  simulate: boolean;
  simulateRate?: number;
  adminToken?: string;
  cycleIntervalMs?: number;
  offsetIntervalMs?: number;
  businessDate?: string;
  logLevel: string;
  tlsDir?: string;
  caDir?: string;
  host?: string;
  databaseUrls: string[];
  standby: boolean;
  holder?: string;
  leaseTtlMs?: number;
  testClock: boolean;
  archiveDir?: string;
  retentionDays?: number;
}

function parseServeArgs(args: string[]): ServeArgs {
  const out: ServeArgs = { port: 0, simulate: false, logLevel: 'info', databaseUrls: [], standby: false, testClock: false };
  let portSeen = false;
  const value = (i: number, flag: string): string => {
    const v = args[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  const integer = (text: string, flag: string, min: number, max: number): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${flag} must be an integer from ${min} to ${max}`);
    return n;
  };
  for (let i = 0; i < args.length; i += 1) {
    const flag = args[i];
    switch (flag) {
      case '--port':
        out.port = integer(value(i, flag), flag, 0, 65535);
        portSeen = true;
        i += 1;
        break;
      case '--data':
        out.dataDir = value(i, flag);
        i += 1;
        break;
      case '--database-url':
        out.databaseUrl = value(i, flag);
        out.databaseUrls.push(out.databaseUrl);
        i += 1;
        break;
      case '--standby':
        out.standby = true;
        break;
      case '--test-clock':
        out.testClock = true;
        break;
      case '--holder':
        out.holder = value(i, flag);
        i += 1;
        break;
      case '--lease-ttl-ms':
        out.leaseTtlMs = integer(value(i, flag), flag, 500, 600_000);
        i += 1;
        break;
      case '--seed':
        out.seedFile = value(i, flag);
        i += 1;
        break;
      case '--calendar':
        out.calendarFile = value(i, flag);
        i += 1;
        break;
      case '--simulate':
        out.simulate = true;
        break;
      case '--simulate-rate':
        out.simulateRate = integer(value(i, flag), flag, 0, 200);
        out.simulate = true;
        i += 1;
        break;
      case '--admin-token':
        out.adminToken = value(i, flag);
        if (out.adminToken.length < 16) throw new UsageError('--admin-token must be at least 16 characters');
        i += 1;
        break;
      case '--cycle-interval-ms':
        out.cycleIntervalMs = integer(value(i, flag), flag, 0, 86_400_000);
        i += 1;
        break;
      case '--offset-interval-ms':
        out.offsetIntervalMs = integer(value(i, flag), flag, 0, 86_400_000);
        i += 1;
        break;
      case '--business-date':
        out.businessDate = value(i, flag);
        if (!/^\d{4}-\d{2}-\d{2}$/.test(out.businessDate)) throw new UsageError('--business-date must be YYYY-MM-DD');
        i += 1;
        break;
      case '--log-level':
        out.logLevel = value(i, flag);
        if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(out.logLevel)) throw new UsageError('unknown --log-level');
        i += 1;
        break;
      case '--tls':
        out.tlsDir = value(i, flag);
        i += 1;
        break;
      case '--ca':
        out.caDir = value(i, flag);
        i += 1;
        break;
      case '--host':
        out.host = value(i, flag);
        i += 1;
        break;
      case '--archive-dir':
        out.archiveDir = value(i, flag);
        i += 1;
        break;
      case '--retention-days':
        out.retentionDays = integer(value(i, flag), flag, 1, 36_500);
        i += 1;
        break;
      default:
        throw new UsageError(`unknown option ${flag}`);
    }
  }
  if (!portSeen) throw new UsageError('--port is required');
  if (out.dataDir && out.databaseUrl) throw new UsageError('give --data or --database-url, not both');
  if ((out.tlsDir === undefined) !== (out.caDir === undefined)) throw new UsageError('--tls DIR and --ca CA go together');
  if (out.databaseUrls.length > 1 && !out.standby) throw new UsageError('several --database-url (primary and standbys) need --standby (failover mode)');
  if (out.standby && out.databaseUrls.length === 0) throw new UsageError('--standby needs --database-url (PostgreSQL)');
  if (out.retentionDays !== undefined && out.archiveDir === undefined) throw new UsageError('--retention-days goes with --archive-dir DIR (archiving is off without it)');
  return out;
}

function serveTls(tlsDir: string, caDir: string): HouseTlsOptions {
  const passphrase = process.env.HANKOU_CERT_PASSPHRASE;
  return {
    certFile: join(tlsDir, 'cert.pem'),
    keyFile: join(tlsDir, 'key.pem'),
    ...(passphrase ? { keyPassphrase: passphrase } : {}),
    clientCaFile: join(caDir, 'ca.cert.pem'),
    revocationFile: join(caDir, 'revoked.json'),
  };
}

export const command: CommandModule = {
  summary: 'run the central clearing house server (house serve --port P); load its calendar (house calendar put|get); backup/restore; its CA (house ca); history archive (house archive run|query|verify)',
  usage,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === 'calendar') return runHouseCalendar(rest, io);
    if (sub === 'backup') return runHouseBackup(rest, io);
    if (sub === 'ca') return runHouseCa(rest, io);
    if (sub === 'restore') return runHouseRestore(rest, io);
    if (sub === 'archive') return runHouseArchive(rest, io);
    if (sub !== 'serve') throw new UsageError(sub === undefined ? 'missing subcommand' : `unknown subcommand ${sub}`);
    const options = parseServeArgs(rest);
    const { startHouse } = await import('../../house/house');
    const { DEFAULT_RETENTION_DAYS } = await import('../../house/archive/house-archive');
    let house: Awaited<ReturnType<typeof startHouse>>;
    try {
      house = await startHouse({
      port: options.port,
      ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : { dataDir: options.dataDir ?? 'house-data' }),
      ...(options.seedFile ? { seedFile: options.seedFile } : {}),
      ...(options.calendarFile ? { calendarFile: options.calendarFile } : {}),
      ...(options.adminToken ? { adminToken: options.adminToken } : {}),
      ...(options.simulate ? { simulate: options.simulateRate === undefined ? true : { ratePerSecond: options.simulateRate } } : {}),
      ...(options.cycleIntervalMs === undefined ? {} : { cycleIntervalMs: options.cycleIntervalMs }),
      ...(options.offsetIntervalMs === undefined ? {} : { offsetIntervalMs: options.offsetIntervalMs }),
      ...(options.businessDate ? { businessDate: options.businessDate } : {}),
      ...(options.testClock ? { testClock: true } : {}),
      ...(options.host ? { host: options.host } : {}),
      ...(options.archiveDir !== undefined ? { archive: { archiveDir: options.archiveDir, retentionDays: options.retentionDays ?? DEFAULT_RETENTION_DAYS } } : {}),
      ...(options.standby
        ? {
            databaseUrls: options.databaseUrls,
            failover: {
              ...(options.holder ? { holder: options.holder } : {}),
              ...(options.leaseTtlMs ? { leaseTtlMs: options.leaseTtlMs } : {}),
              onFenced: (reason: string) => {
                io.err(`hankou house: fenced (${reason}); exiting`);
                process.exit(3);
              },
            },
          }
        : {}),
      ...(options.tlsDir && options.caDir ? { tls: serveTls(options.tlsDir, options.caDir) } : {}),
      logLevel: options.logLevel as 'info',
      // Benchmarks only (bench/load.bench.ts): a per-push time breakdown written to this file.
      ...(process.env.HANKOU_LOAD_TRACE ? { loadTraceFile: process.env.HANKOU_LOAD_TRACE } : {}),
      // Benchmarks only: HANKOU_HOUSE_PIPELINE=0 runs the writer one batch at a time, to compare.
      ...(process.env.HANKOU_HOUSE_PIPELINE === '0' ? { pipeline: false } : {}),
      });
    } catch (error) {
      io.err(`hankou house: could not start: ${(error as Error).message}`);
      return 1;
    }
    if (!options.adminToken) io.err(`admin token: ${house.adminToken}`);
    io.out(`listening on ${house.url}`);
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await house.close();
    return 0;
  },
};
