import { formatAmount } from '../../app/shared/money/format';

/** Ids, participant ids and device ids go into the JSON text unescaped, so they must need no escaping. */
const PLAIN = /^[A-Za-z0-9._-]{1,64}$/;

function plain(what: string, text: string): string {
  if (!PLAIN.test(text)) throw new Error(`${what} ${JSON.stringify(text)} would need escaping in the push body`);
  return text;
}

/** One payment a simulated clerk verified: the fields that vary; the names and purpose are the same for every payment. */
export interface SubmitFields {
  seq: number;
  id: string;
  /** The payment's index in its console's day: the debtor's account number is made from it. */
  index: number;
  to: string;
  amountMinor: bigint;
  hvps: boolean;
}

/**
 * The `payment.submit` mutation as JSON text, written straight out instead of building an
 * object for JSON.stringify (the generator made 5,000 of these a second). Same text as
 * JSON.stringify of the same mutation, keys in the schema's order so the house's fast check
 * uses the payload as sent (push-body.test.ts holds both).
 */
export function submitMutationJson(f: SubmitFields): string {
  if (!Number.isSafeInteger(f.seq) || f.seq < 1) throw new Error(`bad seq ${f.seq}`);
  const id = plain('payment id', f.id);
  const account = `62220200${String(f.index % 1e8).padStart(8, '0')}`;
  return (
    `{"seq":${f.seq},"id":"${id}","type":"payment.submit","payload":{"id":"${id}","kind":"${f.hvps ? 'hvps' : 'beps'}","priority":2,` +
    `"to":"${plain('receiver', f.to)}","amount":"${formatAmount(f.amountMinor, 'CNY')}","currency":"CNY",` +
    `"debtor":{"name":"汉口商贸有限公司","account":"${account}"},"creditor":{"name":"武昌医药有限公司","account":"6222020000000002"},"purpose":"货款"}}`
  );
}

/** A push request around `count` mutation texts from `start` (already JSON), without copying the list. */
export function pushBodyJson(deviceId: string, mutations: ReadonlyArray<{ body: string }>, start: number, count: number): string {
  if (count < 1 || start < 0 || start + count > mutations.length) throw new Error(`push of ${count} from ${start} out of ${mutations.length} mutations`);
  let body = `{"protocolVersion":1,"deviceId":"${plain('device id', deviceId)}","mutations":[`;
  for (let k = start; k < start + count; k += 1) {
    if (k > start) body += ',';
    body += (mutations[k] as { body: string }).body;
  }
  return `${body}]}`;
}
