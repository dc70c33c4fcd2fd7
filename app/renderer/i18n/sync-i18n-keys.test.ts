import { describe, expect, it } from 'vitest';
import syncZh from './sync.zh-CN.json';
import syncEn from './sync.en.json';
import zhCN from './zh-CN.json';
import riskZh from './risk.zh-CN.json';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix === '' ? k : `${prefix}.${k}`));
}

describe('sync screens strings', () => {
  it('have the same keys and placeholders in Chinese and English', () => {
    expect(keys(syncEn).sort()).toEqual(keys(syncZh).sort());
    const pick = (o: unknown, path: string) => path.split('.').reduce<unknown>((acc, k) => (acc as Record<string, unknown>)[k], o);
    const holders = (s: unknown) => [...String(s).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const key of keys(syncZh)) expect(holders(pick(syncEn, key)), key).toEqual(holders(pick(syncZh, key)));
  });
  it('only add keys, never replace the console’s or the risk desk’s', () => {
    const taken = new Set([...keys(zhCN), ...keys(riskZh)]);
    expect(keys(syncZh).filter((k) => taken.has(k))).toEqual([]);
  });
});
