#!/usr/bin/env node
// Builds every example spell in spells/examples/<name>/ to spells/examples/build/<name>.wasm: an
// index.ts with the AssemblyScript compiler, an index.wat (hand-written hostile modules) with wabt,
// an index.c with clang and wasi-libc (a WASI reactor), an index.rs with rustc for
// wasm32-unknown-unknown. Skips a spell whose output is newer than all of its sources, without
// loading any compiler. A C or Rust example is skipped, with one line saying what to install, on a
// machine without its toolchain (scripts/toolchains.mjs); the tests that cast it skip or, in CI, fail.
// Usage: node scripts/build-spells.mjs [--force]   (also a step of scripts/build.mjs)
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isFresh, isMain } from './build-freshness.mjs';
import { findClangWasi, findRustWasm } from './toolchains.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const examples = join(root, 'spells', 'examples');
const outDir = join(examples, 'build');
const shared = join(examples, 'lib');

const sourceOf = (name) =>
  ['index.ts', 'index.wat', 'index.c', 'index.rs'].map((file) => join(examples, name, file)).find((file) => existsSync(file));

/** Runs a compiler; its messages become the error's. */
function compile(program, args) {
  return new Promise((resolve, reject) => {
    execFile(program, args, { cwd: root }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`${program} ${args.join(' ')}\n${stderr || error.message}`));
      else resolve();
    });
  });
}

/** A C spell: a WASI reactor (wasi-libc initialises itself in `_initialize`, before any call). */
async function buildC(source, outFile, clang) {
  await compile(clang.program, [
    ...clang.args,
    '-Os',
    '-Wall',
    '-Wextra',
    '-mexec-model=reactor',
    '-Wl,--strip-all',
    '-o', relative(root, outFile),
    relative(root, source),
  ]);
}

/** A Rust spell: a cdylib for wasm32-unknown-unknown, with no crates beyond the standard library. */
async function buildRust(source, outFile, rustc) {
  await compile(rustc.program, [
    '--edition', '2021',
    '--target', 'wasm32-unknown-unknown',
    '--crate-type', 'cdylib',
    '-O',
    '-C', 'strip=symbols',
    '-o', relative(root, outFile),
    relative(root, source),
  ]);
}

/** How to build `source`, or why it cannot be built on this machine. */
function builderOf(source) {
  if (source.endsWith('.wat')) return { build: buildWat };
  if (source.endsWith('.ts')) return { build: buildAssemblyScript };
  const toolchain = source.endsWith('.c') ? findClangWasi() : findRustWasm();
  if (!toolchain.found) return { skip: toolchain.reason };
  return { build: (from, to) => (source.endsWith('.c') ? buildC(from, to, toolchain) : buildRust(from, to, toolchain)) };
}

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
  let skipped = 0;
  for (const name of names) {
    const outFile = join(outDir, `${name}.wasm`);
    if (!force && isFresh(outFile, [join(examples, name), shared])) continue;
    const source = sourceOf(name);
    const builder = builderOf(source);
    if (builder.skip) {
      // An older build would be cast as if it were this source.
      rmSync(outFile, { force: true });
      console.warn(`skipping ${relative(root, join(examples, name))}: ${builder.skip}`);
      skipped += 1;
      continue;
    }
    try {
      await builder.build(source, outFile);
    } catch (error) {
      throw new Error(`build-spells: ${name} failed: ${error.message}`, { cause: error });
    }
    built += 1;
  }
  const skips = skipped > 0 ? `, ${skipped} skipped` : '';
  return `build-spells: ${built} built, ${names.length - built - skipped} up to date${skips} (${relative(root, outDir)})`;
}

if (isMain(import.meta.url)) {
  try {
    console.log(await buildSpells({ force: process.argv.includes('--force') }));
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
