#!/usr/bin/env node
// Builds the web app and admin console (web/) into web/dist with Vite. Skips the build when
// web/dist/index.html is newer than every source file. Usage: node scripts/build-web.mjs [--force]
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const web = join(root, 'web');
const output = join(web, 'dist', 'index.html');
const force = process.argv.includes('--force');

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newest(join(path, entry))));
}

const sources = ['index.html', 'vite.config.ts', 'src', 'public'].map((entry) => join(web, entry)).filter(existsSync);
const lockfile = join(root, 'package-lock.json');
const newestSource = Math.max(...sources.map(newest), existsSync(lockfile) ? statSync(lockfile).mtimeMs : 0);
if (!force && existsSync(output) && statSync(output).mtimeMs > newestSource) {
  console.log(`build-web: up to date (${relative(root, output)})`);
  process.exit(0);
}
// Always a production build (React's production bundle, no dev JSX), also when run from the
// test runner, which sets NODE_ENV=test.
process.env.NODE_ENV = 'production';
const { build } = await import('vite');
await build({ configFile: join(web, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
console.log(`build-web: built ${relative(root, join(web, 'dist'))}`);
