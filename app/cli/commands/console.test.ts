import { describe, it, expect } from 'vitest';
import { resolve } from 'node:path';
import { parseServeArgs } from './console';
import { UsageError } from '../command';

describe('hankou console serve arguments', () => {
  it('defaults to a free port, the project data folder and no demo', () => {
    const args = parseServeArgs([], {});
    expect(args.port).toBe(0);
    expect(args.dataDir.endsWith('/.hankou/console')).toBe(true);
    expect(args.distDir.endsWith('/dist/renderer')).toBe(true);
    expect(args.demo).toBe(false);
  });
  it('takes HANKOU_DATA_DIR, then --data over it', () => {
    expect(parseServeArgs([], { HANKOU_DATA_DIR: '/tmp/x' }).dataDir).toBe('/tmp/x');
    expect(parseServeArgs(['--data', 'rel/dir'], { HANKOU_DATA_DIR: '/tmp/x' }).dataDir).toBe(resolve('rel/dir'));
  });
  it('reads --port and --demo and refuses nonsense', () => {
    expect(parseServeArgs(['--port', '8123', '--demo'], {})).toMatchObject({ port: 8123, demo: true });
    expect(() => parseServeArgs(['--port', 'abc'], {})).toThrow(UsageError);
    expect(() => parseServeArgs(['--port', '70000'], {})).toThrow(UsageError);
    expect(() => parseServeArgs(['--port'], {})).toThrow(UsageError);
    expect(() => parseServeArgs(['--host', '0.0.0.0'], {})).toThrow(/unknown option/);
  });
  it('takes the house link from --house/--house-token or the environment, both or neither', () => {
    expect(parseServeArgs([], {}).house).toBeNull();
    expect(parseServeArgs(['--house', 'http://127.0.0.1:4100', '--house-token', 't1'], {}).house).toEqual({ url: 'http://127.0.0.1:4100', token: 't1' });
    expect(parseServeArgs([], { HANKOU_HOUSE_URL: 'http://127.0.0.1:9', HANKOU_HOUSE_TOKEN: 'e' }).house).toEqual({ url: 'http://127.0.0.1:9', token: 'e' });
    expect(parseServeArgs(['--house-token', 'f'], { HANKOU_HOUSE_URL: 'http://h:1', HANKOU_HOUSE_TOKEN: 'e' }).house).toEqual({ url: 'http://h:1', token: 'f' });
    expect(() => parseServeArgs(['--house', 'http://127.0.0.1:4100'], {})).toThrow(/go together/);
    expect(() => parseServeArgs(['--house', 'ftp://x', '--house-token', 't'], {})).toThrow(/http\(s\) URL/);
  });
  it('takes centre mode from --centre or HANKOU_CENTRE_URL, never with a bank link or the demo bank', () => {
    expect(parseServeArgs([], {}).centreUrl).toBeNull();
    expect(parseServeArgs(['--centre', 'http://127.0.0.1:4100'], {})).toMatchObject({ centreUrl: 'http://127.0.0.1:4100', house: null });
    expect(parseServeArgs([], { HANKOU_CENTRE_URL: 'https://house:4100' }).centreUrl).toBe('https://house:4100');
    expect(() => parseServeArgs(['--centre', 'http://h:1', '--house', 'http://h:1', '--house-token', 't'], {})).toThrow(/different consoles/);
    expect(() => parseServeArgs(['--centre', 'http://h:1'], { HANKOU_HOUSE_URL: 'http://h:1', HANKOU_HOUSE_TOKEN: 't' })).toThrow(/different consoles/);
    expect(() => parseServeArgs(['--centre', 'http://h:1', '--demo'], {})).toThrow(/no demo bank/);
    expect(() => parseServeArgs(['--centre', 'house:1'], {})).toThrow(/http\(s\) URL/);
  });
});
