import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ListLoadError } from './load-sanctions-lists';
import { SanctionsLists } from './sanctions-lists';

describe('SanctionsLists', () => {
  it('reloads a changed list and keeps the old one when the new file is broken', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hankou-lists-'));
    const file = path.join(dir, 'local.csv');
    writeFileSync(file, 'id,name\nL-1,Zhang San\n');
    const lists = new SanctionsLists();
    expect(lists.current()).toBeNull();
    lists.load({ localFile: file }, '2026-11-26T01:00:00Z');
    expect(lists.current()?.screen('San Zhang')[0]?.id).toBe('L-1');

    writeFileSync(file, 'id,name\nL-2,Li Si\n');
    lists.load({ localFile: file }, '2026-11-26T02:00:00Z');
    expect(lists.current()?.screen('San Zhang')).toEqual([]);
    expect(lists.current()?.screen('Li Si')[0]?.id).toBe('L-2');
    expect(lists.status).toMatchObject({ loadedAt: '2026-11-26T02:00:00Z', info: { version: 2 } });

    writeFileSync(file, 'id,name\nL-3,"broken\n');
    expect(() => lists.load({ localFile: file }, '2026-11-26T03:00:00Z')).toThrow(ListLoadError);
    expect(lists.current()?.screen('Li Si')[0]?.id).toBe('L-2');
    expect(lists.status.loadedAt).toBe('2026-11-26T02:00:00Z');
  });
});
