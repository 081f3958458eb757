#!/usr/bin/env node
// The `spell` command runs the compiled CLI; `npm run build` (or `npm start`) produces it.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('spell: the CLI is not built yet; run `npm run build` first.');
  process.exit(1);
}
await import(entry.href);
