import { createHash } from 'node:crypto';
import { createReadStream, readdirSync, statSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';

/**
 * manifest.json of a house backup directory: what was backed up, the audit head and payment
 * count at that moment, and the sha256 of every file, so a restore refuses a damaged copy
 * before it touches a database.
 */
export const MANIFEST_FILE = 'manifest.json';

const fileEntry = z.object({ path: z.string().min(1), bytes: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict();

export const backupManifestSchema = z
  .object({
    format: z.literal('hankou-house-backup'),
    version: z.literal(1),
    /** dump: pg_dump custom format (restore into an empty database); base: pg_basebackup, for point-in-time recovery with a WAL archive. */
    kind: z.enum(['dump', 'base']),
    createdAt: z.string(),
    /** The server's clock when the backup's snapshot was taken (recovery targets are in server time). */
    serverTime: z.string(),
    serverVersion: z.string(),
    database: z.string(),
    user: z.string(),
    auditHead: z.object({ seq: z.number().int().nonnegative(), hash: z.string() }).strict().nullable(),
    payments: z.number().int().nonnegative(),
    files: z.array(fileEntry),
  })
  .strict();
export type BackupManifest = z.infer<typeof backupManifestSchema>;

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Every regular file under dir, as paths relative to it, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const full = join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push(relative(dir, full));
    }
  };
  walk(dir);
  return out.sort();
}

export async function describeFiles(root: string, paths: readonly string[]): Promise<BackupManifest['files']> {
  const files: BackupManifest['files'] = [];
  for (const path of paths) files.push({ path, bytes: statSync(join(root, path)).size, sha256: await sha256OfFile(join(root, path)) });
  return files;
}

export function writeManifest(dir: string, manifest: BackupManifest): void {
  writeFileSync(join(dir, MANIFEST_FILE), `${JSON.stringify(backupManifestSchema.parse(manifest), null, 2)}\n`, { mode: 0o600 });
}

export function readManifest(dir: string): BackupManifest {
  const path = join(dir, MANIFEST_FILE);
  if (!existsSync(path)) throw new Error(`${dir} is not a house backup (no ${MANIFEST_FILE}; an interrupted backup writes none)`);
  const parsed = backupManifestSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path} is not a valid house backup manifest: ${parsed.error.issues[0]?.message ?? 'bad shape'}`);
  return parsed.data;
}

/** Checks every file listed against its size and sha256; throws naming the first that differs. */
export async function checkManifestFiles(dir: string, manifest: BackupManifest): Promise<void> {
  for (const file of manifest.files) {
    const path = join(dir, file.path);
    if (!existsSync(path)) throw new Error(`backup file ${file.path} is missing`);
    if (statSync(path).size !== file.bytes || (await sha256OfFile(path)) !== file.sha256) {
      throw new Error(`backup file ${file.path} does not match its checksum in ${MANIFEST_FILE} (damaged or changed)`);
    }
  }
}
