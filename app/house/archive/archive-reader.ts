import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AuditChainWalker, storedAuditEntry, type AuditLogRow } from '../../shared/audit/audit-chain';
import { ARCHIVE_MANIFEST_FILE, parseArchiveManifest, type ArchiveManifest } from '../../shared/archive/archive-manifest';
import { sha256OfFile } from '../backup/backup-manifest';
import { houseAuditHash } from '../store/audit-log';
import { readJsonlGzip } from './jsonl-gzip';

/** Archived day directories (YYYY-MM-DD), oldest first; partial and stale copies (dot names) are not days. */
export function listArchivedDays(archiveDir: string): string[] {
  if (!existsSync(archiveDir)) return [];
  return readdirSync(archiveDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^\d{4}-\d{2}-\d{2}$/.test(entry.name) && existsSync(join(archiveDir, entry.name, ARCHIVE_MANIFEST_FILE)))
    .map((entry) => entry.name)
    .sort();
}

export function readArchiveManifest(dayDir: string): ArchiveManifest {
  const path = join(dayDir, ARCHIVE_MANIFEST_FILE);
  return parseArchiveManifest(readFileSync(path, 'utf8'), path);
}

/** Throws unless the file is there with the manifest's size and sha256. */
export async function checkArchiveFile(dayDir: string, manifest: ArchiveManifest, name: string): Promise<string> {
  const file = manifest.files.find((f) => f.name === name);
  if (!file) throw new Error(`${dayDir}: the manifest lists no ${name}`);
  const path = join(dayDir, name);
  if (!existsSync(path)) throw new Error(`${path} is missing`);
  if (statSync(path).size !== file.bytes || (await sha256OfFile(path)) !== file.sha256) throw new Error(`${path} does not match its checksum in the manifest (damaged or changed)`);
  return path;
}

export interface ArchivedPayment {
  businessDate: string;
  location: string;
  /** The stored row: snake_case columns, bigints as decimal strings. */
  row: Record<string, unknown>;
}

/**
 * A payment by id from the archive: newest day first, each day's payments file scanned as a
 * stream (about a second per million rows here), and the file's checksum checked before the
 * answer is given. `businessDate` narrows the search to one day.
 */
export async function findArchivedPayment(archiveDir: string, id: string, businessDate?: string): Promise<ArchivedPayment | undefined> {
  const needle = JSON.stringify(id);
  const days = listArchivedDays(archiveDir).reverse().filter((d) => businessDate === undefined || d === businessDate);
  for (const day of days) {
    const dayDir = join(archiveDir, day);
    const manifest = readArchiveManifest(dayDir);
    const path = join(dayDir, 'payments.jsonl.gz');
    if (!existsSync(path)) continue;
    for await (const line of readJsonlGzip(path)) {
      // Cheap test first: only a line holding the quoted id is parsed.
      if (!line.includes(needle)) continue;
      const row = JSON.parse(line) as Record<string, unknown>;
      if (row.id !== id) continue;
      await checkArchiveFile(dayDir, manifest, 'payments.jsonl.gz');
      return { businessDate: day, location: dayDir, row };
    }
  }
  return undefined;
}

export type ArchiveVerification =
  | { ok: true; days: number; payments: number; journal: number; audit: number; auditLast: { seq: number; hash: string } | undefined }
  | { ok: false; day: string; problem: string };

/**
 * Every archived day, oldest first: files against their checksums and row counts, and the
 * audit chain walked entry by entry across the days (each day's first entry must follow the
 * previous day's last), matching the boundary hashes each manifest records.
 */
export async function verifyHouseArchive(archiveDir: string): Promise<ArchiveVerification> {
  // From the genesis entry: a missing oldest day is a gap, not a new start.
  const walker = new AuditChainWalker(houseAuditHash);
  let auditLast: { seq: number; hash: string } | undefined;
  const totals = { payments: 0, journal: 0, audit: 0 };
  const days = listArchivedDays(archiveDir);
  for (const day of days) {
    const dayDir = join(archiveDir, day);
    try {
      const manifest = readArchiveManifest(dayDir);
      if (manifest.source !== 'house' || manifest.businessDate !== day) throw new Error(`the manifest is for ${manifest.source} ${manifest.businessDate}`);
      for (const file of manifest.files) {
        const path = await checkArchiveFile(dayDir, manifest, file.name);
        let rows = 0;
        for await (const line of readJsonlGzip(path)) {
          rows += 1;
          if (file.name !== 'audit.jsonl.gz') continue;
          const row = JSON.parse(line) as AuditLogRow;
          const broken = walker.check(storedAuditEntry(row));
          if (broken && !broken.ok) throw new Error(`audit seq ${broken.seq}: ${broken.problem}`);
          auditLast = { seq: row.seq, hash: row.hash };
        }
        if (rows !== file.rows) throw new Error(`${file.name} holds ${rows} rows, the manifest says ${file.rows}`);
        if (file.name === 'payments.jsonl.gz') totals.payments += rows;
        else if (file.name === 'journal.jsonl.gz') totals.journal += rows;
        else if (file.name === 'audit.jsonl.gz') totals.audit += rows;
      }
      if (manifest.audit !== null && (auditLast?.seq !== manifest.audit.lastSeq || auditLast.hash !== manifest.audit.lastHash)) {
        throw new Error('the audit entries do not end at the boundary the manifest records');
      }
    } catch (error) {
      return { ok: false, day, problem: (error as Error).message };
    }
  }
  return { ok: true, days: days.length, ...totals, auditLast };
}
