#!/usr/bin/env node
// Builds every example spell in spells/examples/<name>/ to spells/examples/build/<name>.wasm: an
// index.ts with the AssemblyScript compiler, an index.wat (hand-written hostile modules) with wabt.
// Skips a spell whose output is newer than all of its sources, without loading either compiler.
// Usage: node scripts/build-spells.mjs [--force]   (also a step of scripts/build.mjs)
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isFresh, isMain } from './build-freshness.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const examples = join(root, 'spells', 'examples');
const outDir = join(examples, 'build');
const shared = join(examples, 'lib');

const sourceOf = (name) => ['index.ts', 'index.wat'].map((file) => join(examples, name, file)).find((file) => existsSync(file));

/** Assembles a WAT source; wabt reports the line of any error. */
async function buildWat(source, outFile) {
  const { default: loadWabt } = await import('wabt');
  const wabt = await loadWabt();
  const parsed = wabt.parseWat(relative(root, source), readFileSync(source, 'utf8'));
  try {
    parsed.validate();
    writeFileSync(outFile, parsed.toBinary({}).buffer);
  } finally {
    parsed.destroy();
  }
}

async function buildAssemblyScript(source, outFile) {
  const { default: asc } = await import('assemblyscript/asc');
  const { error, stderr } = await asc.main(
    [
      relative(root, source),
      '--outFile', relative(root, outFile),
      '--optimize',
      '--use', 'abort=spells/examples/lib/spell/spellAbort',
      '--baseDir', root,
    ],
    {},
  );
  if (error) {
    process.stderr.write(stderr.toString());
    throw error;
  }
}

/** Builds the spells that are missing or older than their sources; returns a line for the log. */
export async function buildSpells({ force = false } = {}) {
  mkdirSync(outDir, { recursive: true });
  const names = readdirSync(examples).filter((name) => sourceOf(name));
  let built = 0;
  for (const name of names) {
    const outFile = join(outDir, `${name}.wasm`);
    if (!force && isFresh(outFile, [join(examples, name), shared])) continue;
    const source = sourceOf(name);
    try {
      await (source.endsWith('.wat') ? buildWat(source, outFile) : buildAssemblyScript(source, outFile));
    } catch (error) {
      throw new Error(`build-spells: ${name} failed: ${error.message}`, { cause: error });
    }
    built += 1;
  }
  return `build-spells: ${built} built, ${names.length - built} up to date (${relative(root, outDir)})`;
}

if (isMain(import.meta.url)) {
  try {
    console.log(await buildSpells({ force: process.argv.includes('--force') }));
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
