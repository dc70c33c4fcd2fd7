import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openDatabase, type Db } from '../store/open-database';
import { verifyAuditLog } from '../audit/audit-log';
import type { SecretBox } from '../secrets/secret-box';
import { BackupFileError, openBackup, sealBackup, type BackupHeader } from './backup-file';

export interface ConsoleBackupResult {
  file: string;
  bytes: number;
  auditHead: BackupHeader['auditHead'];
}

/** Walks the copy's audit chain; a copy whose chain is broken is not a backup to keep. */
function headOf(db: Db): BackupHeader['auditHead'] {
  const verification = verifyAuditLog(db);
  if (!verification.ok) throw new BackupFileError(`the store's audit chain is broken at entry ${verification.seq}: ${verification.problem}`);
  return { count: verification.count, hash: verification.count === 0 ? '' : verification.lastHash };
}

/**
 * Backs up the live store with SQLite's online backup API (consistent while the console writes)
 * into a temporary plain copy, checks that copy's audit chain, seals it into outFile (written
 * whole under a temporary name, then renamed, so a half-written backup never has the real name)
 * and deletes the plain copy.
 */
export async function backupConsoleStore(db: Db, box: SecretBox, outFile: string, now: () => Date = () => new Date()): Promise<ConsoleBackupResult> {
  mkdirSync(dirname(outFile), { recursive: true, mode: 0o700 });
  const plainCopy = `${outFile}.copy-${process.pid}`;
  const sealedTemp = `${outFile}.part-${process.pid}`;
  try {
    await db.backup(plainCopy);
    const copy = openDatabase(plainCopy, { readonly: true });
    let auditHead: BackupHeader['auditHead'];
    try {
      auditHead = headOf(copy);
    } finally {
      copy.close();
    }
    const sealed = await sealBackup(box, readFileSync(plainCopy), { createdAt: now().toISOString(), auditHead });
    writeFileSync(sealedTemp, sealed, { mode: 0o600 });
    renameSync(sealedTemp, outFile);
    return { file: outFile, bytes: sealed.length, auditHead };
  } finally {
    rmSync(plainCopy, { force: true });
    rmSync(sealedTemp, { force: true });
  }
}

/**
 * Restores a backup file as storeFile, which must not exist (the console is stopped and the old
 * store moved aside first: a restore never overwrites). The opened copy must pass SQLite's
 * integrity_check, its audit chain must verify and end at exactly the head the backup recorded;
 * only then is it renamed into place.
 */
export async function restoreConsoleStore(box: SecretBox, backupFile: string, storeFile: string): Promise<BackupHeader> {
  if (existsSync(storeFile)) throw new BackupFileError(`${storeFile} exists: stop the console and move it aside first (a restore never overwrites a store)`);
  for (const side of ['-wal', '-shm']) {
    if (existsSync(`${storeFile}${side}`)) throw new BackupFileError(`${storeFile}${side} exists: it belongs to a store that is gone; move it aside first`);
  }
  const { header, plain } = await openBackup(box, readFileSync(backupFile));
  mkdirSync(dirname(storeFile), { recursive: true, mode: 0o700 });
  const temp = join(dirname(storeFile), `.restoring-${process.pid}.sqlite`);
  writeFileSync(temp, plain, { mode: 0o600 });
  try {
    const db = openDatabase(temp, { readonly: true });
    try {
      const integrity = db.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok') throw new BackupFileError(`the restored store fails SQLite's integrity check: ${String(integrity)}`);
      const head = headOf(db);
      if (head.count !== header.auditHead.count || head.hash !== header.auditHead.hash) {
        throw new BackupFileError(`the restored audit chain ends at entry ${head.count}, the backup recorded ${header.auditHead.count} (${header.auditHead.hash.slice(0, 12)}…)`);
      }
    } finally {
      db.close();
    }
    renameSync(temp, storeFile);
    return header;
  } finally {
    rmSync(temp, { force: true });
  }
}
