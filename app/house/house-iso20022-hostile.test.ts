import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PUSH_BODY_BYTES } from '../shared/contract/sync-protocol';
import { readIso20022, readMessageReject, type PaymentMessage } from '../shared/iso20022';
import { startHouse, type RunningHouse } from './house';
import { TEST_SEED, TOKENS } from './test-support/fixtures';

/**
 * Hostile and foreign XML at the house's ISO routes: every refusal is a 4xx whose body is an
 * admi.002 naming the reason, and nothing in the ledger moves. Then the real CBPR+/HVPS
 * samples from /work/shared/fixtures/iso20022 (skipped with a message when absent).
 */
const BUSINESS_DATE = '2026-03-02';
// /work/shared beside the main checkout, or two levels up from a worktree in /work/wt.
const samples = [resolve(process.cwd(), '../shared/fixtures/iso20022'), resolve(process.cwd(), '../../shared/fixtures/iso20022')].find((dir) => existsSync(dir)) ?? resolve(process.cwd(), '../shared/fixtures/iso20022');
const samplesPresent = existsSync(samples);

const GOOD = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><FIToFICstmrCdtTrf>
 <GrpHdr><MsgId>GOOD-1</MsgId><CreDtTm>2026-03-02T09:00:00+08:00</CreDtTm><NbOfTxs>1</NbOfTxs><SttlmInf><SttlmMtd>CLRG</SttlmMtd></SttlmInf></GrpHdr>
 <CdtTrfTxInf><PmtId><EndToEndId>G-1</EndToEndId></PmtId><IntrBkSttlmAmt Ccy="CNY">1.00</IntrBkSttlmAmt>
  <Dbtr><Nm>甲公司</Nm></Dbtr><DbtrAcct><Id><Othr><Id>6222020000000001</Id></Othr></Id></DbtrAcct>
  <DbtrAgt><FinInstnId><ClrSysMmbId><MmbId>102521000011</MmbId></ClrSysMmbId></FinInstnId></DbtrAgt>
  <CdtrAgt><FinInstnId><ClrSysMmbId><MmbId>103521000012</MmbId></ClrSysMmbId></FinInstnId></CdtrAgt>
  <Cdtr><Nm>乙公司</Nm></Cdtr><CdtrAcct><Id><Othr><Id>6222020000000002</Id></Othr></Id></CdtrAcct></CdtTrfTxInf>
</FIToFICstmrCdtTrf></Document>`;

async function post(house: RunningHouse, path: string, body: string, type = 'application/xml', token: string = TOKENS.A): Promise<{ status: number; type: string; text: string }> {
  const response = await fetch(`${house.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body });
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
}

function expectReject(answer: { status: number; type: string; text: string }, status: number, code?: string): void {
  const show = `${answer.status} ${answer.text.slice(0, 400)}`;
  expect(answer.status, show).toBe(status);
  expect(answer.type, show).toMatch(/^application\/xml/);
  const reject = readMessageReject(answer.text);
  expect(reject.message.length, show).toBeGreaterThan(5);
  expect(reject.messageZh, show).toMatch(/[\u4e00-\u9fff]/);
  if (code !== undefined) expect(reject.code, show).toBe(code);
}

describe('house: hostile XML at the ISO 20022 routes', () => {
  let house: RunningHouse;
  async function ledger(): Promise<string> {
    const parts: string[] = [];
    for (const table of ['payments', 'mutation_rejections', 'journal', 'feed', 'iso_transactions', 'devices', 'audit_log']) {
      // The business clock's minute tick is journaled when it releases or expires something: not the XML's doing.
      const where = table === 'journal' ? " WHERE command->>'type' <> 'time'" : '';
      const { rows } = await house.store.query<{ n: unknown }>(`SELECT count(*) AS n FROM ${table}${where}`);
      parts.push(`${table}=${String(rows[0]?.n)}`);
    }
    const { rows } = await house.store.query<{ b: string }>("SELECT string_agg(id || ':' || balance_minor::text, ',' ORDER BY id) AS b FROM participants");
    return `${parts.join(' ')} ${rows[0]?.b}`;
  }

  beforeAll(async () => {
    house = await startHouse({ seed: TEST_SEED, logLevel: 'silent', cycleIntervalMs: 0, offsetIntervalMs: 0, businessDate: BUSINESS_DATE });
  });
  afterAll(async () => {
    await house.close();
  });

  it('entities, DOCTYPE, depth, truncation, junk, wrong type and wrong media type: 4xx admi.002, nothing changed', async () => {
    const before = await ledger();
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><FIToFICstmrCdtTrf><GrpHdr><MsgId>&lol2;</MsgId></GrpHdr></FIToFICstmrCdtTrf></Document>`;
    expectReject(await post(house, '/v1/iso/pacs.008', laughs), 400, 'doctype_refused');
    const xxe = GOOD.replace('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>').replace('GOOD-1', '&xxe;');
    expectReject(await post(house, '/v1/iso/pacs.008', xxe), 400, 'doctype_refused');
    expectReject(await post(house, '/v1/iso/pacs.008', GOOD.replace('GOOD-1', '&xxe;')), 400, 'malformed');
    const deep = `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08">${'<a>'.repeat(200)}${'</a>'.repeat(200)}</Document>`;
    expectReject(await post(house, '/v1/iso/pacs.008', deep), 400, 'too_deep');
    expectReject(await post(house, '/v1/iso/pacs.008', GOOD.slice(0, GOOD.length - 40)), 400, 'truncated');
    expectReject(await post(house, '/v1/iso/pacs.008', 'not xml at all'), 400);
    expectReject(await post(house, '/v1/iso/pacs.008', ''), 400);
    expectReject(await post(house, '/v1/iso/pacs.008', GOOD.replace('<Dbtr>', '<__proto__/><Dbtr>')), 400, 'malformed');
    expectReject(await post(house, '/v1/iso/pacs.008', GOOD.replace(/pacs\.008\.001\.08/, 'pacs.008.001.99')), 400, 'unsupported_version');
    expectReject(await post(house, '/v1/iso/pacs.008', GOOD.replace('<NbOfTxs>1</NbOfTxs>', '<NbOfTxs>2</NbOfTxs>')), 400, 'count_mismatch');
    expectReject(await post(house, '/v1/iso/pacs.008', GOOD.replace('1.00</IntrBkSttlmAmt>', '1e5</IntrBkSttlmAmt>')), 400, 'invalid_value');
    expectReject(await post(house, '/v1/iso/pacs.008', GOOD.replace('1.00</IntrBkSttlmAmt>', '-1.00</IntrBkSttlmAmt>')), 400, 'invalid_value');
    const camt = '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>S</MsgId></GrpHdr></BkToCstmrStmt></Document>';
    expectReject(await post(house, '/v1/iso/pacs.008', camt), 400, 'unknown_namespace');
    expectReject(await post(house, '/v1/iso/pacs.028', GOOD), 400, 'unknown_namespace');
    expectReject(await post(house, '/v1/iso/pacs.008', JSON.stringify({ a: 1 }), 'application/json'), 415, 'unsupported_media_type');
    expectReject(await post(house, '/v1/iso/pacs.008', GOOD, 'application/octet-stream'), 415, 'unsupported_media_type');
    const huge = GOOD.replace('<RmtInf>', '').replace('</Cdtr>', `</Cdtr><!-- ${'x'.repeat(MAX_PUSH_BODY_BYTES)} -->`);
    expectReject(await post(house, '/v1/iso/pacs.008', huge), 413, 'body_too_large');
    // XML is still refused on the sync routes (415 JSON), as before.
    const sync = await post(house, '/v1/sync/push', GOOD);
    expect(sync.status).toBe(415);
    expect(sync.type).toMatch(/^application\/json/);
    expect(await ledger()).toBe(before);
  });

  it('without a valid token nothing is read: 401', async () => {
    const answer = await post(house, '/v1/iso/pacs.008', GOOD, 'application/xml', 'not-a-token-of-anyone');
    expect(answer.status).toBe(401);
  });

  it('fuzz: mutated pacs.008 and pacs.028 bodies are answered 200 with a pacs.002 or 4xx with an admi.002, never 5xx', async () => {
    const mutate = fc.oneof(
      fc.nat({ max: GOOD.length }).map((cut) => GOOD.slice(0, cut)),
      fc.tuple(fc.nat({ max: GOOD.length }), fc.string({ maxLength: 30 })).map(([at, junk]) => GOOD.slice(0, at) + junk + GOOD.slice(at)),
      fc.tuple(fc.nat({ max: GOOD.length }), fc.nat({ max: 60 })).map(([at, len]) => GOOD.slice(0, at) + GOOD.slice(at + len)),
      fc.constantFrom('<', '<?xml?>', '<a>', '&amp;', '<Document/>', '<!DOCTYPE x>', '\u0000', '\ud800'),
      fc.string({ maxLength: 200 }),
    );
    await fc.assert(
      fc.asyncProperty(mutate, fc.constantFrom('/v1/iso/pacs.008', '/v1/iso/pacs.028'), async (body, path) => {
        const answer = await post(house, path, body);
        expect(answer.status, `${answer.status} ${answer.text.slice(0, 300)} for ${JSON.stringify(body.slice(0, 200))}`).toBeLessThan(500);
        if (answer.status === 200) expect((readIso20022(answer.text) as PaymentMessage).type).toBe('pacs.002');
        else expectReject(answer, answer.status);
      }),
      { numRuns: 150 },
    );
  });
});

describe.skipIf(!samplesPresent)(`house: the real ISO 20022 samples in ${samples}${samplesPresent ? '' : ' (absent: skipped)'}`, () => {
  let house: RunningHouse;
  const sample = (name: string) => readFileSync(resolve(samples, name), 'utf8');
  /** The HVPS sample with its BICs replaced by the test banks' CNAPS codes (A sends to B). */
  const asBankA = (xml: string) => xml.replaceAll('MYMBGB2LXXX', '102521000011').replaceAll('GEBABEBBXXX', '103521000012');

  beforeAll(async () => {
    house = await startHouse({ seed: TEST_SEED, logLevel: 'silent', cycleIntervalMs: 0, offsetIntervalMs: 0, businessDate: BUSINESS_DATE });
  });
  afterAll(async () => {
    await house.close();
  });

  it('HVPS_c.29.1.1 pacs.008 001.12 as sent (foreign BICs): 403, A cannot send as MYMBGB2LXXX', async () => {
    expectReject(await post(house, '/v1/iso/pacs.008', sample('HVPS_c.29.1.1_pacs.008_BtoC_MI.xml')), 403, 'sender_not_allowed');
  });

  it('HVPS sample from A to B: RON is refused RJCT AM11; in CNY on the business date it settles ACSC (591636.00)', async () => {
    const ron = await post(house, '/v1/iso/pacs.008', asBankA(sample('HVPS_c.29.1.1_pacs.008_BtoC_MI.xml')));
    expect(ron.status, ron.text).toBe(200);
    const refused = readIso20022(ron.text) as PaymentMessage;
    expect(refused.version).toBe('001.14');
    expect(refused.transactions).toEqual([expect.objectContaining({ endToEndId: 'E2E04044506271305', uetr: '174c245f-2682-4291-ad67-2a41e530cd27', status: 'RJCT', reasonCode: 'AM11' })]);
    const cny = asBankA(sample('HVPS_c.29.1.1_pacs.008_BtoC_MI.xml'))
      .replace('Ccy="RON"', 'Ccy="CNY"')
      .replace('<IntrBkSttlmDt>2022-10-20</IntrBkSttlmDt>', `<IntrBkSttlmDt>${BUSINESS_DATE}</IntrBkSttlmDt>`)
      .replaceAll('pcs008bzmsgidr-2', 'pcs008bzmsgidr-CNY');
    const settled = await post(house, '/v1/iso/pacs.008', cny);
    expect((readIso20022(settled.text) as PaymentMessage).transactions).toEqual([
      expect.objectContaining({ endToEndId: 'E2E04044506271305', status: 'ACSC', amount: '591636.00', currency: 'CNY' }),
    ]);
    const { rows } = await house.store.query<{ amount: string; details: { debtor: unknown; creditor: unknown } }>(
      "SELECT amount_minor::text AS amount, details FROM payments WHERE submitter_id = 'A' AND status = 'settled'",
    );
    expect(rows).toEqual([
      { amount: '59163600', details: expect.objectContaining({ debtor: { name: 'Debtor Co', account: '25698745' }, creditor: { name: 'Ardent Finance', account: '65479512' } }) },
    ]);
  });

  it('CBPR+ pacs.008 (SttlmMtd INDA): refused, the house settles only CLRG', async () => {
    expectReject(await post(house, '/v1/iso/pacs.008', sample('CBPR_p.2.1.2_pacs.008-AtoB.xml')), 400, 'settlement_method');
  });

  it('the other samples are not pacs.008: refused by type', async () => {
    for (const name of ['CBPR_p.2.1.2_pacs.002-DtoC.xml', 'CBPR_c.105.1.1_camt.053-BtoA.xml', 'CBPR_c.106.2.1.a_pacs.009_BtoC.xml']) {
      expectReject(await post(house, '/v1/iso/pacs.008', sample(name)), 400, 'unknown_namespace');
    }
  });
});
