import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

/** Largest file the host will read into memory; the renderer's biggest chunk is ~2 MB. */
const MAX_STATIC_FILE_BYTES = 16 * 1024 * 1024;

export type StaticFile = { body: Buffer; contentType: string };

/**
 * Resolves a URL path inside the renderer's dist folder. Anything that would leave the folder
 * (.., encoded slashes, NUL) or names an unknown file type is refused with null.
 */
export function resolveStaticPath(distDir: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = resolve(distDir);
  const full = resolve(join(root, normalize(relative)));
  if (full !== root && !full.startsWith(root + sep)) return null;
  if (CONTENT_TYPES[extname(full).toLowerCase()] === undefined) return null;
  return full;
}

export async function readStaticFile(distDir: string, urlPath: string): Promise<StaticFile | null> {
  const full = resolveStaticPath(distDir, urlPath);
  if (full === null) return null;
  try {
    const info = await stat(full);
    if (!info.isFile() || info.size > MAX_STATIC_FILE_BYTES) return null;
    const contentType = CONTENT_TYPES[extname(full).toLowerCase()];
    if (contentType === undefined) return null;
    return { body: await readFile(full), contentType };
  } catch {
    return null;
  }
}
