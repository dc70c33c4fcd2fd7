import { describe, expect, it } from 'vitest';
import { electronBinary } from './electron-binary.mjs';

const notFetched = () => {
  throw new Error('Electron failed to install correctly, please delete node_modules/electron and try installing again');
};

describe('npm start: why there is no console window', () => {
  it('says the binary could not be downloaded, and names no variable the user never set', () => {
    const answer = electronBinary(notFetched, {});
    expect(answer).toEqual({ binary: null, why: 'the Electron binary is not installed (npm run setup could not download it here)' });
    expect(answer.why).not.toContain('HANKOU_SKIP_ELECTRON');
    expect(answer.why).not.toContain('failed to install correctly');
  });

  it('names HANKOU_SKIP_ELECTRON only when the user set it', () => {
    expect(electronBinary(notFetched, { HANKOU_SKIP_ELECTRON: '1' }).why).toContain('HANKOU_SKIP_ELECTRON=1 told npm run setup not to fetch it');
  });

  it('names the missing file when the package points at a binary that is gone', () => {
    expect(electronBinary(() => '/nowhere/electron', {}).why).toBe('the Electron binary is not installed (/nowhere/electron is missing)');
  });

  it('gives the binary when it is there', () => {
    expect(electronBinary(() => process.execPath, {})).toEqual({ binary: process.execPath, why: null });
  });
});
