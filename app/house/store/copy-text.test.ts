import { describe, it, expect } from 'vitest';
import { copyTarget, encodeCopyText } from './copy-text';
import { SCHEMA_STORES, storeMissing, withEmptyStore } from '../test-support/schema-stores';

describe('COPY text encoding', () => {
  it('escapes what COPY reads as structure and writes NULL as \\N', () => {
    expect(encodeCopyText([['a\tb', 'c\nd', 'e\\f', 'g\rh', null, 12n, 3]])).toBe('a\\tb\tc\\nd\te\\\\f\tg\\rh\t\\N\t12\t3\n');
    // The text "\N" and the end-of-data marker "\." stay data.
    expect(encodeCopyText([['\\N'], ['\\.']])).toBe('\\\\N\n\\\\.\n');
    expect(encodeCopyText([])).toBe('');
  });

  it('refuses anything but plain identifiers as the table or a column', () => {
    expect(copyTarget('payments', ['id', 'cmd_seq'])).toBe('payments (id, cmd_seq)');
    expect(() => copyTarget('payments; DROP TABLE x', ['id'])).toThrow(/identifier/);
    expect(() => copyTarget('payments', ['id) FROM PROGRAM']))
      .toThrow(/identifier/);
    expect(() => copyTarget('payments', [])).toThrow(/no columns/);
  });
});

const AWKWARD = ['tab\there', 'line\nbreak', 'back\\slash', 'cr\rhere', '\\N', '\\.', '汉口银行 武昌', '', '{"k": "v\\"q"}'];

describe.each(SCHEMA_STORES)('copyRows round trip (%s)', (kind) => {
  it.skipIf(storeMissing(kind))('stores every awkward value exactly and NULLs as NULL', async () => {
    await withEmptyStore(kind, async (store) => {
      await store.exec('CREATE TABLE t (n bigint PRIMARY KEY, s text, j json)');
      await store.transaction((tx) => tx.copyRows('t', ['n', 's', 'j'], AWKWARD.map((s, i) => [BigInt(i), s, JSON.stringify({ s })])));
      await store.transaction((tx) => tx.copyRows('t', ['n', 's', 'j'], [[100, null, null]]));
      const { rows } = await store.query<{ n: string; s: string | null; j: unknown }>('SELECT n::text AS n, s, j FROM t ORDER BY t.n');
      expect(rows).toEqual([...AWKWARD.map((s, i) => ({ n: String(i), s, j: { s } })), { n: '100', s: null, j: null }]);
      // A failed COPY (duplicate key) fails its transaction and keeps nothing of it.
      await expect(store.transaction((tx) => tx.copyRows('t', ['n', 's'], [[200, 'x'], [0, 'dup']]))).rejects.toThrow(/duplicate|unique/i);
      expect((await store.query<{ c: number }>('SELECT count(*)::int AS c FROM t')).rows).toEqual([{ c: AWKWARD.length + 1 }]);
      // The connection is still good after the failure.
      await store.transaction((tx) => tx.copyRows('t', ['n', 's'], [[300, 'after']]));
      expect((await store.query<{ s: string }>('SELECT s FROM t WHERE n = 300')).rows).toEqual([{ s: 'after' }]);
    });
  }, 60_000);
});
