import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { openDatabase, type Db } from '../store/open-database';
import { appendAudit } from '../audit/audit-log';
import type { SealKind, SecretBox } from '../secrets/secret-box';
import { deleteSetting, getSetting, setSetting } from './settings';

/** The name the house link is sealed under (bound into the envelope's associated data). */
export const HOUSE_LINK_SECRET = 'house_link';

export const houseLinkSchema = z
  .object({
    url: z.string().regex(/^https?:\/\/[^\s/]+(\/\S*)?$/, 'the house URL must be http(s)://host[:port]'),
    // Bearer tokens are opaque; the bounds only keep out an empty or a pasted file of junk.
    token: z.string().regex(/^\S+$/, 'the token has no spaces or line breaks').min(1).max(4096),
    /** This bank's client certificate, its (decrypted) key and the centre's CA, PEM; sealed with the rest (docs/tls.md). */
    tls: z
      .object({
        cert: z.string().includes('-----BEGIN CERTIFICATE-----').max(65_536),
        key: z.string().includes('PRIVATE KEY-----').max(65_536),
        ca: z.string().includes('-----BEGIN CERTIFICATE-----').max(65_536),
      })
      .strict()
      .optional(),
  })
  .strict();
export type HouseLink = z.infer<typeof houseLinkSchema>;

/** Where a house link in force came from, for the start-up line. */
export type HouseLinkSource = 'environment' | 'arguments' | 'stored';

/**
 * Seals the house URL and token with the host's secret box and keeps the envelope in the
 * settings table. The audit entry names the URL and how it was sealed, never the token.
 */
export async function storeHouseLink(db: Db, box: SecretBox, link: HouseLink, by: string, at: string): Promise<SealKind> {
  const checked = houseLinkSchema.parse(link);
  const sealed = await box.seal(HOUSE_LINK_SECRET, JSON.stringify(checked));
  const kind = (JSON.parse(sealed) as { key: { kind: SealKind } }).key.kind;
  db.transaction(() => {
    setSetting(db, 'house_link', sealed);
    appendAudit(db, { at, actor: by, action: 'house_link.stored', entity: 'settings', entityId: 'house_link', detail: { url: checked.url, sealedWith: kind, ...(checked.tls ? { clientCertificate: true } : {}) } });
  })();
  return kind;
}

export function forgetHouseLink(db: Db, by: string, at: string): boolean {
  if (getSetting(db, 'house_link') === undefined) return false;
  db.transaction(() => {
    deleteSetting(db, 'house_link');
    appendAudit(db, { at, actor: by, action: 'house_link.removed', entity: 'settings', entityId: 'house_link', detail: {} });
  })();
  return true;
}

/** Opens the stored house link; undefined when none is stored. Throws SecretBoxError when it cannot be opened. */
export async function loadHouseLink(db: Db, box: SecretBox): Promise<HouseLink | undefined> {
  const sealed = getSetting(db, 'house_link');
  return sealed === undefined ? undefined : openHouseLink(box, sealed);
}

export async function openHouseLink(box: SecretBox, sealed: string): Promise<HouseLink> {
  return houseLinkSchema.parse(JSON.parse(await box.open(HOUSE_LINK_SECRET, sealed)));
}

/**
 * The sealed house link of the store in dataDir, read before the back end opens it (the sync
 * extension needs the link when the back end starts); undefined without a store or a link.
 */
export function sealedHouseLinkIn(dataDir: string, storeFile: string): string | undefined {
  const path = join(dataDir, storeFile);
  if (!existsSync(path)) return undefined;
  const db = openDatabase(path, { readonly: true });
  try {
    const hasSettings = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'settings'").pluck().get() !== undefined;
    return hasSettings ? getSetting(db, 'house_link') : undefined;
  } finally {
    db.close();
  }
}

/** HANKOU_HOUSE_URL with HANKOU_HOUSE_TOKEN: a one-off link that is used and never stored. */
export function houseLinkFromEnv(env: NodeJS.ProcessEnv = process.env): HouseLink | undefined {
  const url = env.HANKOU_HOUSE_URL;
  const token = env.HANKOU_HOUSE_TOKEN;
  if (!url && !token) return undefined;
  if (!url || !token) throw new Error('HANKOU_HOUSE_URL and HANKOU_HOUSE_TOKEN go together');
  return houseLinkSchema.parse({ url, token });
}

/**
 * The link a host starts with: one given explicitly (arguments, or the environment) is used for
 * this run and not stored; otherwise the stored one, opened with the host's box (which asks for
 * the passphrase only now, when there is something to open).
 */
export async function resolveHouseLink(options: {
  explicit: HouseLink | undefined;
  explicitSource: Exclude<HouseLinkSource, 'stored'>;
  dataDir: string;
  storeFile: string;
  box: SecretBox;
}): Promise<{ link: HouseLink; source: HouseLinkSource } | undefined> {
  if (options.explicit !== undefined) return { link: options.explicit, source: options.explicitSource };
  const sealed = sealedHouseLinkIn(options.dataDir, options.storeFile);
  if (sealed === undefined) return undefined;
  return { link: await openHouseLink(options.box, sealed), source: 'stored' };
}
