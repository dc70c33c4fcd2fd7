import { describe, it, expect } from 'vitest';
import { STORE_HEALTH_STATES } from '../../shared/contract/handlers/app';
import { storeHealthNoticeKey } from './store-health-notice';
import zhCN from '../i18n/zh-CN.json';
import en from '../i18n/en.json';

const pick = (o: unknown, path: string) => path.split('.').reduce<unknown>((acc, k) => (acc as Record<string, unknown> | undefined)?.[k], o);

describe('store health notice', () => {
  it('shows nothing when the store is healthy or its state is not known yet', () => {
    expect(storeHealthNoticeKey('ok')).toBeUndefined();
    expect(storeHealthNoticeKey(undefined)).toBeUndefined();
  });
  it('has its own wording in both languages for every state that refuses writes', () => {
    const keys = STORE_HEALTH_STATES.filter((s) => s !== 'ok').map((s) => storeHealthNoticeKey(s));
    expect(new Set(keys).size).toBe(3);
    for (const key of keys) {
      expect(typeof pick(zhCN, key!), key).toBe('string');
      expect(typeof pick(en, key!), key).toBe('string');
    }
    expect(pick(zhCN, storeHealthNoticeKey('full')!)).toBe('本地存储已满，无法保存：请联系技术支持');
    expect(pick(zhCN, storeHealthNoticeKey('read_only')!)).toBe('本地存储只读');
    expect(pick(zhCN, storeHealthNoticeKey('io_error')!)).toBe('本地存储读写错误');
  });
});
