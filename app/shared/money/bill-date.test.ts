import { describe, expect, it } from 'vitest';
import { billDateInCapitals } from './bill-date';

describe('bill issue dates in capitals (PBoC rules)', () => {
  it('rule examples: 1月15日 -> 零壹月壹拾伍日; 10月20日 -> 零壹拾月零贰拾日', () => {
    expect(billDateInCapitals('2026-01-15')).toBe('贰零贰陆年零壹月壹拾伍日');
    expect(billDateInCapitals('2026-10-20')).toBe('贰零贰陆年零壹拾月零贰拾日');
  });

  it('months 壹, 贰, 壹拾 take 零; others do not', () => {
    expect(billDateInCapitals('2026-02-03')).toBe('贰零贰陆年零贰月零叁日');
    expect(billDateInCapitals('2026-03-11')).toBe('贰零贰陆年叁月壹拾壹日');
    expect(billDateInCapitals('2026-11-21')).toBe('贰零贰陆年壹拾壹月贰拾壹日');
    expect(billDateInCapitals('2026-12-30')).toBe('贰零贰陆年壹拾贰月零叁拾日');
  });

  it('days 壹..玖, 壹拾, 贰拾, 叁拾 take 零; 拾壹..拾玖 take 壹', () => {
    expect(billDateInCapitals('2026-05-09')).toBe('贰零贰陆年伍月零玖日');
    expect(billDateInCapitals('2026-05-10')).toBe('贰零贰陆年伍月零壹拾日');
    expect(billDateInCapitals('2026-05-19')).toBe('贰零贰陆年伍月壹拾玖日');
    expect(billDateInCapitals('2026-05-31')).toBe('贰零贰陆年伍月叁拾壹日');
  });

  it('refuses dates that do not exist', () => {
    expect(() => billDateInCapitals('2026-02-29')).toThrow(RangeError);
    expect(() => billDateInCapitals('2026-13-01')).toThrow(RangeError);
    expect(() => billDateInCapitals('26-1-1')).toThrow(RangeError);
  });
});
