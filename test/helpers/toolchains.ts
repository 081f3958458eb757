import { findClangWasi, findRustWasm, type Toolchain } from '../../scripts/toolchains.mjs';
import { missing } from './programs.js';

/**
 * Whether the C and Rust example spells (and `spell init --lang c|rust`) can be built here: the same
 * finders scripts/build-spells.mjs uses. Like hasProgram, a missing toolchain skips with one line,
 * or fails the file under SPELL_REQUIRE_ALL=1 (CI).
 */
function has<T>(toolchain: Toolchain<T>): toolchain is Toolchain<T> & { found: true } {
  return toolchain.found || missing(toolchain.reason);
}

/** clang with wasi-libc, for `describe.runIf(hasClangWasi())`. */
export const hasClangWasi = (): boolean => has(findClangWasi());

/** A rustc with the wasm32-unknown-unknown standard library, for `describe.runIf(hasRustWasm())`. */
export const hasRustWasm = (): boolean => has(findRustWasm());

/** The rustc that has the target (not always the first on PATH: rustup's may lack it). */
export function rustcPath(): string {
  const rust = findRustWasm();
  if (!rust.found) throw new Error(rust.reason);
  return rust.program;
}
