import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { acceptedCapitals, amountInCapitals, isAcceptedCapitals, parseCapitals } from './capitals';
import { parseAmount } from './parse';
import { MAX_AMOUNT_MINOR } from './limits';

const fen = (yuan: string): bigint => parseAmount(yuan, 'CNY');

/**
 * The cases below follow the text of 《正确填写票据和结算凭证的基本规定》, rule by rule; the
 * examples the rules give are written out exactly.
 */
describe('amount in capitals (PBoC rules)', () => {
  it('rule: 中间有一个"0"时写"零" — ¥1,409.50 is 人民币壹仟肆佰零玖元伍角', () => {
    expect(amountInCapitals(fen('1409.50'))).toBe('壹仟肆佰零玖元伍角');
    expect(amountInCapitals(fen('1409.50'), { prefix: true })).toBe('人民币壹仟肆佰零玖元伍角');
  });

  it('rule: 中间连续有几个"0"时可以只写一个"零" — ¥6,007.14 is 陆仟零柒元壹角肆分', () => {
    expect(amountInCapitals(fen('6007.14'))).toBe('陆仟零柒元壹角肆分');
  });

  it('rule: 元位是"0"而角位不是 — ¥1,680.32 is 壹仟陆佰捌拾元零叁角贰分 (or without 零)', () => {
    expect(amountInCapitals(fen('1680.32'))).toBe('壹仟陆佰捌拾元零叁角贰分');
    expect(isAcceptedCapitals('人民币壹仟陆佰捌拾元叁角贰分', fen('1680.32'))).toBe(true);
  });

  it('rule: 万位是"0"而千位不是 — ¥107,000.53 is 壹拾万柒仟元零伍角叁分 or 壹拾万零柒仟元伍角叁分', () => {
    expect(amountInCapitals(fen('107000.53'))).toBe('壹拾万柒仟元零伍角叁分');
    expect(isAcceptedCapitals('人民币壹拾万零柒仟元伍角叁分', fen('107000.53'))).toBe(true);
    expect(isAcceptedCapitals('人民币壹拾万柒仟元零伍角叁分', fen('107000.53'))).toBe(true);
  });

  it('rule: 角位是"0"而分位不是时，"元"后面应写"零" — ¥16,409.02 and ¥325.04', () => {
    expect(amountInCapitals(fen('16409.02'))).toBe('壹万陆仟肆佰零玖元零贰分');
    expect(amountInCapitals(fen('325.04'))).toBe('叁佰贰拾伍元零肆分');
    // The 零 there is required, not optional.
    expect(isAcceptedCapitals('叁佰贰拾伍元肆分', fen('325.04'))).toBe(false);
  });

  it('rule: 到"元"为止的，在"元"之后应写"整"(或"正")；"角"之后可以不写；"分"后面不写', () => {
    expect(amountInCapitals(fen('1680.00'))).toBe('壹仟陆佰捌拾元整');
    expect(isAcceptedCapitals('壹仟陆佰捌拾元正', fen('1680.00'))).toBe(true);
    expect(isAcceptedCapitals('壹仟陆佰捌拾元', fen('1680.00'))).toBe(false);
    expect(isAcceptedCapitals('壹仟肆佰零玖元伍角整', fen('1409.50'))).toBe(true);
    expect(isAcceptedCapitals('陆仟零柒元壹角肆分整', fen('6007.14'))).toBe(false);
  });

  it('rule: 壹拾 — a leading 拾 is always written with 壹', () => {
    expect(amountInCapitals(fen('10.00'))).toBe('壹拾元整');
    expect(amountInCapitals(fen('15.00'))).toBe('壹拾伍元整');
    expect(amountInCapitals(fen('100000.00'))).toBe('壹拾万元整');
    expect(parseCapitals('拾伍元整').ok).toBe(false);
  });

  it('rule: 不得用一、二、三、十、毛、另 — lower-case numerals and colloquial units are refused', () => {
    for (const bad of ['一千元整', '壹千元整', '壹仟元伍毛', '壹仟另伍元整', '壹佰元0伍分', '十元整']) {
      expect(parseCapitals(bad).ok, bad).toBe(false);
    }
  });

  it('rule: 繁体字如貳、陸、億、萬、圓的，也应受理', () => {
    expect(parseCapitals('人民币貳萬陸仟圓整')).toEqual({ ok: true, amountMinor: fen('26000.00') });
    expect(parseCapitals('壹億圓整')).toEqual({ ok: true, amountMinor: fen('100000000.00') });
  });

  it('writes amounts under one yuan and zero', () => {
    expect(amountInCapitals(fen('0.50'))).toBe('伍角');
    expect(amountInCapitals(fen('0.05'))).toBe('伍分');
    expect(amountInCapitals(fen('0.55'))).toBe('伍角伍分');
    expect(amountInCapitals(0n)).toBe('零元整');
  });

  it('writes zeros across the 万 and 亿 groups', () => {
    expect(amountInCapitals(fen('100050.00'))).toBe('壹拾万零伍拾元整');
    expect(amountInCapitals(fen('100000001.00'))).toBe('壹亿零壹元整');
    expect(amountInCapitals(fen('100010000.00'))).toBe('壹亿零壹万元整');
    expect(amountInCapitals(fen('101000000.00'))).toBe('壹亿零壹佰万元整');
    expect(amountInCapitals(fen('1234567890123.45'))).toBe('壹万贰仟叁佰肆拾伍亿陆仟柒佰捌拾玖万零壹佰贰拾叁元肆角伍分');
    expect(amountInCapitals(fen('1000000000000.00'))).toBe('壹万亿元整');
    expect(amountInCapitals(MAX_AMOUNT_MINOR)).toBe('玖佰玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分');
  });

  it('refuses negative amounts', () => {
    expect(() => amountInCapitals(-1n)).toThrow(RangeError);
  });

  it('lists the canonical writing first', () => {
    expect(acceptedCapitals(fen('107000.53'))[0]).toBe('壹拾万柒仟元零伍角叁分');
  });

  it('reads back every writing it produces, and every accepted alternative', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: MAX_AMOUNT_MINOR }), (amount) => {
        for (const form of acceptedCapitals(amount)) {
          const back = parseCapitals(form);
          if (!back.ok || back.amountMinor !== amount) return false;
        }
        return true;
      }),
      { numRuns: 1500 },
    );
  });
});
