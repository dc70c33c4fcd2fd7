import { describe, expect, it } from 'vitest';
import opsZh from './ops.zh-CN.json';
import opsEn from './ops.en.json';
import zhCN from './zh-CN.json';
import riskZh from './risk.zh-CN.json';
import syncZh from './sync.zh-CN.json';
import reconZh from './recon.zh-CN.json';
import auditZh from './audit.zh-CN.json';
import largeValueZh from './large-value.zh-CN.json';
import riskRulesZh from './risk-rules.zh-CN.json';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix === '' ? k : `${prefix}.${k}`));
}

describe('operator tools (users, account, receipts) strings', () => {
  it('have the same keys and placeholders in Chinese and English', () => {
    expect(keys(opsEn).sort()).toEqual(keys(opsZh).sort());
    const pick = (o: unknown, path: string) => path.split('.').reduce<unknown>((acc, k) => (acc as Record<string, unknown>)[k], o);
    const holders = (s: unknown) => [...String(s).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const key of keys(opsZh)) expect(holders(pick(opsEn, key)), key).toEqual(holders(pick(opsZh, key)));
  });
  it('only add keys, never replace the console’s or another screen’s', () => {
    const taken = new Set([...keys(zhCN), ...keys(riskZh), ...keys(syncZh), ...keys(reconZh), ...keys(auditZh), ...keys(largeValueZh), ...keys(riskRulesZh)]);
    expect(keys(opsZh).filter((k) => taken.has(k))).toEqual([]);
  });
});
