#!/usr/bin/env node
// Builds every example spell in spells/examples/<name>/index.ts to spells/examples/build/<name>.wasm
// with the AssemblyScript compiler. Skips a spell whose output is newer than all of its sources.
// Usage: node scripts/build-spells.mjs [--force]
import { mkdirSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';

const root = fileURLToPath(new URL('..', import.meta.url));
const examples = join(root, 'spells', 'examples');
const outDir = join(examples, 'build');
const shared = join(examples, 'lib');
const force = process.argv.includes('--force');

const newestSource = (dir) =>
  Math.max(...[dir, shared].flatMap((d) => readdirSync(d).map((file) => statSync(join(d, file)).mtimeMs)));

mkdirSync(outDir, { recursive: true });
const names = readdirSync(examples).filter((name) => existsSync(join(examples, name, 'index.ts')));
let built = 0;
for (const name of names) {
  const outFile = join(outDir, `${name}.wasm`);
  if (!force && existsSync(outFile) && statSync(outFile).mtimeMs > newestSource(join(examples, name))) continue;
  const { error, stderr } = await asc.main(
    [
      relative(root, join(examples, name, 'index.ts')),
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
