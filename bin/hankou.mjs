#!/usr/bin/env node
// The `hankou` command: runs the TypeScript CLI through tsx so no build step is needed.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

register();
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const { main } = await import(join(root, 'app/cli/main.ts'));
process.exitCode = await main(process.argv.slice(2));
