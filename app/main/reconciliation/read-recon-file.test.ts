import { describe, expect, it } from 'vitest';
import { UserError } from '../user-error';
import { readReconFile } from './read-recon-file';

describe('a refused statement file speaks the UI language', () => {
  it('gives the Chinese message in Chinese, naming the line and quoting the file', () => {
    const mt940 = [':20:S1', ':25:CN0420100000000001', ':60F:C261204CNY5000,00', ':61:2612041204X1200,00NTRFNONREF', ':62F:C261204CNY3800,00', '-'].join('\n');
    let refused: unknown;
    try {
      readReconFile(mt940, 'statement');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(UserError);
    const { message, messageZh } = refused as UserError;
    expect(message).toContain('line 4');
    expect(messageZh).toBe('文件被拒绝：第 4 行：MT940 格式不正确："2612041204X1200,00NTRFNONREF"');
    expect(messageZh).not.toMatch(/[a-z]{3,}/);
  });
});
