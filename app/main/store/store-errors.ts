import Database from 'better-sqlite3';
import { UserError } from '../user-error';

/**
 * Contract codes for a store that cannot take a write. They are not bugs (the operator or the
 * machine's owner can fix them) and the write that hit them was rolled back as a whole, so the
 * message says both what to do and that nothing was saved.
 */
export const STORE_ERROR_CODES = ['store.full', 'store.read_only', 'store.io_error'] as const;
export type StoreErrorCode = (typeof STORE_ERROR_CODES)[number];

const MESSAGES: Record<StoreErrorCode, { en: string; zh: string }> = {
  'store.full': {
    en: 'The local store is full: free disk space on this computer, then try again. Nothing was saved.',
    zh: '本地数据库已满：请清理本机磁盘空间后重试。本次操作未保存。',
  },
  'store.read_only': {
    en: 'The local store is read-only: check that its folder and disk can be written, then try again. Nothing was saved.',
    zh: '本地数据库为只读：请检查数据目录及磁盘是否可写后重试。本次操作未保存。',
  },
  'store.io_error': {
    en: 'The local store could not be read or written (a disk error): check the disk, then try again. Nothing was saved.',
    zh: '本地数据库读写失败（磁盘错误）：请检查磁盘后重试。本次操作未保存。',
  },
};

/** SQLite's primary result code of an error, e.g. SQLITE_IOERR for SQLITE_IOERR_WRITE. */
function primaryCode(error: unknown): string | undefined {
  if (!(error instanceof Database.SqliteError)) return undefined;
  const match = /^SQLITE_[A-Z]+/.exec(error.code);
  return match?.[0];
}

/** The store code for a SQLite error that means "this store cannot take writes now", else undefined. */
export function storeErrorCode(error: unknown): StoreErrorCode | undefined {
  switch (primaryCode(error)) {
    case 'SQLITE_FULL':
      return 'store.full';
    case 'SQLITE_READONLY':
      return 'store.read_only';
    case 'SQLITE_IOERR':
      return 'store.io_error';
    default:
      return undefined;
  }
}

/** The operator's error for a full, read-only or failing store; undefined for any other error. */
export function storeUserError(error: unknown): UserError | undefined {
  const code = storeErrorCode(error);
  if (code === undefined) return undefined;
  return new UserError(code, MESSAGES[code].en, MESSAGES[code].zh);
}
