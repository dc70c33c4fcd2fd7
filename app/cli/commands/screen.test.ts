import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../command';
import { command } from './screen';

const fixtures = path.resolve(process.cwd(), '../shared/fixtures/sanctions');
const ofacDir = path.join(fixtures, 'ofac-2019');
const unFile = path.join(fixtures, 'un/UN_consolidated.xml');

async function run(args: string[], stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const code = await command.run(args, { out: (t) => out.push(t), err: (t) => err.push(t), readStdin: async () => stdin });
  return { code, out, err, lines: out.map((l) => JSON.parse(l) as { query: string; matches: Record<string, unknown>[] }) };
}

function localListFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'hankou-screen-'));
  const file = path.join(dir, 'local.json');
  writeFileSync(file, JSON.stringify({ entries: [{ id: 'L-7', name: 'ZHANG, San', aliases: ['Chang San'] }, { id: 'L-8', name: 'Hankou Shell Trading Co Ltd', type: 'entity' }] }));
  return file;
}

describe('hankou screen with a local list', () => {
  it('prints one JSON line per name with only the matches at or above the threshold', async () => {
    const local = localListFile();
    const { code, lines } = await run(['--local', local, 'San Zhang', 'Li Si', 'hankou shell trading']);
    expect(code).toBe(0);
    expect(lines).toEqual([
      { query: 'San Zhang', matches: [{ list: 'local', id: 'L-7', name: 'ZHANG, San', score: 1 }] },
      { query: 'Li Si', matches: [] },
      // 3 of 5 words; "co" and "ltd" weigh 0.15: 1 - 0.3 * (1 - 3 / 3.3) = 0.9727.
      { query: 'hankou shell trading', matches: [{ list: 'local', id: 'L-8', name: 'Hankou Shell Trading Co Ltd', score: 0.9727 }] },
    ]);
  });

  it('reads names from a file or standard input and explains on request', async () => {
    const local = localListFile();
    const { lines } = await run(['--local', local, '--input', '-', '--explain'], 'Chang San\n\n  Zhang Sam  \n');
    expect(lines.map((l) => l.query)).toEqual(['Chang San', 'Zhang Sam']);
    expect(lines[0]?.matches[0]).toMatchObject({ id: 'L-7', matchedName: 'Chang San', matchedKind: 'aka', score: 1 });
    expect(lines[1]?.matches).toEqual([]); // "sam" / "san": three letters, matched exactly only
  });

  it('refuses misuse with a usage error', async () => {
    await expect(run(['Zhang San'])).rejects.toThrow(UsageError);
    await expect(run(['--local', 'x', '--threshold', '1.5', 'a'])).rejects.toThrow(/threshold/);
    await expect(run(['--local', 'x'])).rejects.toThrow(/no names/);
    await expect(run(['--local', 'x', '--bogus', 'a'])).rejects.toThrow(/unknown option/);
  });

  it('fails with a message when a list cannot be read', async () => {
    const { code, err } = await run(['--local', '/nonexistent/list.json', 'a']);
    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(/no such file/);
  });
});

describe.skipIf(!existsSync(ofacDir) || !existsSync(unFile))('hankou screen on the real lists', () => {
  it('finds listed names with the lists own numbers, best first', async () => {
    const { code, lines } = await run(['--ofac', ofacDir, '--un', unFile, 'Banco Nacional de Cuba', 'badege eric', 'Wuhan Jianghan Textile Co Ltd']);
    expect(code).toBe(0);
    expect(lines[0]).toEqual({ query: 'Banco Nacional de Cuba', matches: [{ list: 'ofac', id: '306', name: 'BANCO NACIONAL DE CUBA', score: 1 }] });
    expect(lines[1]?.matches).toEqual([
      { list: 'ofac', id: '15718', name: 'BADEGE, Eric', score: 1 },
      { list: 'un', id: '6907993', name: 'ERIC BADEGE', score: 1 },
    ]);
    expect(lines[2]?.matches).toEqual([]);
  });
});
