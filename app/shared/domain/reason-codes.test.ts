import { describe, expect, it } from 'vitest';
import { reasonMessage, reasonWords } from './reason-codes';

describe('reason words', () => {
  it('give a known code in either language, and an unknown one back as it came', () => {
    expect(reasonMessage('NET_DEBIT_CAP')).toBe('Net debit cap exceeded');
    expect(reasonMessage('NET_DEBIT_CAP', 'zh')).toBe('超过净借记限额');
    expect(reasonWords('DUPLICATE_ID')).toEqual({ iso: 'AM05', zh: '重复的支付', en: 'Duplicate payment id' });
    expect(reasonMessage('NO_SUCH_CODE', 'zh')).toBe('NO_SUCH_CODE');
    expect(reasonWords('toString')).toBeUndefined();
  });
});
