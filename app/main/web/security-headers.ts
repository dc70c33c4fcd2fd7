/**
 * Response headers of the browser host. The CSP allows scripts only from the host itself (no
 * inline scripts, no eval), styles from the host plus the grid's theme <style> elements that
 * carry this response's nonce, and one WebSocket: the host's own, on 127.0.0.1. e2e/security.spec.ts
 * proves in Chromium that each part is enforced.
 */
export function contentSecurityPolicy(port: number, styleNonce: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${styleNonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ws://127.0.0.1:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    // A sandbox without allow-popups: window.open and target=_blank open nothing. Scripts, the
    // console's own origin (storage, WebSocket), forms (the login's submit event) and downloads
    // (case attachments) stay; form-action 'none' above still stops any form from being sent.
    // allow-modals: the print dialog (receipts, vouchers: window.print); the console opens no alert or confirm.
    'sandbox allow-scripts allow-same-origin allow-forms allow-downloads allow-modals',
  ].join('; ');
}

export function securityHeaders(port: number, styleNonce: string): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(port, styleNonce),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=()',
    // The console shows live balances and statuses: never serve a stale page from a cache.
    'Cache-Control': 'no-store',
  };
}

/** The placeholder index.html carries for the nonce (see app/renderer/index.html). */
export const STYLE_NONCE_PLACEHOLDER = '__HANKOU_STYLE_NONCE__';
