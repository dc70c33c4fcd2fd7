import { describe, expect, it } from 'vitest';
import { pinyinInitials } from './participant-initials';

describe('pinyin initials of bank names', () => {
  it('reads bank names as clerks abbreviate them', () => {
    expect(pinyinInitials('中国工商银行武汉分行')).toBe('zggsyhwhfx');
    // 行 in 银行 is háng, 长 in 长江 is cháng.
    expect(pinyinInitials('汉口银行')).toBe('hkyh');
    expect(pinyinInitials('长江银行')).toBe('cjyh');
    expect(pinyinInitials('招商银行（武汉）')).toBe('zsyhwh');
  });
});
