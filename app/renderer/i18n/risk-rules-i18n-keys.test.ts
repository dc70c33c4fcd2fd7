import { describe, expect, it } from 'vitest';
import rrZh from './risk-rules.zh-CN.json';
import rrEn from './risk-rules.en.json';
import zhCN from './zh-CN.json';
import riskZh from './risk.zh-CN.json';
import syncZh from './sync.zh-CN.json';
import reconZh from './recon.zh-CN.json';
import auditZh from './audit.zh-CN.json';
import lvZh from './large-value.zh-CN.json';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix === '' ? k : `${prefix}.${k}`));
}

describe('risk rules screen strings', () => {
  it('have the same keys and placeholders in Chinese and English', () => {
    expect(keys(rrEn).sort()).toEqual(keys(rrZh).sort());
    const pick = (o: unknown, path: string) => path.split('.').reduce<unknown>((acc, k) => (acc as Record<string, unknown>)[k], o);
    const holders = (s: unknown) => [...String(s).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const key of keys(rrZh)) expect(holders(pick(rrEn, key)), key).toEqual(holders(pick(rrZh, key)));
  });
  it('only add keys, never replace the console’s or another screen’s', () => {
    const taken = new Set([...keys(zhCN), ...keys(riskZh), ...keys(syncZh), ...keys(reconZh), ...keys(auditZh), ...keys(lvZh)]);
    expect(keys(rrZh).filter((k) => taken.has(k))).toEqual([]);
  });
});
