import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { spellNameFor } from '../src/cli/init-command.js';
import { expectOneLineError, spell } from './helpers/cli.js';
import { hasClangWasi, hasRustWasm, rustcPath } from './helpers/toolchains.js';

const run = promisify(execFile);
const BUILD_TIMEOUT_MS = 180_000;

const parents: string[] = [];
afterAll(() => {
  for (const dir of parents) rmSync(dir, { recursive: true, force: true });
});

/** A fresh parent directory; the spell goes in a child of it, as `spell init` is usually run. */
function newParent(): string {
  const dir = mkdtempSync(join(tmpdir(), 'spell-init-'));
  parents.push(dir);
  return dir;
}

/** Runs a scaffold's command in its directory, failing with its output when it fails. */
async function inDir(dir: string, command: string, args: string[], env: Record<string, string> = {}) {
  try {
    return await run(command, args, { cwd: dir, env: { ...process.env, ...env }, timeout: BUILD_TIMEOUT_MS });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${dir}:\n${stdout ?? ''}\n${stderr ?? ''}`, { cause: error });
  }
}

/** `npm install` of the scaffold's pinned devDependencies, from the npm cache when it has them. */
const npmInstall = (dir: string) => inDir(dir, 'npm', ['install', '--prefer-offline', '--no-audit', '--no-fund']);

async function init(dir: string, lang: string) {
  const result = await spell(['init', dir, '--lang', lang]);
  expect(result.stderr).toContain('Next: ');
  expect(result.code, result.stderr).toBe(0);
  return result;
}

describe('cli.init: the command line', () => {
  it('writes each language’s files, named for the directory', async () => {
    const dir = join(newParent(), 'Word_Count');
    const result = await init(dir, 'rust');
    expect(result.stdout).toContain('Created word-count (rust)');
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toContain('"name": "word-count"');
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain('spell publish word-count build/spell.wasm');
    // The kernel bindings are the examples' own, so a scaffold gets their fixes.
    expect(readFileSync(join(dir, 'src/extism.rs'), 'utf8')).toBe(readFileSync(new URL('../spells/examples/lib/extism.rs', import.meta.url), 'utf8'));
  });

  it('writes into an empty directory but refuses a non-empty one, changing nothing (exit 2)', async () => {
    const parent = newParent();
    mkdirSync(join(parent, 'empty'));
    await init(join(parent, 'empty'), 'c');
    const busy = join(parent, 'busy');
    mkdirSync(busy);
    writeFileSync(join(busy, 'notes.txt'), 'mine');
    const refused = await spell(['init', busy, '--lang', 'c']);
    expect(refused.code).toBe(2);
    expect(expectOneLineError(refused)).toContain('is not empty');
    expect(readFileSync(join(busy, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('refuses a file as the directory, an unknown language and a missing --lang (exit 2)', async () => {
    const file = join(newParent(), 'file');
    writeFileSync(file, '');
    const onFile = await spell(['init', file, '--lang', 'c']);
    expect(onFile.code).toBe(2);
    expect(expectOneLineError(onFile)).toContain('is a file, not a directory');
    const unknown = await spell(['init', join(newParent(), 'x'), '--lang', 'cobol']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Allowed choices are assemblyscript, c, rust');
    const missing = await spell(['init', join(newParent(), 'x')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--lang <language>'");
  });

  it('names the spell with lower-case letters, digits and dashes', () => {
    expect(spellNameFor('/tmp/My Spell!')).toBe('my-spell');
    expect(spellNameFor('./__')).toBe('my-spell');
    expect(spellNameFor(`/tmp/${'a'.repeat(70)}`)).toHaveLength(64);
  });
});

describe('cli.init: AssemblyScript builds with `npm run build` and its test passes', () => {
  it('installs, builds and tests', { timeout: BUILD_TIMEOUT_MS * 3 }, async () => {
    const dir = join(newParent(), 'greeter');
    await init(dir, 'assemblyscript');
    await npmInstall(dir);
    await inDir(dir, 'npm', ['run', 'build']);
    const { stdout } = await inDir(dir, 'npm', ['test']);
    expect(stdout).toMatch(/[#ℹ] pass 2\b/);
    expect(stdout).toMatch(/[#ℹ] fail 0\b/);
  });
});

describe.runIf(hasClangWasi())('cli.init: C builds with `make` and its test passes', () => {
  it('builds and tests', { timeout: BUILD_TIMEOUT_MS * 2 }, async () => {
    const dir = join(newParent(), 'greeter');
    await init(dir, 'c');
    await inDir(dir, 'make', []);
    await npmInstall(dir);
    const { stdout } = await inDir(dir, 'make', ['test']);
    expect(stdout).toMatch(/[#ℹ] pass 2\b/);
    expect(stdout).toMatch(/[#ℹ] fail 0\b/);
  });
});

describe.runIf(hasRustWasm())('cli.init: Rust builds with `make` and its test passes', () => {
  it('builds and tests', { timeout: BUILD_TIMEOUT_MS * 2 }, async () => {
    const dir = join(newParent(), 'greeter');
    await init(dir, 'rust');
    // The rustc with the wasm32 target, which is not always the first on PATH (rustup's may lack it).
    await inDir(dir, 'make', [], { RUSTC: rustcPath() });
    await npmInstall(dir);
    const { stdout } = await inDir(dir, 'make', ['test'], { RUSTC: rustcPath() });
    expect(stdout).toMatch(/[#ℹ] pass 2\b/);
    expect(stdout).toMatch(/[#ℹ] fail 0\b/);
  });
});
