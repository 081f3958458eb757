#!/usr/bin/env node
// Builds the web app and admin console (web/) into web/dist with Vite. Skips the build, without
// loading Vite, when web/dist/index.html is newer than every source file and the lockfile.
// Usage: node scripts/build-web.mjs [--force]   (also a step of scripts/build.mjs)
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isFresh, isMain } from './build-freshness.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const web = join(root, 'web');
const output = join(web, 'dist', 'index.html');
const sources = [...['index.html', 'vite.config.ts', 'src', 'public'].map((entry) => join(web, entry)), join(root, 'package-lock.json')];

/** Builds web/dist when it is missing or out of date; returns a line for the log. */
export async function buildWeb({ force = false } = {}) {
  if (!force && isFresh(output, sources)) return `build-web: up to date (${relative(root, output)})`;
  // Always a production build (React's production bundle, no dev JSX), also when run from the
  // test runner, which sets NODE_ENV=test.
  process.env.NODE_ENV = 'production';
  const { build } = await import('vite');
  await build({ configFile: join(web, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  return `build-web: built ${relative(root, join(web, 'dist'))}`;
}

if (isMain(import.meta.url)) {
  console.log(await buildWeb({ force: process.argv.includes('--force') }));
}
