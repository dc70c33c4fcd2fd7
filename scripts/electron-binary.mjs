// Where `npm start` finds Electron, and why not when it cannot, said as it happened.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * The Electron binary's path, or why there is none, in the words a user can act on: the
 * electron package's own error ("failed to install correctly") and the variable the setup sets
 * for `npm ci` both mislead here. HANKOU_SKIP_ELECTRON is named only when the user set it.
 * `resolve` and `env` are the package lookup and the environment (replaced in tests).
 */
export function electronBinary(resolve = () => require('electron'), env = process.env) {
  let path;
  try {
    path = resolve();
  } catch {
    // The package is there but its binary was never fetched (no path.txt): setup tried, offline.
    const skipped = env.HANKOU_SKIP_ELECTRON === '1';
    return {
      binary: null,
      why: skipped
        ? 'the Electron binary is not installed (HANKOU_SKIP_ELECTRON=1 told npm run setup not to fetch it)'
        : 'the Electron binary is not installed (npm run setup could not download it here)',
    };
  }
  if (typeof path === 'string' && existsSync(path)) return { binary: path, why: null };
  return { binary: null, why: `the Electron binary is not installed (${path} is missing)` };
}
