import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { iso4217MinorDigits } from '../../shared/money';
import type { CliIo } from '../command';
import { command } from './iso';

/** The samples: HANKOU_FIXTURES (a worktree has no ../shared beside it), else ../shared/fixtures. */
const fixtures = resolve(process.env.HANKOU_FIXTURES ?? resolve(process.cwd(), '../shared/fixtures'), 'iso20022');

function capture(): CliIo & { stdout: string[] } {
  const stdout: string[] = [];
  return { stdout, out: (t) => stdout.push(t), err: () => {} };
}

/** Every {amount, currency} pair anywhere in the printed JSON. */
function amounts(value: unknown, found: Array<{ amount: string; currency: string }> = []) {
  if (Array.isArray(value)) for (const item of value) amounts(item, found);
  else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.amount === 'string' && typeof record.currency === 'string') found.push({ amount: record.amount, currency: record.currency });
    for (const item of Object.values(record)) amounts(item, found);
  }
  return found;
}

describe.skipIf(!existsSync(fixtures))(`hankou iso parse prints every amount the same way (samples in ${fixtures})`, () => {
  const files = existsSync(fixtures) ? readdirSync(fixtures).filter((f) => f.endsWith('.xml')) : [];

  it('covers every message type the samples hold', () => {
    const types = files.map((f) => /(camt|pacs)\.\d{3}/.exec(f)?.[0]).sort();
    expect(new Set(types)).toEqual(new Set(['camt.053', 'camt.054', 'pacs.002', 'pacs.004', 'pacs.008', 'pacs.009']));
  });

  it.each(files)('%s: a decimal string with the currency minor digits', async (file) => {
    const io = capture();
    expect(await command.run(['parse', join(fixtures, file)], io)).toBe(0);
    for (const { amount, currency } of amounts(JSON.parse(io.stdout.join('')))) {
      const digits = iso4217MinorDigits(currency);
      expect(digits, currency).not.toBeNull();
      expect(amount).toMatch(digits === 0 ? /^\d+$/ : new RegExp(`^\\d+\\.\\d{${digits}}$`));
    }
  });

  it('the worked examples: RON pacs.008 and pacs.009, JPY camt.054, GBP camt.053', async () => {
    const first = async (file: string) => {
      const io = capture();
      await command.run(['parse', join(fixtures, file)], io);
      return amounts(JSON.parse(io.stdout.join('')))[0];
    };
    expect(await first('HVPS_c.29.1.1_pacs.008_BtoC_MI.xml')).toEqual({ amount: '591636.00', currency: 'RON' });
    expect(await first('CBPR_c.106.2.1.a_pacs.009_BtoC.xml')).toEqual({ amount: '15.00', currency: 'RON' });
    expect(await first('CBPR_c.54.3.1_camt.054-BtoA.xml')).toEqual({ amount: '165486600', currency: 'JPY' });
    expect((await first('CBPR_c.105.1.1_camt.053-BtoA.xml'))?.amount).toMatch(/^\d+\.\d{2}$/);
  });
});
