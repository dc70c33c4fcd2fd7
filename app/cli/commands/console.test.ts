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
});
