import { describe, expect, it } from 'vitest';
import { bankByCode, searchBanks, type DirectoryBank } from './bank-search';

const BANKS: DirectoryBank[] = [
  { id: 'HKB', name: '汉口银行', bankCode: '313521000011', self: true, initials: 'hkyh' },
  { id: 'ICBC', name: '中国工商银行武汉分行', bankCode: '102521000030', self: false, initials: 'zggsyhwhfx' },
  { id: 'CCB', name: '中国建设银行湖北省分行', bankCode: '105521000012', self: false, initials: 'zgjsyhhbsfx' },
  { id: 'CMB', name: '招商银行武汉分行', bankCode: '308521000017', self: false, initials: 'zsyhwhfx', active: false },
  { id: 'WHRCB', name: '武汉农村商业银行', bankCode: '402521000032', self: false, initials: 'whncsyyh' },
];
const ids = (banks: DirectoryBank[]) => banks.map((b) => b.id);

describe('looking up the receiving bank', () => {
  it('finds by bank code from its start, never our own bank', () => {
    expect(ids(searchBanks(BANKS, '10'))).toEqual(['ICBC', 'CCB']);
    expect(ids(searchBanks(BANKS, '3135'))).toEqual([]);
    expect(ids(searchBanks(BANKS, '102521000030'))).toEqual(['ICBC']);
  });

  it('finds by pinyin initials, start before anywhere', () => {
    expect(ids(searchBanks(BANKS, 'zg'))).toEqual(['ICBC', 'CCB']);
    expect(ids(searchBanks(BANKS, 'ZSYH'))).toEqual(['CMB']);
    // "whfx" (武汉分行) is inside two banks' initials.
    expect(ids(searchBanks(BANKS, 'whfx'))).toEqual(['ICBC', 'CMB']);
    expect(ids(searchBanks(BANKS, 'wh'))).toEqual(['WHRCB', 'ICBC', 'CMB']);
  });

  it('finds by name, and lists all by code when nothing is typed', () => {
    expect(ids(searchBanks(BANKS, '建设'))).toEqual(['CCB']);
    expect(ids(searchBanks(BANKS, '武汉'))).toEqual(['WHRCB', 'ICBC', 'CMB']);
    expect(ids(searchBanks(BANKS, ''))).toEqual(['ICBC', 'CCB', 'CMB', 'WHRCB']);
    expect(searchBanks(BANKS, '', 2)).toHaveLength(2);
  });

  it('takes a full 12-digit code as the choice', () => {
    expect(bankByCode(BANKS, '105521000012')?.id).toBe('CCB');
    expect(bankByCode(BANKS, '10552100001')).toBeUndefined();
    expect(bankByCode(BANKS, '313521000011')).toBeUndefined();
  });
});
