import { describe, expect, it } from 'vitest';
import { reconcile } from './engine';
import { uniqueSubset } from './match-subset';
import { parseRules } from './rules';
import { assertUniqueIds, type StatementLine } from './statement-line';

let seq = 0;
function line(over: Partial<StatementLine> & { amountMinor: bigint }): StatementLine {
  seq += 1;
  return { id: `L${seq}`, date: '2026-11-26', currency: 'CNY', reference: null, endToEndId: null, counterparty: null, description: null, ...over };
}

describe('rule 1: exact reference', () => {
  it('matches equal amounts on the reference or the end-to-end id, ignoring case and spaces', () => {
    const books = [line({ id: 'b1', amountMinor: 10000n, reference: 'E2E-0001' }), line({ id: 'b2', amountMinor: -500n, reference: ' hk900002 ' })];
    const statement = [
      line({ id: 's1', amountMinor: 10000n, reference: 'HK900001', endToEndId: 'e2e-0001' }),
      line({ id: 's2', amountMinor: -500n, reference: 'HK900002' }),
    ];
    expect(reconcile(books, statement)).toEqual({
      matches: [
        { books: ['b1'], statement: ['s1'], rule: 'reference', score: 1 },
        { books: ['b2'], statement: ['s2'], rule: 'reference', score: 1 },
      ],
      unmatched: { books: [], statement: [] },
    });
  });

  it('allows a fee the right way round only, within the smaller of the absolute and relative caps', () => {
    // Allowance on 1000.00 with defaults: min(20.00, 0.5% = 5.00) = 5.00.
    const books = [
      line({ id: 'in', amountMinor: 100000n, reference: 'REF-IN' }),
      line({ id: 'out', amountMinor: -100000n, reference: 'REF-OUT' }),
      line({ id: 'over', amountMinor: 100000n, reference: 'REF-OVER' }),
      line({ id: 'wrongway', amountMinor: 100000n, reference: 'REF-UP' }),
    ];
    const statement = [
      line({ id: 's-in', amountMinor: 99500n, reference: 'REF-IN' }), // 5.00 less arrived
      line({ id: 's-out', amountMinor: -100250n, reference: 'REF-OUT' }), // 2.50 more left
      line({ id: 's-over', amountMinor: 99499n, reference: 'REF-OVER' }), // 5.01: too much
      line({ id: 's-up', amountMinor: 100100n, reference: 'REF-UP' }), // more arrived: not a fee
    ];
    const result = reconcile(books, statement);
    expect(result.matches.map((m) => [m.books[0], m.rule])).toEqual([
      ['in', 'reference-fee'],
      ['out', 'reference-fee'],
    ]);
    expect(result.matches[0]?.score).toBe(0.855); // 0.95 x (1 - 0.1 x full allowance)
    expect(result.matches[1]?.score).toBe(0.903); // 0.95 x (1 - 0.1 x half)
    expect(result.unmatched).toEqual({ books: ['over', 'wrongway'], statement: ['s-over', 's-up'] });
  });

  it('matches a payment and its separately booked charge as a group (the CBPR+ camt.053 sample)', () => {
    const books = [line({ id: 'pay', amountMinor: -245000n, reference: 'pacs008EndToEndId-001' })];
    const statement = [
      line({ id: 'ABKREF-125646', amountMinor: -245000n, reference: 'ABKREF-125646', endToEndId: 'pacs008EndToEndId-001' }),
      line({ id: 'ABCREF-125678', amountMinor: -1000n, reference: 'ABCREF-125678', endToEndId: 'pacs008EndToEndId-001' }),
    ];
    const [match] = reconcile(books, statement).matches;
    // Fee 10.00 of an allowance min(20.00, 0.5% x 2450.00 = 12.25): 0.97 x (1 - 0.1 x 10/12.25) = 0.891.
    expect(match).toEqual({ books: ['pay'], statement: ['ABKREF-125646', 'ABCREF-125678'], rule: 'reference-group', score: 0.891 });
  });

  it('falls back to unique exact amounts inside a reference group whose sums disagree', () => {
    const books = [line({ id: 'b1', amountMinor: 100n * 100n, reference: 'BATCH-7' }), line({ id: 'b2', amountMinor: 200n * 100n, reference: 'BATCH-7' })];
    const statement = [line({ id: 's1', amountMinor: 100n * 100n, endToEndId: 'BATCH-7' }), line({ id: 's2', amountMinor: 999n * 100n, endToEndId: 'BATCH-7' })];
    const result = reconcile(books, statement);
    expect(result.matches).toEqual([{ books: ['b1'], statement: ['s1'], rule: 'reference', score: 1 }]);
    expect(result.unmatched).toEqual({ books: ['b2'], statement: ['s2'] });
  });

  it('reports reference matches in statement order, and a books line with two keys only once', () => {
    const books = [line({ id: 'b1', amountMinor: 700n, reference: 'AAA-2' }), line({ id: 'b2', amountMinor: 800n, reference: 'ZZZ-1', endToEndId: 'MMM-3' })];
    const statement = [
      line({ id: 's1', amountMinor: 800n, endToEndId: 'ZZZ-1' }),
      line({ id: 's2', amountMinor: 700n, endToEndId: 'AAA-2' }),
      // b2's end-to-end id names this one too: b2 is already taken by s1, met first.
      line({ id: 's3', amountMinor: 800n, endToEndId: 'MMM-3' }),
    ];
    const result = reconcile(books, statement);
    expect(result.matches.map((m) => [m.books[0], m.statement[0]])).toEqual([
      ['b2', 's1'],
      ['b1', 's2'],
    ]);
    expect(result.unmatched).toEqual({ books: [], statement: ['s3'] });
    // The statement's order decides which of the two b2 takes.
    expect(reconcile(books, [statement[2], statement[1], statement[0]] as StatementLine[]).matches.map((m) => [m.books[0], m.statement[0]])).toEqual([
      ['b2', 's3'],
      ['b1', 's2'],
    ]);
  });

  it('ignores placeholder and too-short references', () => {
    const books = [line({ id: 'b1', amountMinor: 1n, reference: 'NOTPROVIDED', date: '2026-01-01' }), line({ id: 'b2', amountMinor: 2n, reference: 'AB', date: '2026-01-01' })];
    const statement = [line({ id: 's1', amountMinor: 1n, endToEndId: 'NOTPROVIDED', date: '2026-06-01' }), line({ id: 's2', amountMinor: 2n, reference: 'AB', date: '2026-06-01' })];
    expect(reconcile(books, statement).matches).toEqual([]);
  });
});

describe('rule 2: amount, date window and counterparty', () => {
  it('matches a lost reference by amount, date and a similar name; scores it below a reference', () => {
    const books = [line({ id: 'b', amountMinor: 1234567n, date: '2026-11-24', counterparty: 'Wuhan Iron & Steel Co., Ltd.', reference: 'MINE-1' })];
    const statement = [line({ id: 's', amountMinor: 1234567n, date: '2026-11-25', counterparty: 'WUHAN IRON AND STEEL', reference: 'HK1' })];
    const [match] = reconcile(books, statement).matches;
    expect(match?.rule).toBe('amount-date');
    // 0.35 amount + 0.25 x (1 - 1/4) date + 0.4 name = 0.9375
    expect(match?.score).toBe(0.938);
  });

  it('refuses a different counterparty, a date outside the window, and a near amount with no name', () => {
    const books = [
      line({ id: 'b1', amountMinor: 50000n, counterparty: 'Hankou Guanggu Steel', date: '2026-11-10' }),
      line({ id: 'b2', amountMinor: 70000n, counterparty: 'Jingzhou Paper', date: '2026-11-10' }),
      line({ id: 'b3', amountMinor: 90000n, date: '2026-11-10' }),
    ];
    const statement = [
      line({ id: 's1', amountMinor: 50000n, counterparty: 'HANKOU FUXING TEXTILE', date: '2026-11-10' }),
      line({ id: 's2', amountMinor: 70000n, counterparty: 'JINGZHOU PAPER', date: '2026-11-14' }),
      line({ id: 's3', amountMinor: 89990n, date: '2026-11-10' }),
    ];
    expect(reconcile(books, statement).matches).toEqual([]);
  });

  it('leaves twins for a person: the same amount to the same payee on nearby days', () => {
    const books = [
      line({ id: 'b1', amountMinor: -10000n, counterparty: 'State Grid Hubei', date: '2026-11-10' }),
      line({ id: 'b2', amountMinor: -10000n, counterparty: 'State Grid Hubei', date: '2026-11-11' }),
    ];
    const statement = [
      line({ id: 's1', amountMinor: -10000n, counterparty: 'STATE GRID HUBEI', date: '2026-11-11' }),
      line({ id: 's2', amountMinor: -10000n, counterparty: 'STATE GRID HUBEI', date: '2026-11-12' }),
    ];
    const result = reconcile(books, statement);
    expect(result.matches).toEqual([]);
    expect(result.unmatched).toEqual({ books: ['b1', 'b2'], statement: ['s1', 's2'] });
  });

  it('leaves a line with two equally good candidates unmatched', () => {
    const books = [line({ id: 'b', amountMinor: 30000n, counterparty: 'ACME Trading', date: '2026-11-10' })];
    const statement = [
      line({ id: 's1', amountMinor: 30000n, counterparty: 'ACME TRADING', date: '2026-11-09' }),
      line({ id: 's2', amountMinor: 30000n, counterparty: 'ACME TRADING', date: '2026-11-11' }),
    ];
    expect(reconcile(books, statement).matches).toEqual([]);
  });
});

describe('rule 3: splits and batches', () => {
  it('one books line paid in three statement lines (one-to-many)', () => {
    const books = [line({ id: 'b', amountMinor: 1000000n, counterparty: 'Yichang Optics Co Ltd', date: '2026-11-10' })];
    const statement = [
      line({ id: 's1', amountMinor: 400000n, counterparty: 'YICHANG OPTICS', date: '2026-11-10' }),
      line({ id: 's2', amountMinor: 350000n, counterparty: 'YICHANG OPTICS', date: '2026-11-11' }),
      line({ id: 's3', amountMinor: 250000n, counterparty: 'YICHANG OPTICS', date: '2026-11-12' }),
      line({ id: 'other', amountMinor: 123400n, counterparty: 'YICHANG OPTICS', date: '2026-11-12' }),
    ];
    const result = reconcile(books, statement);
    expect(result.matches).toEqual([{ books: ['b'], statement: ['s1', 's2', 's3'], rule: 'one-to-many', score: 0.88 }]);
    expect(result.unmatched.statement).toEqual(['other']);
  });

  it('several books lines settled as one statement line (many-to-one)', () => {
    const books = [
      line({ id: 'b1', amountMinor: -120000n, counterparty: '武汉长江物流有限公司', date: '2026-11-10' }),
      line({ id: 'b2', amountMinor: -80000n, counterparty: '武汉长江物流有限公司', date: '2026-11-10' }),
    ];
    const statement = [line({ id: 's', amountMinor: -200000n, counterparty: '武汉长江物流', date: '2026-11-11' })];
    expect(reconcile(books, statement).matches).toEqual([{ books: ['b1', 'b2'], statement: ['s'], rule: 'many-to-one', score: 0.9 }]);
  });

  it('leaves a split with two possible subsets for a person', () => {
    const books = [line({ id: 'b', amountMinor: 300n, counterparty: 'ACME', date: '2026-11-10' })];
    const statement = ['s1', 's2', 's3'].map((id) => line({ id, amountMinor: id === 's3' ? 200n : 100n, counterparty: 'ACME', date: '2026-11-10' }));
    // 100 + 200 can be s1+s3 or s2+s3.
    expect(reconcile(books, statement).matches).toEqual([]);
  });

  it('uniqueSubset: exact beats near, two exact is ambiguous, the step budget is honoured', () => {
    expect(uniqueSubset([500n, 300n, 200n, 7n], 1000n, 1010n, 1000n, 5, 10_000)).toEqual([0, 1, 2]);
    expect(uniqueSubset([500n, 500n, 300n, 200n], 1000n, 1000n, 1000n, 5, 10_000)).toBeNull();
    expect(uniqueSubset([600n, 395n], 990n, 1000n, 1000n, 5, 10_000)).toEqual([0, 1]);
    const many = Array.from({ length: 30 }, (_, i) => BigInt(1000 + i));
    expect(uniqueSubset(many, 5055n, 5055n, 5055n, 5, 100)).toBeNull();
  });
});

describe('the result as a whole', () => {
  it('never matches a line twice and accounts for every line; re-running gives the same result', () => {
    const books = [
      line({ id: 'b1', amountMinor: 100n, reference: 'SAME-REF' }),
      line({ id: 'b2', amountMinor: 100n, counterparty: 'X Co', date: '2026-11-25' }),
    ];
    const statement = [line({ id: 's1', amountMinor: 100n, endToEndId: 'SAME-REF', counterparty: 'X CO', date: '2026-11-25' })];
    const first = reconcile(books, statement);
    expect(first.matches).toEqual([{ books: ['b1'], statement: ['s1'], rule: 'reference', score: 1 }]);
    expect(first.unmatched).toEqual({ books: ['b2'], statement: [] });
    expect(reconcile(books, statement)).toEqual(first);
  });

  it('refuses duplicate ids and bad rules files', () => {
    const a = line({ id: 'dup', amountMinor: 1n });
    expect(() => reconcile([a, { ...a }], [])).toThrow('"dup" appears more than once');
    // Among many lines (the check is a hash table of its own): distinct ids pass, one repeat is found.
    const many = Array.from({ length: 5000 }, (_, i) => line({ id: `L${i}`, amountMinor: 1n }));
    expect(() => assertUniqueIds(many, 'books')).not.toThrow();
    expect(() => assertUniqueIds([...many, line({ id: 'L4321', amountMinor: 2n })], 'statement')).toThrow('statement: id "L4321" appears more than once');
    expect(() => parseRules({ feeTolerance: { absoluteMinor: -1 } })).toThrow();
    expect(() => parseRules({ amountDate: { windowDays: 3 } })).toThrow();
    expect(parseRules({ amountDate: { dateWindowDays: 1 } }).amountDate).toMatchObject({ dateWindowDays: 1, minScore: 0.7 });
  });

  it('handles amounts beyond 32 bits and either sign exactly in the amount search', () => {
    const books = [
      line({ id: 'big-out', amountMinor: -500_000_000_000n, counterparty: 'Hubei Power', date: '2026-11-10' }),
      line({ id: 'edge-in', amountMinor: 4_294_967_297n, counterparty: 'Jingzhou Grain', date: '2026-11-10' }),
    ];
    const statement = [
      line({ id: 's-out', amountMinor: -500_000_001_000n, counterparty: 'HUBEI POWER', date: '2026-11-10' }), // 10.00 fee
      line({ id: 's-in', amountMinor: 4_294_967_295n, counterparty: 'JINGZHOU GRAIN', date: '2026-11-10' }), // 0.02 fee, across 2^32
      line({ id: 's-far', amountMinor: 4_294_967_297n - 2001n, counterparty: 'JINGZHOU GRAIN', date: '2026-11-10' }), // beyond 20.00
    ];
    const result = reconcile(books, statement);
    expect(result.matches.map((m) => [m.books[0], m.statement[0], m.rule])).toEqual([
      ['big-out', 's-out', 'amount-date-fee'],
      ['edge-in', 's-in', 'amount-date-fee'],
    ]);
    expect(result.unmatched.statement).toEqual(['s-far']);
  });

  it('splits amounts beyond the number search (over 2^47 minor units) in BigInt, exactly', () => {
    const books = [line({ id: 'big', amountMinor: 300_000_000_000_000n, counterparty: 'Hubei Grid', date: '2026-11-10' })];
    const statement = [
      line({ id: 'p1', amountMinor: 100_000_000_000_001n, counterparty: 'HUBEI GRID', date: '2026-11-10' }),
      line({ id: 'p2', amountMinor: 199_999_999_998_999n, counterparty: 'HUBEI GRID', date: '2026-11-11' }), // 10.00 fee between them
      line({ id: 'p3', amountMinor: 123_456_789n, counterparty: 'HUBEI GRID', date: '2026-11-11' }),
    ];
    expect(reconcile(books, statement).matches).toEqual([{ books: ['big'], statement: ['p1', 'p2'], rule: 'one-to-many', score: 0.855 }]);
  });

  it('matches by amount and date per currency, over statements spanning years', () => {
    const books = [line({ id: 'usd', amountMinor: 123_45n, currency: 'USD', counterparty: 'Jinqiao Optics', date: '2026-11-10' })];
    const statement = [
      line({ id: 'cny', amountMinor: 123_45n, currency: 'CNY', counterparty: 'JINQIAO OPTICS', date: '2026-11-10' }),
      line({ id: 'old', amountMinor: 123_45n, currency: 'USD', counterparty: 'JINQIAO OPTICS', date: '2023-11-10' }),
      line({ id: 's-usd', amountMinor: 123_45n, currency: 'USD', counterparty: 'JINQIAO OPTICS', date: '2026-11-12' }),
    ];
    const result = reconcile(books, statement);
    expect(result.matches.map((m) => [m.books[0], m.statement[0], m.rule])).toEqual([['usd', 's-usd', 'amount-date']]);
    expect(result.unmatched.statement).toEqual(['cny', 'old']);
  });

  it('refuses a line with a date that is not a calendar date', () => {
    expect(() => reconcile([line({ id: 'feb30', amountMinor: 1n, date: '2026-02-30' })], [])).toThrow('books: line "feb30"');
  });

  it('tells the caller as each phase ends, in order', () => {
    const phases: string[] = [];
    reconcile([line({ amountMinor: 1n })], [], {}, { onPhaseEnd: (phase) => phases.push(phase) });
    expect(phases).toEqual(['input', 'reference', 'amount-date', 'subset', 'result']);
  });

  it('never mixes currencies', () => {
    const books = [line({ id: 'b', amountMinor: 100n, reference: 'REF-CCY', currency: 'USD' })];
    const statement = [line({ id: 's', amountMinor: 100n, reference: 'REF-CCY', currency: 'CNY' })];
    expect(reconcile(books, statement).matches).toEqual([]);
  });
});
