// Injected into the CJS Electron bundle so `import.meta.url` (used by ESM sources) still works.
import { pathToFileURL } from 'node:url';

export const __hankouImportMetaUrl = pathToFileURL(__filename).href;
