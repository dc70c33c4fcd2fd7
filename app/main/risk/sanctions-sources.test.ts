import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoScreener, FIXTURES_SANCTIONS_DIR, findListFiles, loadConsoleLists, resolveSanctionsSources } from './sanctions-sources';

describe('where the console finds its sanctions lists', () => {
  it('finds OFAC, UN and local files in a folder and its sub-folders', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lists-'));
    mkdirSync(join(dir, 'ofac'));
    writeFileSync(join(dir, 'ofac', 'SDN.CSV'), '');
    writeFileSync(join(dir, 'consolidated.xml'), '');
    writeFileSync(join(dir, 'local-watch.csv'), '');
    expect(findListFiles(dir)).toEqual({ ofacDir: join(dir, 'ofac'), unFile: join(dir, 'consolidated.xml'), localFile: join(dir, 'local-watch.csv') });
  });

  it('takes HANKOU_SANCTIONS_DIR when set, and never falls back to the demo list from it', () => {
    const missing = join(tmpdir(), 'no-such-lists-folder');
    const resolved = resolveSanctionsSources({ HANKOU_SANCTIONS_DIR: missing });
    expect(resolved).toEqual({ sources: {}, origin: 'env', dir: missing });
    const logs: string[] = [];
    const loaded = loadConsoleLists(resolved, '2026-11-26T00:00:00Z', (l) => logs.push(l));
    // Nothing to screen with: verification fails closed (the hook refuses it).
    expect(loaded.screener()).toBeNull();
    expect(logs.join('\n')).toMatch(/could not be loaded/);
  });

  it('uses the shipped demo list when there are no files, and it catches a listed bank', () => {
    const screener = demoScreener();
    expect(screener.screen('Banco Nacional de Cuba')[0]).toMatchObject({ id: 'OFAC-306', score: 1 });
    expect(screener.screen('武汉长江钢铁有限公司')).toEqual([]);
    const loaded = loadConsoleLists({ sources: {}, origin: 'demo', dir: null }, '2026-11-26T00:00:00Z', () => {});
    expect(loaded.origin).toBe('demo');
  });

  it.skipIf(!existsSync(FIXTURES_SANCTIONS_DIR ?? ''))('finds the project fixtures when no folder is configured', () => {
    const resolved = resolveSanctionsSources({});
    expect(resolved.origin).toBe('fixtures');
    expect(resolved.sources.ofacDir).toMatch(/ofac-2019$/);
    expect(resolved.sources.unFile).toMatch(/UN_consolidated\.xml$/);
  });
});
