import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../command';
import { command } from './import';
import { createConsoleBackend } from '../../main/backend';
import { writePain001 } from '../../shared/bulk';

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
}

describe('hankou import pain001', () => {
  let dataDir = '';
  let dir = '';
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hankou-import-store-'));
    dir = mkdtempSync(join(tmpdir(), 'hankou-import-'));
    const backend = await createConsoleBackend({ dataDir, demo: { payments: 5 }, now: () => new Date('2026-11-26T02:00:00.000Z'), log: () => undefined });
    await backend.close();
  });

  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('imports a pain.001 as a batch and prints the JSON summary', async () => {
    const xml = writePain001({
      version: '001.03',
      messageId: 'CLI-1',
      creationDateTime: '2026-11-26T08:00:00+08:00',
      requestedDate: '2026-11-26',
      debtorName: '汉口商贸有限公司',
      debtorAccount: '6222020000000001',
      debtorBankCode: '313521000011',
      payments: [
        { reference: 'A1', creditorName: '武昌医药有限公司', creditorAccount: '6222000000000101', creditorBankCode: '102521000030', amount: '100.00', currency: 'CNY', purpose: '货款' },
        { reference: 'A2', creditorName: '江夏物流', creditorAccount: '6222000000000102', creditorBankCode: '102521000030', amount: '0', currency: 'CNY', purpose: '运费' },
        { reference: 'A3', creditorName: '青山钢材', creditorAccount: '6222000000000103', creditorBankCode: '104521000017', amount: '2500.50', currency: 'CNY', purpose: '钢材' },
      ],
    });
    const io = capture();
    expect(await command.run(['pain001', '--data', dataDir, '--user', 'clerk1', file('march.xml', xml)], io), io.stderr.join('')).toBe(0);
    expect(JSON.parse(io.stdout.join(''))).toEqual({
      batch: 'BULK-20261126-0001',
      lines: 3,
      valid: 2,
      invalid: [{ line: 2, field: 'amount', reason: 'amount must be more than zero' }],
      total: '2600.50',
    });
  });

  it('exit 2 for a file that is not a pain.001, and for usage mistakes', async () => {
    const csv = capture();
    expect(await command.run(['pain001', '--data', dataDir, file('x.csv', 'reference,amount\nA,1\n')], csv)).toBe(2);
    expect(csv.stderr.join('')).toMatch(/not a pain\.001/);
    const pacs = capture();
    expect(await command.run(['pain001', '--data', dataDir, file('p.xml', '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><FIToFICstmrCdtTrf/></Document>')], pacs)).toBe(2);
    expect(pacs.stderr.join('')).toMatch(/bulk\.not_pain001/);
    const hostile = capture();
    expect(await command.run(['pain001', '--data', dataDir, file('h.xml', '<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><Document>&x;</Document>')], hostile)).toBe(2);
    const noStore = capture();
    expect(await command.run(['pain001', '--data', dir, file('n.xml', '<a/>')], noStore)).toBe(2);
    const saved = process.env.HANKOU_DATA_DIR;
    delete process.env.HANKOU_DATA_DIR;
    try {
      await expect(command.run(['pain001', file('m.xml', '<a/>')], capture())).rejects.toThrow(/--data/);
    } finally {
      if (saved !== undefined) process.env.HANKOU_DATA_DIR = saved;
    }
  });
});
