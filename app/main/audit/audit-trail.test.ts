import { describe, expect, it } from 'vitest';
import { memoryStore } from '../store/test-support/test-store';
import { appendAudit } from './audit-log';
import { dayStartIso, pageAuditTrail, summarizeDetail } from './audit-trail';

/** Entries at known times: the store's own 'store.initialised' is not in a bare memory store. */
function storeWith(entries: { at: string; actor: string; action: string }[]) {
  const db = memoryStore();
  db.transaction(() => {
    entries.forEach((e, i) => appendAudit(db, { ...e, entity: 'payment', entityId: `p${i + 1}`, detail: { n: i + 1 } }));
  })();
  return db;
}

const many = Array.from({ length: 23 }, (_, i) => ({
  at: `2026-11-26T0${i % 10}:00:00.000Z`,
  actor: i % 3 === 0 ? 'clerk1' : 'super1',
  action: i % 2 === 0 ? 'payment.captured' : 'payment.verified',
}));

describe('audit trail paging', () => {
  it('walks the whole log newest first by keyset, every entry once, total on the first page only', () => {
    const db = storeWith(many);
    const seen: number[] = [];
    let beforeSeq: number | undefined;
    let pages = 0;
    for (;;) {
      const page = pageAuditTrail(db, { filter: {}, beforeSeq, limit: 5 });
      pages += 1;
      expect(page.total).toBe(pages === 1 ? 23 : null);
      seen.push(...page.entries.map((e) => e.seq));
      if (page.nextBeforeSeq === null) break;
      expect(page.nextBeforeSeq).toBe(page.entries.at(-1)?.seq);
      beforeSeq = page.nextBeforeSeq;
    }
    expect(pages).toBe(5);
    expect(seen).toEqual(Array.from({ length: 23 }, (_, i) => 23 - i));
  });

  it('answers rows with subject, a detail summary and both hashes', () => {
    const db = storeWith(many.slice(0, 2));
    const [newest, oldest] = pageAuditTrail(db, { filter: {}, limit: 10 }).entries;
    expect(newest).toMatchObject({ seq: 2, actor: 'super1', action: 'payment.verified', subject: 'payment p2', details: 'n=2' });
    expect(newest?.prevHash).toBe(oldest?.hash);
    expect(oldest?.prevHash).toBe('0'.repeat(64));
  });

  it('a page exactly at the end says there is no next page', () => {
    const db = storeWith(many.slice(0, 10));
    expect(pageAuditTrail(db, { filter: {}, limit: 10 }).nextBeforeSeq).toBeNull();
    expect(pageAuditTrail(db, { filter: {}, limit: 9 }).nextBeforeSeq).toBe(2);
  });
});

describe('audit trail filters', () => {
  it('actor is exact, and keyset paging holds inside a filter', () => {
    const db = storeWith(many);
    const first = pageAuditTrail(db, { filter: { actor: 'clerk1' }, limit: 3 });
    expect(first.total).toBe(8);
    expect(first.entries.every((e) => e.actor === 'clerk1')).toBe(true);
    const second = pageAuditTrail(db, { filter: { actor: 'clerk1' }, beforeSeq: first.nextBeforeSeq ?? 0, limit: 10 });
    expect([...first.entries, ...second.entries].map((e) => e.seq)).toEqual([22, 19, 16, 13, 10, 7, 4, 1]);
    expect(pageAuditTrail(db, { filter: { actor: 'clerk' }, limit: 3 }).total).toBe(0);
  });

  it('action matches itself or its family at a dot, not any prefix', () => {
    const db = storeWith([
      { at: '2026-11-26T01:00:00.000Z', actor: 'a', action: 'auth.login' },
      { at: '2026-11-26T01:00:00.000Z', actor: 'a', action: 'auth.login_failed' },
      { at: '2026-11-26T01:00:00.000Z', actor: 'a', action: 'authority.x' },
      { at: '2026-11-26T01:00:00.000Z', actor: 'a', action: 'payment.captured' },
    ]);
    const actions = (action: string) => pageAuditTrail(db, { filter: { action }, limit: 10 }).entries.map((e) => e.action);
    expect(actions('auth')).toEqual(['auth.login_failed', 'auth.login']);
    expect(actions('auth.login')).toEqual(['auth.login']);
    expect(actions('auth.log')).toEqual([]);
    expect(actions('payment.captured')).toEqual(['payment.captured']);
  });

  it('dates are clearing-centre (UTC+8) days, inclusive at both ends', () => {
    const db = storeWith([
      { at: '2026-11-25T15:59:59.999Z', actor: 'a', action: 'x' }, // 11-25 23:59:59 in Wuhan
      { at: '2026-11-25T16:00:00.000Z', actor: 'a', action: 'x' }, // 11-26 00:00
      { at: '2026-11-26T15:59:59.999Z', actor: 'a', action: 'x' }, // 11-26 23:59:59
      { at: '2026-11-26T16:00:00.000Z', actor: 'a', action: 'x' }, // 11-27 00:00
    ]);
    const seqs = (from?: string, to?: string) => pageAuditTrail(db, { filter: { from, to }, limit: 10 }).entries.map((e) => e.seq);
    expect(seqs('2026-11-26', '2026-11-26')).toEqual([3, 2]);
    expect(seqs('2026-11-26')).toEqual([4, 3, 2]);
    expect(seqs(undefined, '2026-11-25')).toEqual([1]);
    expect(dayStartIso('2026-11-26')).toBe('2026-11-25T16:00:00.000Z');
  });
});

describe('detail summary', () => {
  it('lists top-level pairs, nested values as JSON, clipped at 240 characters', () => {
    expect(summarizeDetail('{"amount":"1.00","to":"ICBC"}')).toBe('amount=1.00, to=ICBC');
    expect(summarizeDetail('{"filter":{"actor":"clerk1"},"ok":true}')).toBe('filter={"actor":"clerk1"}, ok=true');
    const long = summarizeDetail(JSON.stringify({ note: 'x'.repeat(500) }));
    expect(long).toHaveLength(240);
    expect(long.endsWith('…')).toBe(true);
  });
});
