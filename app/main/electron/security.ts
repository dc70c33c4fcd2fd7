/**
 * Pure rules for the Electron window, kept apart from Electron's API so they can be tested in
 * Node: which URLs belong to the app, and the CSP the renderer runs under.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'console';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True only for pages the app itself serves (app://console/...). */
export function isAppUrl(url: string | undefined | null): boolean {
  if (typeof url !== 'string' || url === '') return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** The window's CSP: everything from the app itself, grid theme styles by nonce, no eval, no network. */
export function electronCsp(styleNonce: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${styleNonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The one IPC channel main pushes events on: {name, payload}. */
export const EVENT_CHANNEL = 'hankou:event';

/** Each window's webContents is its own back-end session. */
export function sessionKeyOf(webContentsId: number): string {
  return `wc:${webContentsId}`;
}
