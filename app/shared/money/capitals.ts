/**
 * Amounts in Chinese capitals (大写金额) as the PBoC's 《正确填写票据和结算凭证的基本规定》 asks.
 *
 * Where the rules allow two writings we produce the first one the rule text gives:
 *  - 元位 is 0 and 角 is not: write 零 after 元 (¥1,680.32 -> 壹仟陆佰捌拾元零叁角贰分);
 *  - 万位 is 0 and 千位 is not: no 零 (¥107,000.53 -> 壹拾万柒仟元零伍角叁分);
 *  - nothing is written after 角 (¥1,409.50 -> 壹仟肆佰零玖元伍角); 整 only after 元.
 * `acceptedCapitals` lists every writing the rules accept, for checking what a person wrote.
 */
import { MAX_AMOUNT_MINOR } from './limits';

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const;
const IN_GROUP_UNITS = ['', '拾', '佰', '仟'] as const;
// The fourth group is 万 of 亿: 壹万贰仟亿 is written with one 亿 after both groups.
const GROUP_UNITS = ['', '万', '亿', '万'] as const;
const YI_GROUP = 2;
const FEN_PER_YUAN = 100n;

export const RMB_PREFIX = '人民币';

/**
 * Longest capitals text read. The longest writing of the largest amount is 34 characters (37
 * with 人民币); without a limit a run of 亿 in hostile text would build a number with hundreds
 * of thousands of digits before being refused.
 */
export const MAX_CAPITALS_CHARS = 64;

function digit(n: number): string {
  const d = DIGITS[n];
  if (d === undefined) throw new Error(`not a digit: ${n}`);
  return d;
}

function splitGroups(yuan: bigint): number[] {
  const groups: number[] = [];
  let rest = yuan;
  while (rest > 0n) {
    groups.unshift(Number(rest % 10000n));
    rest /= 10000n;
  }
  return groups;
}

/**
 * The yuan part without 元. `zeroAfterGroup[i]` true writes the optional 零 where group i ends
 * in 0 and the group after it begins with a non-zero 仟 (rule 3: 万位 is 0, 千位 is not).
 */
function yuanWords(yuan: bigint, optionalZeroAt: ReadonlySet<number> = new Set()): string {
  const groups = splitGroups(yuan);
  if (groups.length > GROUP_UNITS.length) throw new Error('amount beyond 万亿 has no capitals');
  let out = '';
  let zeroPending = false;
  groups.forEach((group, index) => {
    const unit = GROUP_UNITS[groups.length - 1 - index] ?? '';
    const magnitude = groups.length - 1 - index;
    if (group === 0) {
      if (magnitude === YI_GROUP && out !== '') out += '亿'; // 壹万亿: the 亿 still closes the 万亿 group
      if (out !== '') zeroPending = true;
      return;
    }
    if (out !== '' && group < 1000) zeroPending = true;
    if (out !== '' && group >= 1000 && optionalZeroAt.has(index)) zeroPending = true;
    for (let position = 3; position >= 0; position -= 1) {
      const d = Math.floor(group / 10 ** position) % 10;
      if (d === 0) {
        if (out !== '') zeroPending = true;
        continue;
      }
      if (zeroPending) out += '零';
      zeroPending = false;
      out += digit(d) + (IN_GROUP_UNITS[position] ?? '');
    }
    out += unit;
    zeroPending = false;
  });
  return out;
}

interface Writing {
  zeroBeforeJiao: boolean;
  zhengAfterJiao: boolean;
  optionalZeroAt: ReadonlySet<number>;
}

function assertCapitalsRange(amountMinor: bigint): void {
  if (amountMinor < 0n) throw new RangeError('capitals are written for amounts of zero or more');
  if (amountMinor > MAX_AMOUNT_MINOR) throw new RangeError('amount beyond the largest amount the system allows');
}

function write(amountMinor: bigint, writing: Writing): string {
  const yuan = amountMinor / FEN_PER_YUAN;
  const jiao = Number((amountMinor / 10n) % 10n);
  const fen = Number(amountMinor % 10n);
  if (yuan === 0n && jiao === 0 && fen === 0) return '零元整';
  let out = yuan > 0n ? `${yuanWords(yuan, writing.optionalZeroAt)}元` : '';
  if (jiao === 0 && fen === 0) return `${out}整`;
  if (jiao === 0) return `${out}${yuan > 0n ? '零' : ''}${digit(fen)}分`; // rule 4: 元 then 零 then 分
  if (yuan > 0n && yuan % 10n === 0n && writing.zeroBeforeJiao) out += '零';
  out += `${digit(jiao)}角`;
  if (fen > 0) return `${out}${digit(fen)}分`;
  return writing.zhengAfterJiao ? `${out}整` : out;
}

/** ¥1,409.50 -> 壹仟肆佰零玖元伍角; with `prefix`, 人民币壹仟肆佰零玖元伍角. CNY fen only. */
export function amountInCapitals(amountMinor: bigint, options: { prefix?: boolean } = {}): string {
  assertCapitalsRange(amountMinor);
  const words = write(amountMinor, { zeroBeforeJiao: true, zhengAfterJiao: false, optionalZeroAt: new Set() });
  return options.prefix ? RMB_PREFIX + words : words;
}

/** Indexes of groups that may take the optional 零 of rule 3 before them. */
function optionalZeroPositions(yuan: bigint): number[] {
  const groups = splitGroups(yuan);
  const positions: number[] = [];
  for (let i = 1; i < groups.length; i += 1) {
    const previous = groups[i - 1] ?? 0;
    const current = groups[i] ?? 0;
    if (previous !== 0 && previous % 10 === 0 && current >= 1000) positions.push(i);
  }
  return positions;
}

function subsets<T>(items: readonly T[]): T[][] {
  return items.reduce<T[][]>((all, item) => all.concat(all.map((s) => [...s, item])), [[]]);
}

/** Every writing of the amount that the rules accept, canonical first, without the 人民币 prefix. */
export function acceptedCapitals(amountMinor: bigint): string[] {
  assertCapitalsRange(amountMinor);
  const yuan = amountMinor / FEN_PER_YUAN;
  const forms = new Set<string>();
  for (const zeroBeforeJiao of [true, false]) {
    for (const zhengAfterJiao of [false, true]) {
      for (const zeros of subsets(optionalZeroPositions(yuan))) {
        forms.add(write(amountMinor, { zeroBeforeJiao, zhengAfterJiao, optionalZeroAt: new Set(zeros) }));
      }
    }
  }
  return [...forms];
}

/** Traditional forms the rules say must also be accepted (貳、陸、億、萬、圓), and 正 for 整. */
const VARIANTS: Readonly<Record<string, string>> = { 貳: '贰', 陸: '陆', 億: '亿', 萬: '万', 圓: '元', 正: '整' };

export function normaliseCapitals(text: string): string {
  const trimmed = text.startsWith(RMB_PREFIX) ? text.slice(RMB_PREFIX.length) : text;
  return [...trimmed].map((ch) => VARIANTS[ch] ?? ch).join('');
}

/** True when `text` is an accepted writing of `amountMinor` (人民币 prefix and variants allowed). */
export function isAcceptedCapitals(text: string, amountMinor: bigint): boolean {
  return acceptedCapitals(amountMinor).includes(normaliseCapitals(text));
}

const DIGIT_VALUE: Readonly<Record<string, number>> = Object.fromEntries(DIGITS.map((d, i) => [d, i]));
const SMALL_UNIT: Readonly<Record<string, number>> = { 拾: 10, 佰: 100, 仟: 1000 };

export type CapitalsParseResult = { ok: true; amountMinor: bigint } | { ok: false; message: string };

/**
 * Reads capitals back into fen and accepts the text only if it is one of the writings the
 * rules allow for that amount: lower-case numerals (一二三), 毛, 另 or a missing 零 are refused.
 */
export function parseCapitals(text: string): CapitalsParseResult {
  if (typeof text !== 'string') return { ok: false, message: 'capitals must be text' };
  if (text.length > MAX_CAPITALS_CHARS) return { ok: false, message: `capitals are longer than ${MAX_CAPITALS_CHARS} characters` };
  const normalised = normaliseCapitals(text);
  if (normalised.length === 0) return { ok: false, message: 'capitals are empty' };
  let high = 0n; // above 亿
  let wan = 0n;
  let section = 0n;
  let pending = 0n;
  let yuan = 0n;
  let jiao = 0n;
  let fen = 0n;
  let seenYuan = false;
  for (const ch of normalised) {
    const d = DIGIT_VALUE[ch];
    if (d !== undefined) {
      pending = BigInt(d);
      continue;
    }
    const small = SMALL_UNIT[ch];
    if (small !== undefined) {
      if (pending === 0n) return { ok: false, message: `${ch} must follow a digit (write 壹${ch}, not ${ch})` };
      section += pending * BigInt(small);
      pending = 0n;
      continue;
    }
    switch (ch) {
      case '万':
        wan += (section + pending) * 10_000n;
        section = 0n;
        pending = 0n;
        break;
      case '亿':
        high = (high + wan + section + pending) * 100_000_000n;
        wan = 0n;
        section = 0n;
        pending = 0n;
        break;
      case '元':
        if (seenYuan) return { ok: false, message: '元 appears twice' };
        seenYuan = true;
        yuan = high + wan + section + pending;
        high = wan = section = pending = 0n;
        break;
      case '角':
        jiao = pending;
        pending = 0n;
        break;
      case '分':
        fen = pending;
        pending = 0n;
        break;
      case '整':
        break;
      default:
        return { ok: false, message: `"${ch}" is not allowed in capitals` };
    }
  }
  if (high + wan + section + pending !== 0n) return { ok: false, message: 'capitals must end in 元, 角, 分 or 整' };
  const amountMinor = yuan * 100n + jiao * 10n + fen;
  if (amountMinor > MAX_AMOUNT_MINOR) return { ok: false, message: 'amount beyond the largest amount the system allows' };
  if (!acceptedCapitals(amountMinor).includes(normalised)) {
    return { ok: false, message: `not a correct writing; write ${amountInCapitals(amountMinor)}` };
  }
  return { ok: true, amountMinor };
}
