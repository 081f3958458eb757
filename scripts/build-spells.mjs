#!/usr/bin/env node
// Builds every example spell in spells/examples/<name>/ to spells/examples/build/<name>.wasm: an
// index.ts with the AssemblyScript compiler, an index.wat (hand-written hostile modules) with wabt.
// Skips a spell whose output is newer than all of its sources.
// Usage: node scripts/build-spells.mjs [--force]
import { mkdirSync, readdirSync, readFileSync, statSync, existsSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';
import loadWabt from 'wabt';

const root = fileURLToPath(new URL('..', import.meta.url));
const examples = join(root, 'spells', 'examples');
const outDir = join(examples, 'build');
const shared = join(examples, 'lib');
const force = process.argv.includes('--force');

const newestSource = (dir) =>
  Math.max(...[dir, shared].flatMap((d) => readdirSync(d).map((file) => statSync(join(d, file)).mtimeMs)));

mkdirSync(outDir, { recursive: true });
const sourceOf = (name) => ['index.ts', 'index.wat'].map((file) => join(examples, name, file)).find((file) => existsSync(file));
const names = readdirSync(examples).filter((name) => sourceOf(name));
let wabt;

/** Assembles a WAT source; wabt reports the line of any error. */
async function buildWat(source, outFile) {
  wabt ??= await loadWabt();
  const parsed = wabt.parseWat(relative(root, source), readFileSync(source, 'utf8'));
  try {
    parsed.validate();
    writeFileSync(outFile, parsed.toBinary({}).buffer);
  } finally {
    parsed.destroy();
  }
}

let built = 0;
for (const name of names) {
  const outFile = join(outDir, `${name}.wasm`);
  if (!force && existsSync(outFile) && statSync(outFile).mtimeMs > newestSource(join(examples, name))) continue;
  const source = sourceOf(name);
  if (source.endsWith('.wat')) {
    try {
      await buildWat(source, outFile);
    } catch (error) {
      console.error(`build-spells: ${name} failed: ${error.message}`);
      process.exit(1);
    }
    built += 1;
    continue;
  }
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
    console.error(`build-spells: ${name} failed: ${error.message}`);
    process.exit(1);
  }
  built += 1;
}
console.log(`build-spells: ${built} built, ${names.length - built} up to date (${relative(root, outDir)})`);
