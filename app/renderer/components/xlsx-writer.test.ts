import { describe, expect, it } from 'vitest';
import { columnName, crc32, storedZip, xlsxWorkbook } from './xlsx-writer';

/** Reads the stored zip back entry by entry (what a spreadsheet program does first). */
function entries(zip: Uint8Array): Map<string, string> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const out = new Map<string, string>();
  let at = 0;
  while (view.getUint32(at, true) === 0x04034b50) {
    const size = view.getUint32(at + 18, true);
    const nameLength = view.getUint16(at + 26, true);
    const name = new TextDecoder().decode(zip.subarray(at + 30, at + 30 + nameLength));
    const data = zip.subarray(at + 30 + nameLength, at + 30 + nameLength + size);
    expect(view.getUint32(at + 14, true), name).toBe(crc32(data));
    out.set(name, new TextDecoder().decode(data));
    at += 30 + nameLength + size;
  }
  expect(view.getUint32(zip.length - 22, true)).toBe(0x06054b50);
  expect(view.getUint16(zip.length - 22 + 10, true)).toBe(out.size);
  return out;
}

describe('xlsx writer', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339);
  });
  it('names columns like a spreadsheet', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
  it('writes a workbook whose parts a reader finds, numbers as numbers and text escaped', () => {
    const zip = xlsxWorkbook('支付查询', ['编号', '金额'], [
      [{ text: 'HKB-1 <&> "x"' }, { number: '14432000.00' }],
      [{ text: '=1+1' }, { number: 'n/a' }],
    ]);
    const parts = entries(zip);
    expect([...parts.keys()]).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/worksheets/sheet1.xml']);
    const sheet = parts.get('xl/worksheets/sheet1.xml') ?? '';
    expect(sheet).toContain('<c r="A1" s="1" t="inlineStr"><is><t xml:space="preserve">编号</t></is></c>');
    expect(sheet).toContain('<c r="B2"><v>14432000.00</v></c>');
    expect(sheet).toContain('HKB-1 &lt;&amp;&gt; &quot;x&quot;');
    // A formula-looking text stays text (inline string, never <f>).
    expect(sheet).toContain('<t xml:space="preserve">=1+1</t>');
    expect(sheet).not.toContain('<f>');
    expect(sheet).toContain('<c r="B3" t="inlineStr"><is><t xml:space="preserve">n/a</t></is></c>');
    expect(parts.get('xl/workbook.xml')).toContain('name="支付查询"');
  });
  it('zips any bytes reproducibly', () => {
    const a = storedZip([['a.txt', new Uint8Array([1, 2, 3])]]);
    expect(storedZip([['a.txt', new Uint8Array([1, 2, 3])]])).toEqual(a);
  });
});
