import { describe, expect, it } from 'vitest';
import { readCsvRecords } from './csv-records';
import { decodeLatin1, textFromLatin1 } from './latin1';

describe('CSV records', () => {
  it('reads OFAC-style records with -0- and spaces before quotes', () => {
    const result = readCsvRecords('36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA"\r\n173,"ANGLO-CARIBBEAN CO., LTD.",-0- ,"CUBA"\r\n');
    expect(result).toEqual({
      ok: true,
      records: [
        ['36', 'AEROCARIBBEAN AIRLINES', '-0- ', 'CUBA'],
        ['173', 'ANGLO-CARIBBEAN CO., LTD.', '-0- ', 'CUBA'],
      ],
    });
  });

  it('keeps doubled quotes and newlines inside quotes, ignores a final EOF mark and missing newline', () => {
    const result = readCsvRecords('1,"say ""hi""\nthere",x\n2,,\x1a');
    expect(result).toEqual({ ok: true, records: [['1', 'say "hi"\nthere', 'x'], ['2', '', '']] });
  });

  it('refuses broken quoting with the line number', () => {
    expect(readCsvRecords('x\n1,"open\n2,x')).toEqual({ ok: false, error: { line: 2, message: 'a quoted field is never closed' } });
    expect(readCsvRecords('1,ab"c\n')).toMatchObject({ ok: false, error: { line: 1, message: 'a quote inside an unquoted field' } });
    expect(readCsvRecords('1,"ab"c\n')).toMatchObject({ ok: false, error: { message: 'text after a closing quote' } });
  });
});

describe('Latin-1', () => {
  it('decodes every byte to the code point of the same number', () => {
    expect(decodeLatin1(Uint8Array.from([0x4a, 0x6f, 0x73, 0xe9, 0x20, 0xd1, 0xfc]))).toBe('José Ñü');
    // 0x80..0x9f are C1 controls in Latin-1, not the windows-1252 punctuation.
    expect(decodeLatin1(Uint8Array.from([0x80])).charCodeAt(0)).toBe(0x80);
    expect(textFromLatin1('already text')).toBe('already text');
  });

  it('decodes large inputs', () => {
    const bytes = new Uint8Array(100_000).fill(0xe9);
    const text = decodeLatin1(bytes);
    expect(text.length).toBe(100_000);
    expect(text[99_999]).toBe('é');
  });
});
