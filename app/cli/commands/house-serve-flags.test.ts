import { describe, expect, it } from 'vitest';
import { main } from '../main';

function io() {
  const err: string[] = [];
  return { io: { out: () => undefined, err: (t: string) => err.push(t) }, err };
}

describe('hankou house serve: failover and TLS flags are refused when incomplete, before anything starts', () => {
  it.each([
    [['--standby'], '--standby needs --database-url'],
    [['--database-url', 'postgres://a/x', '--database-url', 'postgres://b/x'], 'several --database-url (primary and standbys) need --standby'],
    [['--tls', 'dir'], '--tls DIR and --ca CA go together'],
    [['--ca', 'dir'], '--tls DIR and --ca CA go together'],
    [['--lease-ttl-ms', '10'], '--lease-ttl-ms must be an integer from 500 to 600000'],
    [['--retention-days', '30'], '--retention-days goes with --archive-dir DIR'],
    [['--archive-dir', 'arc', '--retention-days', '0'], '--retention-days must be an integer from 1 to 36500'],
  ])('%j', async (flags, message) => {
    const run = io();
    expect(await main(['house', 'serve', '--port', '0', ...flags], run.io)).toBe(2);
    expect(run.err.join('\n')).toContain(message);
  });

  it('plain HTTP on another address than 127.0.0.1 is refused', async () => {
    const run = io();
    expect(await main(['house', 'serve', '--port', '0', '--host', '0.0.0.0'], run.io)).toBe(1);
    expect(run.err.join('\n')).toContain('plain HTTP is for 127.0.0.1 development only');
  });
});
