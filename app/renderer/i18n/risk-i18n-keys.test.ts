import { describe, expect, it } from 'vitest';
import riskZh from './risk.zh-CN.json';
import riskEn from './risk.en.json';
import zhCN from './zh-CN.json';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix === '' ? k : `${prefix}.${k}`));
}

describe('risk desk strings', () => {
  it('have the same keys and placeholders in Chinese and English', () => {
    expect(keys(riskEn).sort()).toEqual(keys(riskZh).sort());
    const pick = (o: unknown, path: string) => path.split('.').reduce<unknown>((acc, k) => (acc as Record<string, unknown>)[k], o);
    const holders = (s: unknown) => [...String(s).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const key of keys(riskZh)) expect(holders(pick(riskEn, key)), key).toEqual(holders(pick(riskZh, key)));
  });
  it('only add keys, never replace the console’s own', () => {
    const base = new Set(keys(zhCN));
    expect(keys(riskZh).filter((k) => base.has(k))).toEqual([]);
  });
});
