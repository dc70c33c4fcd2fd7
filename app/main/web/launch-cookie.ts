import type { IncomingMessage } from 'node:http';
import { secretMatches } from './launch-secret';

/**
 * The launch key for the browser host's address bar, exchanged once for a cookie so the console
 * has a stable, bookmarkable address (docs/security.md, "Browser host: launch key and cookie"):
 * http://127.0.0.1:PORT/?k=KEY sets an HttpOnly, SameSite=Strict cookie holding a second random
 * per-launch token and redirects to http://127.0.0.1:PORT/. The key leaves the address bar (and
 * history, bookmarks, screenshots); page scripts never see the token; the page and its WebSocket
 * are served only with the cookie (or the key). A bookmark of the clean address works while the
 * cookie is valid: this launch of the console, at most COOKIE_MAX_AGE_S. Otherwise the page says
 * how to get in.
 */

/** A working day: the clerk opens the printed address once a morning at most. */
export const COOKIE_MAX_AGE_S = 12 * 3600;

/** Per port: two consoles on one machine (cookies do not tell ports apart) keep their own cookie. */
export function cookieName(port: number): string {
  return `hankou_launch_${port}`;
}

export function setCookieHeader(port: number, token: string): string {
  return `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${COOKIE_MAX_AGE_S}`;
}

/** The request's value of the console's cookie, or null. */
export function cookieOf(req: IncomingMessage, port: number): string | null {
  const header = req.headers.cookie;
  if (header === undefined) return null;
  const name = `${cookieName(port)}=`;
  for (const part of header.split(';')) {
    const trimmed = part.trim();
    if (trimmed.startsWith(name)) return trimmed.slice(name.length);
  }
  return null;
}

export function cookieValid(req: IncomingMessage, port: number, token: string): boolean {
  return secretMatches(cookieOf(req, port), token);
}

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

/**
 * What a browser without the cookie (or with a wrong key) is shown instead of the console: plain
 * HTML, no script, in both languages, telling how to get in.
 */
export function howToGetInPage(port: number, wrongKey: boolean, styleNonce: string): string {
  const address = escapeHtml(`http://127.0.0.1:${port}/`);
  const zh = wrongKey
    ? '启动密钥不正确（可能是控制台已重启、密钥已更换）。'
    : '此浏览器尚未登记到本次启动的控制台（或登记已超过 12 小时、控制台已重启）。';
  const en = wrongKey
    ? 'The launch key is wrong (the console may have been restarted with a new key).'
    : 'This browser is not signed in to this launch of the console (or it was more than 12 hours ago, or the console was restarted).';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>汉口清算控制台 · Hankou console</title>
<style nonce="${escapeHtml(styleNonce)}">body{font-family:"Noto Sans SC","WenQuanYi Micro Hei",sans-serif;color:#1c2631;background:#f4f6f8}main{max-width:760px;margin:64px auto;padding:24px 32px;background:#fff;border:1px solid #d5dbe1;border-top:4px solid #b3261e}h1{font-size:22px;margin:0 0 16px}p{line-height:1.7}code{white-space:nowrap;background:#eef1f4;padding:0 4px}</style></head>
<body>
<main data-testid="missing-key">
<h1>缺少启动密钥 · Launch key needed</h1>
<p>${zh}请打开 <code>npm start</code>（或 <code>hankou console serve</code>）启动时在终端打印的完整地址（<code>${address}?k=…</code>）。打开一次后即跳转到 <code>${address}</code>，此地址可加入书签，12 小时内或控制台重启前有效。</p>
<p lang="en">${en} Open the full address that <code>npm start</code> (or <code>hankou console serve</code>) printed in its terminal (<code>${address}?k=…</code>). It takes you to <code>${address}</code>, which you can bookmark: it works for 12 hours or until the console restarts.</p>
</main>
</body></html>
`;
}
