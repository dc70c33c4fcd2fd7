import { appendFileSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { handToPostgresUser, pgProgram, runPg } from '../backup/pg-tools';

/**
 * Throw-away PostgreSQL clusters on 127.0.0.1 for the backup, restore and failover tests:
 * initdb/pg_ctl from Debian's postgresql package (run as the postgres user when the tests run
 * as root). Each lives in its own temporary directory, listens on a free port and no Unix
 * socket, and is stopped and deleted by dispose().
 */

/** Why the cluster tests cannot run here, or undefined when they can. */
export function clusterToolsMissing(): string | undefined {
  const missing = ['initdb', 'pg_ctl', 'pg_basebackup', 'pg_dump', 'pg_restore'].filter((p) => pgProgram(p) === undefined);
  return missing.length === 0 ? undefined : `PostgreSQL programs missing (${missing.join(', ')}): apt-get install postgresql postgresql-client, or set HANKOU_PG_BIN`;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface TestCluster {
  root: string;
  pgdata: string;
  port: number;
  /** The `postgres` database on this cluster. */
  url(database?: string): string;
  start(): Promise<void>;
  /** fast: clean shutdown; immediate: like a power cut of the server process (no checkpoint). */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  promote(): Promise<void>;
  query<Row extends object = Record<string, unknown>>(sql: string, params?: unknown[], database?: string): Promise<Row[]>;
  dispose(): Promise<void>;
}

export interface ClusterOptions {
  /** Where archive_command copies finished WAL segments (point-in-time recovery). */
  walArchive?: string;
  /** Extra postgresql.conf lines. */
  settings?: string[];
  /** A standby: cloned from this primary with pg_basebackup -R instead of initdb. */
  standbyOf?: TestCluster;
  /** The standby's application_name, matched by the primary's synchronous_standby_names. */
  applicationName?: string;
}

/** A temporary directory the postgres user can use (when root, it owns it). */
export async function clusterTempDir(prefix: string): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), prefix));
  await handToPostgresUser(root);
  return root;
}

export async function createCluster(options: ClusterOptions = {}): Promise<TestCluster> {
  const root = await clusterTempDir('hk-pg-');
  const pgdata = join(root, 'data');
  const port = await freePort();
  let running = false;
  if (options.standbyOf) {
    const primary = options.standbyOf;
    await runPg('pg_basebackup', ['--pgdata', pgdata, '--format=plain', '--wal-method=stream', '--checkpoint=fast', '-R', `--dbname=${primary.url()}${options.applicationName ? `?application_name=${options.applicationName}` : ''}`]);
    // -R writes primary_conninfo without application_name in some versions: state it here.
    appendFileSync(
      join(pgdata, 'postgresql.auto.conf'),
      `\nprimary_conninfo = 'host=127.0.0.1 port=${primary.port} user=postgres application_name=${options.applicationName ?? 'standby'}'\n`,
    );
  } else {
    await runPg('initdb', ['-D', pgdata, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  }
  const conf = [
    `port = ${port}`,
    `listen_addresses = '127.0.0.1'`,
    `unix_socket_directories = ''`,
    'max_connections = 40',
    'shared_buffers = 16MB',
    'wal_level = replica',
    'max_wal_senders = 6',
    'wal_keep_size = 64MB',
    'hot_standby = on',
    "log_min_messages = 'warning'",
    ...(options.walArchive ? ["archive_mode = 'on'", `archive_command = 'test ! -f "${options.walArchive}/%f" && cp "%p" "${options.walArchive}/%f"'`] : []),
    ...(options.settings ?? []),
  ];
  if (options.walArchive) mkdirSync(options.walArchive, { recursive: true });
  appendFileSync(join(pgdata, options.standbyOf ? 'postgresql.auto.conf' : 'postgresql.conf'), `\n${conf.join('\n')}\n`);
  if (!options.standbyOf) writeFileSync(join(pgdata, 'pg_hba.conf'), 'host all all 127.0.0.1/32 trust\nhost replication all 127.0.0.1/32 trust\n');
  await handToPostgresUser(root);
  if (options.walArchive) await handToPostgresUser(options.walArchive);

  const cluster: TestCluster = {
    root,
    pgdata,
    port,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async start() {
      await runPg('pg_ctl', ['-D', pgdata, '-l', join(root, 'server.log'), '-w', '-t', '60', 'start']);
      running = true;
    },
    async stop(mode = 'fast') {
      if (!running) return;
      await runPg('pg_ctl', ['-D', pgdata, '-m', mode, '-w', '-t', '60', 'stop']);
      running = false;
    },
    async promote() {
      await runPg('pg_ctl', ['-D', pgdata, '-w', '-t', '60', 'promote']);
    },
    async query<Row extends object>(sql: string, params: unknown[] = [], database = 'postgres') {
      const client = new pg.Client({ connectionString: cluster.url(database), connectionTimeoutMillis: 5000 });
      client.on('error', () => undefined);
      await client.connect();
      try {
        return (await client.query(sql, params)).rows as Row[];
      } finally {
        await client.end().catch(() => undefined);
      }
    },
    async dispose() {
      await cluster.stop('immediate').catch(() => undefined);
      rmSync(root, { recursive: true, force: true });
    },
  };
  await cluster.start();
  return cluster;
}
