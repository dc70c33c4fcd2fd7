import { describe, expect, it } from 'vitest';
import reconZh from './recon.zh-CN.json';
import reconEn from './recon.en.json';
import zhCN from './zh-CN.json';
import riskZh from './risk.zh-CN.json';
import syncZh from './sync.zh-CN.json';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix === '' ? k : `${prefix}.${k}`));
}

describe('reconciliation workspace strings', () => {
  it('have the same keys and placeholders in Chinese and English', () => {
    expect(keys(reconEn).sort()).toEqual(keys(reconZh).sort());
    const pick = (o: unknown, path: string) => path.split('.').reduce<unknown>((acc, k) => (acc as Record<string, unknown>)[k], o);
    const holders = (s: unknown) => [...String(s).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const key of keys(reconZh)) expect(holders(pick(reconEn, key)), key).toEqual(holders(pick(reconZh, key)));
  });
  it('only add keys, never replace another area’s', () => {
    const taken = new Set([...keys(zhCN), ...keys(riskZh), ...keys(syncZh)]);
    expect(keys(reconZh).filter((k) => taken.has(k))).toEqual([]);
  });
});
