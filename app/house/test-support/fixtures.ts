import pg from 'pg';
import { randomBytes } from 'node:crypto';
import type { SeedFile } from '../seed';
import type { PushRequest } from '../../shared/contract/sync-protocol';

/** The PostgreSQL server the tests use (trust auth); each run makes and drops its own database. */
export const TEST_POSTGRES_URL = process.env.HANKOU_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `hankou_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export const TOKENS = { A: 'token-A-0123456789abcdef', B: 'token-B-0123456789abcdef', C: 'token-C-0123456789abcdef' } as const;

/** Three banks: A and B well funded, C with 100.00 and a 50.00 net debit cap. */
export const TEST_SEED: SeedFile = {
  participants: [
    { id: 'A', name: 'Bank A', bankCode: '102521000011', balance: '1000000.00', netDebitCap: '500000.00', token: TOKENS.A },
    { id: 'B', name: 'Bank B', bankCode: '103521000012', balance: '1000000.00', netDebitCap: '500000.00', token: TOKENS.B },
    { id: 'C', name: 'Bank C', bankCode: '104521000013', balance: '100.00', netDebitCap: '50.00', token: TOKENS.C },
  ],
};

export function paymentPayload(id: string, to: string, amount: string, kind: 'hvps' | 'beps' = 'hvps'): Record<string, unknown> {
  return {
    id,
    kind,
    priority: 2,
    to,
    amount,
    currency: 'CNY',
    debtor: { name: '汉口商贸有限公司', account: '6222020000000001' },
    creditor: { name: '武昌医药有限公司', account: '6222020000000002' },
    purpose: '货款',
  };
}

export function pushBody(deviceId: string, firstSeq: number, payloads: Array<Record<string, unknown>>): PushRequest {
  return {
    protocolVersion: 1,
    deviceId,
    mutations: payloads.map((payload, i) => ({ seq: firstSeq + i, id: String(payload.id), type: 'payment.submit' as const, payload })),
  };
}

export async function call(url: string, token: string | undefined, method: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await response.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // metrics and errors from outside the app are text
  }
  return { status: response.status, json };
}
