import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Option, type Command } from 'commander';
import { usageError } from './exit-codes.js';
import { line, type CliIo } from './io.js';

/** spells/ (beside src/ and dist/ alike): the scaffolds in templates/, the kernel bindings they share with the examples in examples/lib/. */
const SPELLS = fileURLToPath(new URL('../../spells/', import.meta.url));

export const LANGUAGES = ['assemblyscript', 'c', 'rust'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each file of a scaffold: where it lands in the new directory, and where it comes from in spells/. */
const FILES: Record<Language, Record<string, string>> = {
  assemblyscript: {
    'package.json': 'templates/assemblyscript/package.json',
    'assembly/index.ts': 'templates/assemblyscript/assembly/index.ts',
    'test.mjs': 'templates/common/test.mjs',
    'README.md': 'templates/assemblyscript/README.md',
    '.gitignore': 'templates/common/gitignore',
  },
  c: {
    'spell.c': 'templates/c/spell.c',
    'extism.h': 'examples/lib/extism.h',
    Makefile: 'templates/c/Makefile',
    'package.json': 'templates/common/package.json',
    'test.mjs': 'templates/common/test.mjs',
    'README.md': 'templates/c/README.md',
    '.gitignore': 'templates/common/gitignore',
  },
  rust: {
    'src/lib.rs': 'templates/rust/src/lib.rs',
    'src/extism.rs': 'examples/lib/extism.rs',
    Makefile: 'templates/rust/Makefile',
    'package.json': 'templates/common/package.json',
    'test.mjs': 'templates/common/test.mjs',
    'README.md': 'templates/rust/README.md',
    '.gitignore': 'templates/common/gitignore',
  },
};

/** What to run next, printed after the files are written. */
const NEXT_STEPS: Record<Language, string[]> = {
  assemblyscript: ['npm install', 'npm run build', 'npm test'],
  c: ['make', 'npm install && npm test'],
  rust: ['make', 'npm install && npm test'],
};

/** A spell (and npm package) name from the directory's: lower-case letters, digits and dashes. */
export function spellNameFor(dir: string): string {
  const name = basename(resolve(dir))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
  return name || 'my-spell';
}

async function isEmptyOrMissing(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return true;
    if (code === 'ENOTDIR') throw usageError(`${dir} is a file, not a directory.`);
    throw error;
  }
}

/** Writes a new spell's files into `dir` (missing or empty); answers the paths written, relative to it. */
export async function scaffoldSpell(dir: string, language: Language): Promise<string[]> {
  if (!(await isEmptyOrMissing(dir))) throw usageError(`${dir} is not empty; spell init writes only into a new or empty directory.`);
  const name = spellNameFor(dir);
  const files = FILES[language];
  const contents = await Promise.all(
    Object.values(files).map(async (source) => {
      const text = await readFile(join(SPELLS, source), 'utf8');
      return text.replaceAll('{{name}}', name);
    }),
  );
  const targets = Object.keys(files);
  for (const [index, target] of targets.entries()) {
    const path = join(dir, target);
    await mkdir(dirname(path), { recursive: true });
    // `wx`: never overwrite a file that appeared since the directory was checked.
    await writeFile(path, contents[index] ?? '', { flag: 'wx' });
  }
  return targets;
}

/** `spell init <dir> --lang <language>`: a new spell that builds with one command and has a test. */
export function registerInitCommand(program: Command, io: CliIo): void {
  program
    .command('init')
    .description('Create a spell in a new directory: source, one-command build, and a test')
    .argument('<dir>', 'the directory to create (must be missing or empty)')
    .addOption(new Option('--lang <language>', 'the language to write it in').choices(LANGUAGES).makeOptionMandatory())
    .action(async (dir: string, options: { lang: Language }) => {
      const written = await scaffoldSpell(dir, options.lang);
      line(io.stdout, `Created ${spellNameFor(dir)} (${options.lang}) in ${dir}: ${written.join(', ')}`);
      line(io.stderr, `Next: cd ${dir} && ${NEXT_STEPS[options.lang].join(' && ')}`);
      line(io.stderr, `Then: spell run build/spell.wasm --input '"Ada"', and spell publish ${spellNameFor(dir)} build/spell.wasm`);
    });
}
