import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readIso20022, readMessageReject, writePacs028, type PaymentMessage, type StatementMessage } from '../shared/iso20022';
import { startHouse, type RunningHouse } from './house';
import { TEST_SEED, TOKENS, call, paymentPayload, pushBody } from './test-support/fixtures';

/**
 * ISO 20022 at the house (docs/iso20022.md): pacs.008 in, pacs.002 out, pacs.028 inquiries and
 * camt.053 statements, on PGlite in memory. Bank codes: A 102521000011, B 103521000012,
 * C 104521000013; A and B hold 1,000,000.00, C 100.00 with a 50.00 net debit cap.
 */
const BUSINESS_DATE = '2026-03-02';
const CODE = { A: '102521000011', B: '103521000012', C: '104521000013' } as const;

interface Tx {
  e2e: string;
  to: string;
  amount: string;
  currency?: string;
  from?: string;
  channel?: 'RTGS' | 'MPNS';
  priority?: 'URGT' | 'HIGH' | 'NORM';
  date?: string;
  debtorAccount?: string;
}

/** A pacs.008 as a bank's system writes one (v08 or v09), with CNAPS member ids as agents. */
function pacs008(version: '08' | '09', messageId: string, txs: Tx[], from: string = CODE.A): string {
  const body = txs
    .map(
      (tx) => `
  <CdtTrfTxInf>
   <PmtId><InstrId>I-${tx.e2e}</InstrId><EndToEndId>${tx.e2e}</EndToEndId></PmtId>
   ${tx.channel ? `<PmtTpInf><ClrChanl>${tx.channel}</ClrChanl></PmtTpInf>` : ''}
   <IntrBkSttlmAmt Ccy="${tx.currency ?? 'CNY'}">${tx.amount}</IntrBkSttlmAmt>
   <IntrBkSttlmDt>${tx.date ?? BUSINESS_DATE}</IntrBkSttlmDt>
   ${tx.priority ? `<SttlmPrty>${tx.priority}</SttlmPrty>` : ''}
   <ChrgBr>SLEV</ChrgBr>
   <Dbtr><Nm>汉口商贸有限公司</Nm></Dbtr>
   <DbtrAcct><Id><Othr><Id>${tx.debtorAccount ?? '6222020000000001'}</Id></Othr></Id></DbtrAcct>
   <DbtrAgt><FinInstnId><ClrSysMmbId><MmbId>${tx.from ?? from}</MmbId></ClrSysMmbId></FinInstnId></DbtrAgt>
   <CdtrAgt><FinInstnId><ClrSysMmbId><MmbId>${tx.to}</MmbId></ClrSysMmbId></FinInstnId></CdtrAgt>
   <Cdtr><Nm>武昌医药有限公司</Nm></Cdtr>
   <CdtrAcct><Id><Othr><Id>6222020000000002</Id></Othr></Id></CdtrAcct>
   <RmtInf><Ustrd>货款 ${tx.e2e}</Ustrd></RmtInf>
  </CdtTrfTxInf>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.${version}">
 <FIToFICstmrCdtTrf>
  <GrpHdr><MsgId>${messageId}</MsgId><CreDtTm>${BUSINESS_DATE}T09:30:00+08:00</CreDtTm><NbOfTxs>${txs.length}</NbOfTxs>
   <SttlmInf><SttlmMtd>CLRG</SttlmMtd></SttlmInf></GrpHdr>${body}
 </FIToFICstmrCdtTrf>
</Document>`;
}

async function post(house: RunningHouse, path: string, token: string, body: string, type = 'application/xml'): Promise<{ status: number; type: string; text: string }> {
  const response = await fetch(`${house.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body });
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
}

async function get(house: RunningHouse, path: string, token: string): Promise<{ status: number; type: string; text: string }> {
  const response = await fetch(`${house.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
}

function statuses(xml: string): Record<string, string> {
  const message = readIso20022(xml) as PaymentMessage;
  expect(message.type).toBe('pacs.002');
  return Object.fromEntries(message.transactions.map((t) => [t.endToEndId, t.reasonCode ? `${t.status} ${t.reasonCode}` : String(t.status)]));
}

async function balance(house: RunningHouse, token: string): Promise<string> {
  const me = await call(`${house.url}/v1/accounts/me`, token, 'GET');
  return (me.json as { balance: string }).balance;
}

async function ledger(house: RunningHouse): Promise<string> {
  const counts: string[] = [];
  for (const table of ['payments', 'mutation_rejections', 'journal', 'feed', 'iso_transactions', 'devices']) {
    const { rows } = await house.store.query<{ n: unknown }>(`SELECT count(*) AS n FROM ${table}`);
    counts.push(`${table}=${String(rows[0]?.n)}`);
  }
  const { rows } = await house.store.query<{ b: string }>("SELECT string_agg(id || ':' || balance_minor::text, ',' ORDER BY id) AS b FROM participants");
  return `${counts.join(' ')} ${rows[0]?.b}`;
}

describe('house: ISO 20022 pacs.008 / pacs.002 / pacs.028 / camt.053', () => {
  let house: RunningHouse;

  beforeAll(async () => {
    house = await startHouse({ seed: TEST_SEED, logLevel: 'silent', cycleIntervalMs: 0, offsetIntervalMs: 0, businessDate: BUSINESS_DATE });
  });
  afterAll(async () => {
    await house.close();
  });

  it('a v08 pacs.008 of one HVPS transfer settles at once: ACSC, and A is debited', async () => {
    const answer = await post(house, '/v1/iso/pacs.008', TOKENS.A, pacs008('08', 'MSG-V08-1', [{ e2e: 'E2E-1', to: CODE.B, amount: '1250.50', priority: 'HIGH' }]));
    expect(answer.status, answer.text).toBe(200);
    expect(answer.type).toMatch(/^application\/xml/);
    const report = readIso20022(answer.text) as PaymentMessage;
    expect(report.version).toBe('001.10');
    expect(answer.text).toContain('<OrgnlMsgId>MSG-V08-1</OrgnlMsgId>');
    expect(answer.text).toContain('<OrgnlMsgNmId>pacs.008.001.08</OrgnlMsgNmId>');
    expect(report.transactions).toEqual([
      expect.objectContaining({ endToEndId: 'E2E-1', status: 'ACSC', amount: '1250.50', currency: 'CNY', debtorAgent: CODE.A, creditorAgent: CODE.B }),
    ]);
    expect(await balance(house, TOKENS.A)).toBe('998749.50');
    expect(await balance(house, TOKENS.B)).toBe('1001250.50');
    const { rows } = await house.store.query<{ kind: string; priority: number; details: { purpose: string } }>("SELECT kind, priority, details FROM payments WHERE submitter_id = 'A'");
    expect(rows).toEqual([{ kind: 'hvps', priority: 1, details: expect.objectContaining({ purpose: '货款 E2E-1' }) }]);
  });

  it('a v09 message with many transactions: one status each, reasons mapped to ISO codes', async () => {
    const xml = pacs008('09', 'MSG-V09-1', [
      { e2e: 'OK-RTGS', to: CODE.B, amount: '10.00' },
      { e2e: 'OK-BEPS', to: CODE.B, amount: '20.00', channel: 'MPNS' },
      { e2e: 'NO-BANK', to: '313521000099', amount: '1.00' },
      { e2e: 'SAME-BANK', to: CODE.A, amount: '1.00' },
      { e2e: 'USD', to: CODE.B, amount: '1.00', currency: 'USD' },
      { e2e: 'RON', to: CODE.B, amount: '1.00', currency: 'RON' },
      { e2e: 'BAD-ACCOUNT', to: CODE.B, amount: '1.00', debtorAccount: '12' },
      { e2e: 'YESTERDAY', to: CODE.B, amount: '1.00', date: '2026-02-27' },
    ]);
    const answer = await post(house, '/v1/iso/pacs.008', TOKENS.A, xml);
    expect(answer.status, answer.text).toBe(200);
    expect((readIso20022(answer.text) as PaymentMessage).version).toBe('001.11');
    expect(statuses(answer.text)).toEqual({
      'OK-RTGS': 'ACSC',
      'OK-BEPS': 'ACSP',
      'NO-BANK': 'RJCT RC01',
      'SAME-BANK': 'RJCT RC02',
      USD: 'RJCT AM11',
      RON: 'RJCT AM11',
      'BAD-ACCOUNT': 'RJCT FF01',
      YESTERDAY: 'RJCT DT01',
    });
  });

  it('C sends beyond its balance: queued (ACSP), settled once liquidity arrives, and pacs.028 then says ACSC', async () => {
    const answer = await post(house, '/v1/iso/pacs.008', TOKENS.C, pacs008('08', 'C-1', [{ e2e: 'C-BIG', to: CODE.A, amount: '500.00' }], CODE.C));
    expect(statuses(answer.text)).toEqual({ 'C-BIG': 'ACSP' });
    const inquiry = () =>
      post(house, '/v1/iso/pacs.028', TOKENS.C, writePacs028({ type: 'pacs.028', version: '001.05', messageId: 'Q-1', originalMessageId: 'C-1', items: [{ originalMessageId: 'C-1', originalEndToEndId: 'C-BIG', originalTransactionId: null, originalInstructionId: null, originalUetr: null }] }, `${BUSINESS_DATE}T10:00:00+08:00`));
    expect(statuses((await inquiry()).text)).toEqual({ 'C-BIG': 'ACSP' });
    const topUp = await call(`${house.url}/v1/admin/participants/C/liquidity`, house.adminToken, 'POST', { amount: '1000.00' });
    expect(topUp.status).toBe(200);
    const after = await inquiry();
    expect(after.status, after.text).toBe(200);
    expect(statuses(after.text)).toEqual({ 'C-BIG': 'ACSC' });
    expect(after.text).toContain('<OrgnlMsgNmId>pacs.028.001.05</OrgnlMsgNmId>');
    // The resend of the original message still answers what was answered then (ACSP), and changes nothing.
    const before = await ledger(house);
    const resend = await post(house, '/v1/iso/pacs.008', TOKENS.C, pacs008('08', 'C-1', [{ e2e: 'C-BIG', to: CODE.A, amount: '500.00' }], CODE.C));
    expect(statuses(resend.text)).toEqual({ 'C-BIG': 'ACSP' });
    expect(await ledger(house)).toBe(before);
  });

  it('a resend answers the same pacs.002, byte for byte, and changes nothing; a new e2e in the same message is applied once', async () => {
    const xml = pacs008('09', 'MSG-RESEND', [{ e2e: 'R-1', to: CODE.B, amount: '3.00' }]);
    const first = await post(house, '/v1/iso/pacs.008', TOKENS.A, xml);
    const before = await ledger(house);
    const again = await post(house, '/v1/iso/pacs.008', TOKENS.A, xml);
    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);
    expect(await ledger(house)).toBe(before);
    const grown = await post(house, '/v1/iso/pacs.008', TOKENS.A, pacs008('09', 'MSG-RESEND', [{ e2e: 'R-1', to: CODE.B, amount: '3.00' }, { e2e: 'R-2', to: CODE.B, amount: '4.00' }]));
    expect(statuses(grown.text)).toEqual({ 'R-1': 'ACSC', 'R-2': 'ACSC' });
    const { rows } = await house.store.query<{ n: unknown }>("SELECT count(*) AS n FROM iso_transactions WHERE message_id = 'MSG-RESEND'");
    expect(Number(rows[0]?.n)).toBe(2);
  });

  it('a bank cannot send as another: a foreign debtor agent is 403 with an admi.002, nothing changed', async () => {
    const before = await ledger(house);
    const answer = await post(house, '/v1/iso/pacs.008', TOKENS.A, pacs008('08', 'SPOOF-1', [{ e2e: 'S-1', to: CODE.C, amount: '1.00', from: CODE.B }]));
    expect(answer.status).toBe(403);
    expect(answer.type).toMatch(/^application\/xml/);
    const reject = readMessageReject(answer.text);
    expect(reject).toMatchObject({ relatedReference: 'SPOOF-1', code: 'sender_not_allowed' });
    expect(reject.messageZh).toContain('付款行');
    expect(await ledger(house)).toBe(before);
  });

  it('pacs.028 answers only the bank\'s own payments: another bank\'s id reads as unknown', async () => {
    const pushed = await call(`${house.url}/v1/sync/push`, TOKENS.B, 'POST', pushBody('b-console', 1, [paymentPayload('B-JSON-1', 'C', '2.00')]));
    expect(pushed.status).toBe(200);
    const ask = (token: string, items: Array<{ e2e?: string; tx?: string }>) =>
      post(
        house,
        '/v1/iso/pacs.028',
        token,
        writePacs028(
          { type: 'pacs.028', version: '001.03', messageId: 'Q-2', originalMessageId: null, items: items.map((i) => ({ originalMessageId: null, originalEndToEndId: i.e2e ?? null, originalTransactionId: i.tx ?? null, originalInstructionId: null, originalUetr: null })) },
          `${BUSINESS_DATE}T11:00:00+08:00`,
        ),
      );
    const mine = await ask(TOKENS.B, [{ tx: 'B-JSON-1' }, { e2e: 'B-JSON-1' }]);
    expect(mine.status, mine.text).toBe(200);
    expect((readIso20022(mine.text) as PaymentMessage).transactions.map((t) => [t.endToEndId, t.status, t.amount])).toEqual([
      ['B-JSON-1', 'ACSC', '2.00'],
      ['B-JSON-1', 'ACSC', '2.00'],
    ]);
    expect(statuses((await ask(TOKENS.A, [{ tx: 'B-JSON-1' }])).text)).toEqual({ 'B-JSON-1': 'RJCT NOT_FOUND' });
    expect(statuses((await ask(TOKENS.B, [{ e2e: 'E2E-1' }])).text)).toEqual({ 'E2E-1': 'RJCT NOT_FOUND' });
    expect(statuses((await ask(TOKENS.A, [{ e2e: 'E2E-1' }, { e2e: 'NO-BANK' }])).text)).toEqual({ 'E2E-1': 'ACSC', 'NO-BANK': 'RJCT RC01' });
  });

  it('camt.054: one notification per settled payment after a cursor, paged, in house order', async () => {
    const page = async (after: number, limit: number) => {
      const response = await fetch(`${house.url}/v1/iso/camt.054?after=${after}&limit=${limit}`, { headers: { authorization: `Bearer ${TOKENS.A}` } });
      const text = response.status === 200 ? await response.text() : '';
      const entries = text === '' ? [] : (readIso20022(text) as StatementMessage).statements.map((n) => `${n.entries[0]?.creditDebit} ${n.entries[0]?.amount} ${n.entries[0]?.endToEndId}`);
      return { status: response.status, entries, next: Number(response.headers.get('hankou-next-after')), more: response.headers.get('hankou-has-more') };
    };
    const first = await page(0, 3);
    expect(first).toMatchObject({ status: 200, entries: ['DBIT 1250.50 E2E-1', 'DBIT 10.00 OK-RTGS', 'CRDT 500.00 C-BIG'], more: 'true' });
    const second = await page(first.next, 3);
    // The BEPS payment (OK-BEPS) is netted, not settled, until the cycle closes.
    expect(second).toMatchObject({ status: 200, entries: ['DBIT 3.00 R-1', 'DBIT 4.00 R-2'], more: 'false' });
    expect((await page(second.next, 3)).status).toBe(204);
    const bad = await fetch(`${house.url}/v1/iso/camt.054?limit=0`, { headers: { authorization: `Bearer ${TOKENS.A}` } });
    expect(bad.status).toBe(400);
  });

  it('camt.053: 404 before end of day; after it, the day\'s statement reads back and adds up', async () => {
    const early = await get(house, `/v1/iso/camt.053?date=${BUSINESS_DATE}`, TOKENS.A);
    expect(early.status).toBe(404);
    expect(readMessageReject(early.text).code).toBe('not_closed');
    const bad = await get(house, '/v1/iso/camt.053?date=yesterday', TOKENS.A);
    expect(bad.status).toBe(400);
    expect(readMessageReject(bad.text).code).toBe('invalid_request');
    const eod = await call(`${house.url}/v1/admin/end-of-day`, house.adminToken, 'POST', {});
    expect(eod.status, JSON.stringify(eod.json)).toBe(200);
    const answer = await get(house, `/v1/iso/camt.053?date=${BUSINESS_DATE}`, TOKENS.A);
    expect(answer.status, answer.text).toBe(200);
    const message = readIso20022(answer.text) as StatementMessage;
    const [statement] = message.statements;
    expect(statement?.account).toBe(CODE.A);
    expect(statement?.openingBalance).toEqual({ amount: '1000000.00', currency: 'CNY', creditDebit: 'CRDT', date: BUSINESS_DATE });
    // In house order: A paid B 1250.50 and 10.00 gross, received C's 500.00 once C had the
    // liquidity (its end-to-end id travels to the creditor's bank), paid 3.00 and 4.00, and
    // settled -20.00 net at the day's cycle close (the BEPS to B).
    const entries = statement?.entries.map((e) => `${e.creditDebit} ${e.amount} ${e.endToEndId ?? e.remittance}`);
    expect(entries).toEqual([
      'DBIT 1250.50 E2E-1',
      'DBIT 10.00 OK-RTGS',
      'CRDT 500.00 C-BIG',
      'DBIT 3.00 R-1',
      'DBIT 4.00 R-2',
      'DBIT 20.00 DNS cycle 1 net settlement 轧差结算',
    ]);
    expect(statement?.closingBalance).toEqual({ amount: '999212.50', currency: 'CNY', creditDebit: 'CRDT', date: BUSINESS_DATE });
    expect(await balance(house, TOKENS.A)).toBe('999212.50');
    // Same request, same bytes.
    expect((await get(house, `/v1/iso/camt.053?date=${BUSINESS_DATE}`, TOKENS.A)).text).toBe(answer.text);
  });
});
