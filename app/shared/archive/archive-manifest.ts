import { z } from 'zod';

/**
 * manifest.json of one archived business day (docs/archive.md), the house's or a console's:
 * the day's rows in gzip-compressed JSON-lines files, each with its row count, size and sha256,
 * and the audit chain's boundary hashes so the chain can be verified across archived days and
 * resumed in the live table. Written last: a day directory without one is an interrupted run.
 */
export const ARCHIVE_MANIFEST_FILE = 'manifest.json';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const businessDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const archiveFileSchema = z.strictObject({
  /** payments.jsonl.gz, journal.jsonl.gz, audit.jsonl.gz */
  name: z.string().regex(/^[a-z_]+\.jsonl\.gz$/),
  rows: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  sha256: hex64,
});
export type ArchiveFile = z.infer<typeof archiveFileSchema>;

export const archiveManifestSchema = z.strictObject({
  format: z.literal('hankou-archive'),
  version: z.literal(1),
  source: z.enum(['house', 'console']),
  businessDate,
  createdAt: z.string(),
  files: z.array(archiveFileSchema),
  /** The house's command range of the day (decimal strings); null for a console or a day without commands. */
  cmdSeq: z.strictObject({ first: z.string().regex(/^\d+$/), last: z.string().regex(/^\d+$/) }).nullable(),
  /** The day's audit entries: the first's seq and prevHash, the last's seq and hash; null when it had none. */
  audit: z.strictObject({ firstSeq: z.number().int().positive(), firstPrevHash: hex64, lastSeq: z.number().int().positive(), lastHash: hex64 }).nullable(),
});
export type ArchiveManifest = z.infer<typeof archiveManifestSchema>;

export function parseArchiveManifest(text: string, where: string): ArchiveManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error(`${where} is not JSON`);
  }
  const parsed = archiveManifestSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${where} is not an archive manifest: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? 'bad shape'}`);
  return parsed.data;
}
