import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { freshIv, gcmOpen, gcmSeal } from '../secrets/aes-gcm';
import type { SecretBox } from '../secrets/secret-box';

/**
 * A console backup file: the SQLite store, encrypted with a fresh AES-256-GCM key per file, the
 * key sealed by the same secret box as the house link (OS keychain, or argon2id over the
 * passphrase; docs/secrets.md). Layout:
 *   line 1  "HANKOU-CONSOLE-BACKUP 1"
 *   line 2  JSON header: createdAt, the store's audit head and size, the sealed key, the IV
 *   rest    ciphertext || 16-byte tag, with lines 1 and 2 as associated data
 * so a changed header, a cut-off file or a flipped bit anywhere fails to open.
 */
export const BACKUP_MAGIC = 'HANKOU-CONSOLE-BACKUP 1';
/** The name the per-file key is sealed under (bound into its envelope). */
export const BACKUP_KEY_SECRET = 'console_backup_key';

export const backupHeaderSchema = z
  .object({
    createdAt: z.string(),
    /** The store's audit chain when it was copied; a restore must find exactly this head. */
    auditHead: z.object({ count: z.number().int().nonnegative(), hash: z.string() }).strict(),
    plainBytes: z.number().int().nonnegative(),
    sealedKey: z.string().min(1),
    iv: z.string().min(1),
  })
  .strict();
export type BackupHeader = z.infer<typeof backupHeaderSchema>;

export class BackupFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupFileError';
  }
}

export async function sealBackup(box: SecretBox, plain: Buffer, meta: Pick<BackupHeader, 'createdAt' | 'auditHead'>): Promise<Buffer> {
  const key = randomBytes(32);
  try {
    const header: BackupHeader = {
      ...meta,
      plainBytes: plain.length,
      sealedKey: await box.seal(BACKUP_KEY_SECRET, key.toString('base64')),
      iv: freshIv().toString('base64'),
    };
    const head = Buffer.from(`${BACKUP_MAGIC}\n${JSON.stringify(header)}\n`, 'utf8');
    return Buffer.concat([head, gcmSeal(key, Buffer.from(header.iv, 'base64'), head, plain)]);
  } finally {
    key.fill(0);
  }
}

/** Reads the header without opening anything (for listings). */
export function readBackupHeader(file: Buffer): { header: BackupHeader; headLength: number } {
  const first = file.indexOf(0x0a);
  const second = first < 0 ? -1 : file.indexOf(0x0a, first + 1);
  if (first < 0 || second < 0 || file.subarray(0, first).toString('utf8') !== BACKUP_MAGIC) throw new BackupFileError('not a Hankou console backup file');
  let json: unknown;
  try {
    json = JSON.parse(file.subarray(first + 1, second).toString('utf8'));
  } catch {
    throw new BackupFileError('the backup header is not JSON (the file was changed)');
  }
  const parsed = backupHeaderSchema.safeParse(json);
  if (!parsed.success) throw new BackupFileError(`the backup header is not valid: ${parsed.error.issues[0]?.message ?? 'bad shape'}`);
  return { header: parsed.data, headLength: second + 1 };
}

/** Opens a backup file; throws SecretBoxError (wrong passphrase, other keychain) or BackupFileError (changed file). */
export async function openBackup(box: SecretBox, file: Buffer): Promise<{ header: BackupHeader; plain: Buffer }> {
  const { header, headLength } = readBackupHeader(file);
  const key = Buffer.from(await box.open(BACKUP_KEY_SECRET, header.sealedKey), 'base64');
  try {
    const plain = gcmOpen(key, Buffer.from(header.iv, 'base64'), file.subarray(0, headLength), file.subarray(headLength));
    if (plain.length !== header.plainBytes) throw new BackupFileError('the backup holds a store of another size than its header says');
    return { header, plain };
  } catch (error) {
    if (error instanceof BackupFileError) throw error;
    throw new BackupFileError('the backup failed its integrity check: the file was changed or cut short');
  } finally {
    key.fill(0);
  }
}
