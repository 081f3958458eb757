// Finds the compilers for the C and Rust example spells: clang with wasi-libc (a WASI sysroot and
// compiler-rt's wasm32 builtins), and a rustc whose standard library includes wasm32-unknown-unknown.
// Used by scripts/build-spells.mjs to build or skip those examples, and by the tests to run or skip
// their casts (test/helpers/toolchains.ts). Each finder returns { found: true, ... } or
// { found: false, reason } where reason says what is missing and how to install it.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const C_INSTALL = 'apt-get install clang lld wasi-libc libclang-rt-dev-wasm32';
export const RUST_INSTALL = 'apt-get install rustc libstd-rust-dev-wasm32 (or: rustup target add wasm32-unknown-unknown)';

/** The program's stdout, trimmed; undefined when it cannot be run or fails. */
function output(program, args) {
  try {
    return execFileSync(program, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/**
 * clang (or $CC) able to link a wasm32-wasi module: `args` are the flags every build passes
 * (`--sysroot` when $WASI_SYSROOT names one, as on macOS with Homebrew's wasi-libc).
 */
export function findClangWasi(env = process.env) {
  const program = env.CC || 'clang';
  const args = ['--target=wasm32-wasi', ...(env.WASI_SYSROOT ? [`--sysroot=${env.WASI_SYSROOT}`] : [])];
  const missing = (what) => ({ found: false, reason: `${what}; ${C_INSTALL}` });
  if (output(program, ['--version']) === undefined) return missing(`${program} not found`);
  // clang prints the bare name back when the sysroot has no such file.
  const libc = output(program, [...args, '-print-file-name=libc.a']);
  if (!libc || libc === 'libc.a' || !existsSync(libc)) return missing(`${program} with wasi-libc not found`);
  const builtins = output(program, [...args, '-print-libgcc-file-name']);
  if (!builtins || !existsSync(builtins)) return missing(`${program} has no wasm32 compiler-rt builtins (libclang_rt.builtins-wasm32.a)`);
  // A full path when clang finds the linker; the bare name otherwise, which PATH may still have.
  const linker = output(program, [...args, '-print-prog-name=wasm-ld']) ?? 'wasm-ld';
  if (!existsSync(linker) && output(linker, ['--version']) === undefined) return missing('wasm-ld (lld) not found');
  return { found: true, program, args };
}

/**
 * A rustc that can build for wasm32-unknown-unknown: $RUSTC when set, else `rustc` on PATH, then
 * Debian's /usr/bin/rustc (a rustup toolchain on PATH may lack the target while Debian's has it).
 */
export function findRustWasm(env = process.env) {
  const candidates = env.RUSTC ? [env.RUSTC] : ['rustc', '/usr/bin/rustc'];
  let seen = false;
  for (const program of candidates) {
    const sysroot = output(program, ['--print', 'sysroot']);
    if (sysroot === undefined) continue;
    seen = true;
    if (existsSync(join(sysroot, 'lib', 'rustlib', 'wasm32-unknown-unknown', 'lib'))) return { found: true, program };
  }
  const what = seen ? 'rustc has no standard library for wasm32-unknown-unknown' : 'rustc not found';
  return { found: false, reason: `${what}; ${RUST_INSTALL}` };
}
