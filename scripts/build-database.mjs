#!/usr/bin/env node
// Prepares dist/pglite-template: an embedded (PGlite) data directory with every migration applied.
// Creating a PGlite database from nothing runs initdb inside WebAssembly, which is most of a first
// start's time; the server copies this directory into an empty DATA_DIR instead, then migrates
// as usual (nothing to do unless drizzle/ gained a migration since). Rebuilt when a migration or
// the installed PGlite changes.
// Usage: node scripts/build-database.mjs [--force]   (also a step of scripts/build.mjs)
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isFresh, isMain } from './build-freshness.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const template = join(root, 'dist', 'pglite-template');
// Beside the template, not in it (it is not copied into data directories): the migrations it has.
const manifest = join(root, 'dist', 'pglite-template.json');
const migrationsFolder = join(root, 'drizzle');
// The installed PGlite: its data directory format must be the one the server's PGlite reads.
const pglitePackage = join(root, 'node_modules', '@electric-sql', 'pglite', 'package.json');

/** Builds the template when it is missing or out of date; returns a line for the log. */
export async function buildDatabase({ force = false } = {}) {
  // PG_VERSION is written first by initdb; a template without it is a build that did not finish.
  if (!force && existsSync(manifest) && isFresh(join(template, 'PG_VERSION'), [migrationsFolder, pglitePackage])) {
    return 'build-database: up to date (dist/pglite-template)';
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  // Built aside and renamed into place, so a server never copies a half-made template.
  const partial = `${template}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(dirname(partial), { recursive: true });
  const client = await PGlite.create(partial);
  try {
    await migrate(drizzle(client), { migrationsFolder });
  } finally {
    await client.close();
  }
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8'));
  if (existsSync(template)) rmSync(template, { recursive: true, force: true });
  renameSync(partial, template);
  writeFileSync(manifest, `${JSON.stringify({ migrations: journal.entries.map((entry) => entry.tag) }, null, 2)}\n`);
  return 'build-database: built dist/pglite-template';
}

if (isMain(import.meta.url)) {
  console.log(await buildDatabase({ force: process.argv.includes('--force') }));
}
