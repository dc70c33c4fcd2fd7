import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../command';
import { command } from './iso';

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
}

const fixtures = resolve(process.cwd(), '../shared/fixtures/iso20022');

describe('hankou iso parse', () => {
  it.skipIf(!existsSync(fixtures))(`prints the normalised JSON of a real sample (${fixtures})`, async () => {
    const io = capture();
    expect(await command.run(['parse', join(fixtures, 'CBPR_p.2.1.2_pacs.008-AtoB.xml')], io)).toBe(0);
    const printed = JSON.parse(io.stdout.join(''));
    expect(printed).toMatchObject({ type: 'pacs.008', version: '001.12', messageId: 'A2B0506272708' });
    expect(printed.transactions[0].amount).toBe('136500.00');
  });

  it('refuses hostile XML with exit code 2 and a message in both languages', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hankou-iso-'));
    const file = join(dir, 'xxe.xml');
    writeFileSync(file, '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><Document>&x;</Document>');
    const io = capture();
    expect(await command.run(['parse', file], io)).toBe(2);
    expect(io.stderr.join('')).toContain('doctype_refused');
    expect(io.stderr.join('')).toContain('DOCTYPE');
    expect(io.stdout).toEqual([]);
  });

  it('reports misuse and a missing file', async () => {
    await expect(command.run([], capture())).rejects.toThrow('missing subcommand');
    await expect(command.run(['parse'], capture())).rejects.toThrow('exactly one FILE');
    const io = capture();
    expect(await command.run(['parse', '/nonexistent/file.xml'], io)).toBe(2);
    expect(io.stderr.join('')).toContain('cannot read');
  });
});
