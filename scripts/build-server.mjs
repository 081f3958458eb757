#!/usr/bin/env node
// Compiles the server (src/ → dist/) with TypeScript. Skips the compile, without starting tsc,
// when dist/ was built after every source file, tsconfig and the lockfile last changed; when it
// does compile, tsc's incremental build info (dist/.tsbuildinfo) keeps it to what changed.
// Usage: node scripts/build-server.mjs [--force]   (also a step of scripts/build.mjs)
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { isFresh, isMain } from './build-freshness.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = join(root, 'dist', '.build-server');
const entry = join(root, 'dist', 'cli', 'main.js');
const buildInfo = join(root, 'dist', '.tsbuildinfo');
const sources = ['src', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'].map((entry) => join(root, entry));
const isTest = (path) => path.endsWith('.test.ts');

/** Compiles dist/ when it is missing or out of date; returns a line for the log. */
export async function buildServer({ force = false } = {}) {
  const complete = existsSync(entry);
  if (!force && complete && isFresh(stamp, sources, isTest)) return 'build-server: up to date (dist)';
  // tsc's build info knows the sources, not the outputs: with outputs deleted it would emit nothing.
  if (force || !complete) rmSync(buildInfo, { force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  try {
    await promisify(execFile)(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root });
  } catch (error) {
    // tsc reports type errors on stdout.
    throw new Error(`build-server: tsc failed\n${error.stdout || error.message}`, { cause: error });
  }
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
  return 'build-server: built dist';
}

if (isMain(import.meta.url)) {
  try {
    console.log(await buildServer({ force: process.argv.includes('--force') }));
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
