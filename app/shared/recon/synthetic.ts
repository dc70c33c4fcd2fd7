import { dateOfDay, dayNumber } from './days';
import type { StatementLine } from './statement-line';
import { seededRandom } from '../seeded-random';

/**
 * Generated books and statement with the true links known, for measuring the matcher's link
 * precision and recall (tests) and its speed (bench). Seeded: the same seed gives the same
 * data. Every case the matcher handles is present, in proportions a settlement account sees:
 * references intact or lost, fees taken, payments in parts, batches, a charge booked apart,
 * lines on one side only, and common amounts paid to the same payees on nearby days.
 */
export interface SyntheticCase {
  books: StatementLine[];
  statement: StatementLine[];
  /** True links as "bookId statementId". */
  links: Set<string>;
  /** The event each books line came from, for reporting what was missed. */
  kindOfBook: Map<string, EventKind>;
  counts: Record<EventKind, number>;
}

export type EventKind =
  | 'reference'
  | 'reference-fee'
  | 'reference-charge'
  | 'lost-reference'
  | 'lost-reference-fee'
  | 'common-amount'
  | 'split'
  | 'split-with-reference'
  | 'batch'
  | 'books-only'
  | 'statement-only';

/** Event mix, per 1000 events. */
const MIX: [EventKind, number][] = [
  ['reference', 640],
  ['reference-fee', 50],
  ['reference-charge', 15],
  ['lost-reference', 110],
  ['lost-reference-fee', 30],
  ['common-amount', 25],
  ['split', 30],
  ['split-with-reference', 10],
  ['batch', 30],
  ['books-only', 30],
  ['statement-only', 30],
];

const CITIES = ['Wuhan', 'Hankou', 'Wuchang', 'Hanyang', 'Jingzhou', 'Yichang', 'Xiangyang', 'Huangshi', 'Shiyan', 'Xiaogan', 'Ezhou', 'Suizhou'];
const WORDS = ['Changjiang', 'Huanghe', 'Dongfang', 'Jinqiao', 'Hongshan', 'Qingshan', 'Baishazhou', 'Guanggu', 'Tianhe', 'Xinhua', 'Minsheng', 'Hengtong', 'Lianhua', 'Taiping', 'Zhongnan', 'Xingye', 'Fuxing', 'Longteng', 'Ruifeng', 'Jiahe'];
const TRADES = ['Steel', 'Logistics', 'Textile', 'Trading', 'Pharma', 'Electronics', 'Foods', 'Machinery', 'Construction', 'Chemicals', 'Printing', 'Paper', 'Optics', 'Auto Parts', 'Software'];
const FORMS = ['Co., Ltd.', 'Company Limited', 'Co Ltd', 'Ltd', 'Corp.', 'Group Co., Ltd.'];
const CN_CITIES = ['武汉', '汉口', '武昌', '汉阳', '荆州', '宜昌', '襄阳', '黄石'];
const CN_WORDS = ['长江', '东方', '金桥', '洪山', '青山', '光谷', '天河', '新华', '民生', '恒通', '联华', '中南'];
const CN_TRADES = ['钢铁', '物流', '纺织', '贸易', '医药', '电子', '食品', '机械', '建设', '化工'];
const PAYEES = ['China Mobile Hubei', 'State Grid Hubei Electric', 'Wuhan Water Supply', 'Wuhan Gas Group', 'China Telecom Wuhan', 'Hubei Social Insurance', 'Wuhan Property Services', 'Hubei Expressway Tolls'];
const COMMON_AMOUNTS = [10_000n, 20_000n, 50_000n, 100_000n, 500_000n];

/** Seeded, so synthetic data is the same on every run. */
const rng = seededRandom;

/**
 * `linesPerSide`: generation stops when either side reaches it (the other is a little short).
 * `exactLinesPerSide`: generate a few percent more, then keep exactly that many lines a side
 * (the first made on each; links to a line cut off are dropped from the truth).
 */
export function generateReconCase(options: { seed: number; linesPerSide: number; exactLinesPerSide?: number; startDate?: string; days?: number }): SyntheticCase {
  const random = rng(options.seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const startDay = dayNumber(options.startDate ?? '2026-11-02');
  const days = options.days ?? 20;
  const names: string[] = [];
  for (let i = 0; i < 3000; i += 1) {
    names.push(
      i % 5 === 4
        ? `${pick(CN_CITIES)}${pick(CN_WORDS)}${pick(CN_TRADES)}有限公司`
        : `${pick(CITIES)} ${pick(WORDS)} ${pick(TRADES)} ${pick(FORMS)}`,
    );
  }
  /** How the bank's statement spells a name: upper case, legal form dropped, now and then a typo. */
  const variant = (name: string, allowTypo: boolean): string => {
    let v = name.endsWith('有限公司') ? name.slice(0, -4) : name.toUpperCase().replace(/,/g, '').replace(/\./g, '');
    if (allowTypo && random() < 0.15 && v.length > 8) {
      const at = 4 + int(v.length - 6);
      v = v.slice(0, at) + v.charAt(at + 1) + v.charAt(at) + v.slice(at + 2);
    }
    return v;
  };
  const amount = (): bigint => {
    const magnitude = BigInt(Math.floor(Math.exp(Math.log(1_000) + random() * Math.log(100_000_000 / 1_000))));
    return random() < 0.5 ? magnitude : -magnitude;
  };
  /** A fee no larger than the default allowance (min 20.00, 0.5%), at least 0.01. */
  const fee = (a: bigint): bigint => {
    const m = a < 0n ? -a : a;
    const cap = [2000n, (m * 50n) / 10_000n].reduce((x, y) => (x < y ? x : y));
    return cap < 1n ? 0n : 1n + BigInt(int(Number(cap)));
  };
  const books: StatementLine[] = [];
  const statement: StatementLine[] = [];
  const links = new Set<string>();
  const kindOfBook = new Map<string, EventKind>();
  let currentKind: EventKind = 'reference';
  const counts = Object.fromEntries(MIX.map(([k]) => [k, 0])) as Record<EventKind, number>;
  const totalWeight = MIX.reduce((s, [, w]) => s + w, 0);
  let seq = 0;
  const book = (day: number, amountMinor: bigint, reference: string | null, counterparty: string | null): string => {
    const id = `B${String(books.length + 1).padStart(7, '0')}`;
    kindOfBook.set(id, currentKind);
    books.push({ id, date: dateOfDay(day), amountMinor, currency: 'CNY', reference, endToEndId: null, counterparty, description: null });
    return id;
  };
  const stmt = (day: number, amountMinor: bigint, e2e: string | null, counterparty: string | null): string => {
    const id = `S${String(statement.length + 1).padStart(7, '0')}`;
    statement.push({ id, date: dateOfDay(day), amountMinor, currency: 'CNY', reference: `HK${String(900_000_000 + statement.length)}`, endToEndId: e2e, counterparty, description: null });
    return id;
  };
  const link = (b: string[], s: string[]) => {
    for (const x of b) for (const y of s) links.add(`${x} ${y}`);
  };
  const parts = (total: bigint, n: number): bigint[] => {
    const out: bigint[] = [];
    let left = total;
    for (let i = 0; i < n - 1; i += 1) {
      const share = (left * BigInt(20 + int(40))) / 100n;
      out.push(share);
      left -= share;
    }
    out.push(left);
    return out;
  };
  while (books.length < options.linesPerSide && statement.length < options.linesPerSide) {
    seq += 1;
    let roll = int(totalWeight);
    let kind: EventKind = 'reference';
    for (const [k, w] of MIX) {
      if (roll < w) {
        kind = k;
        break;
      }
      roll -= w;
    }
    counts[kind] += 1;
    currentKind = kind;
    const day = startDay + int(days);
    const lag = int(2);
    const name = pick(names);
    const ref = `E2E${String(seq).padStart(10, '0')}`;
    const a = amount();
    switch (kind) {
      case 'reference':
        link([book(day, a, ref, name)], [stmt(day + lag, a, ref, variant(name, true))]);
        break;
      case 'reference-fee':
        link([book(day, a, ref, name)], [stmt(day + lag, a - fee(a), ref, variant(name, true))]);
        break;
      case 'reference-charge': {
        const out = a < 0n ? a : -a;
        const charge = fee(out);
        link([book(day, out, ref, name)], [stmt(day, out, ref, variant(name, false)), ...(charge > 0n ? [stmt(day, -charge, ref, null)] : [])]);
        break;
      }
      case 'lost-reference':
        link([book(day, a, ref, name)], [stmt(day + lag, a, null, variant(name, true))]);
        break;
      case 'lost-reference-fee':
        link([book(day, a, ref, name)], [stmt(day + int(3), a - fee(a), null, variant(name, true))]);
        break;
      case 'common-amount': {
        const payee = pick(PAYEES);
        const common = -pick(COMMON_AMOUNTS);
        link([book(day, common, ref, payee)], [stmt(day + lag, common, null, variant(payee, false))]);
        break;
      }
      case 'split':
      case 'split-with-reference': {
        const n = 2 + int(3);
        const withRef = kind === 'split-with-reference';
        const b = book(day, a, ref, name);
        const s = parts(a, n).map((p) => stmt(day + int(3), p, withRef ? ref : null, variant(name, false)));
        link([b], s);
        break;
      }
      case 'batch': {
        const n = 2 + int(4);
        const b = parts(a, n).map((p) => book(day - int(2), p, `${ref}-${books.length}`, name));
        link(b, [stmt(day, a, null, variant(name, false))]);
        break;
      }
      case 'books-only':
        book(day, a, ref, name);
        break;
      case 'statement-only':
        stmt(day, a, null, random() < 0.5 ? null : variant(pick(names), true));
        break;
    }
  }
  if (options.exactLinesPerSide !== undefined) {
    const keep = options.exactLinesPerSide;
    if (books.length < keep || statement.length < keep) throw new Error(`exactLinesPerSide ${keep}: linesPerSide must be a few percent larger`);
    for (const line of books.splice(keep)) kindOfBook.delete(line.id);
    statement.splice(keep);
    const kept = (id: string, side: StatementLine[]) => Number(id.slice(1)) <= side.length;
    for (const link of [...links]) {
      const [b, s] = link.split(' ') as [string, string];
      if (!kept(b, books) || !kept(s, statement)) links.delete(link);
    }
  }
  // Statements arrive in date order; books in the order they were keyed.
  statement.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : x.id < y.id ? -1 : 1));
  return { books, statement, links, kindOfBook, counts };
}

/** Link precision and recall of matches against the truth. */
export function linkQuality(
  matches: readonly { books: string[]; statement: string[] }[],
  truth: ReadonlySet<string>,
): { predicted: number; correct: number; truth: number; precision: number; recall: number } {
  let predicted = 0;
  let correct = 0;
  for (const m of matches) {
    for (const b of m.books) {
      for (const s of m.statement) {
        predicted += 1;
        if (truth.has(`${b} ${s}`)) correct += 1;
      }
    }
  }
  return { predicted, correct, truth: truth.size, precision: predicted === 0 ? 1 : correct / predicted, recall: truth.size === 0 ? 1 : correct / truth.size };
}
