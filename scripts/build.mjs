#!/usr/bin/env node
// Builds whatever is missing or out of date, in one process: the example spells, the web app,
// the server (dist/) and the embedded database template. Runs on `npm install` (the `prepare`
// script) and before `npm start`; when nothing changed it only compares file times, so a restart
// does not wait for a build. Usage: node scripts/build.mjs [--force] [--if-dev]
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { buildDatabase } from './build-database.mjs';
import { isMain } from './build-freshness.mjs';
import { buildServer } from './build-server.mjs';
import { buildSpells } from './build-spells.mjs';
import { buildWeb } from './build-web.mjs';

const force = process.argv.includes('--force');
const root = fileURLToPath(new URL('..', import.meta.url));

export async function buildAll(options = { force }) {
  for (const step of [buildSpells, buildWeb, buildServer, buildDatabase]) {
    const started = performance.now();
    const line = await step(options);
    const seconds = (performance.now() - started) / 1000;
    console.log(seconds >= 0.5 ? `${line} in ${seconds.toFixed(1)} s` : line);
  }
}

if (isMain(import.meta.url)) {
  // `npm ci --omit=dev` (a server image built from an already built tree) runs `prepare` too, without
  // the compilers: there is nothing to build with, and nothing that needs building then.
  if (process.argv.includes('--if-dev') && !existsSync(join(root, 'node_modules', 'typescript'))) {
    console.log('build: dev dependencies are not installed; skipping the build');
    process.exit(0);
  }
  try {
    await buildAll();
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
