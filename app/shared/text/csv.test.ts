import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv } from './csv';

describe('the shared CSV reader', () => {
  it('reads quotes, doubled quotes, delimiters and line breaks in fields, CRLF, BOM, blank lines', () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\r\n\r\n"two\nlines",\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['two\nlines', ''],
    ]);
    expect(parseCsv('a;b\n1;2', { delimiter: ';' })).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('drops spaces around a quoted field only when asked (OFAC writes -0- ,"x")', () => {
    expect(parseCsv('1,-0- , "CUBA" \n', { spacesAroundQuotes: true })).toEqual([['1', '-0- ', 'CUBA']]);
    expect(() => parseCsv('1, "CUBA"\n')).toThrow(CsvSyntaxError);
  });

  it('names the line of broken quoting and of a field over the limit', () => {
    const error = (text: string, maxFieldChars?: number) => {
      try {
        parseCsv(text, { maxFieldChars });
      } catch (e) {
        return e instanceof CsvSyntaxError ? [e.code, e.line] : e;
      }
      return null;
    };
    expect(error('a\n1,"open\n2')).toEqual(['unclosed_quote', 2]);
    expect(error('a\n"x\ny"z')).toEqual(['text_after_quote', 3]);
    expect(error('a\nb"c')).toEqual(['stray_quote', 2]);
    expect(error('a\nbbbbb', 4)).toEqual(['field_too_long', 2]);
  });
});
