import { describe, expect, it } from 'vitest';
import { findClangWasi, findRustWasm } from '../scripts/toolchains.mjs';
import { hasClangWasi } from './helpers/toolchains.js';

/** What scripts/build-spells.mjs and the tests say when a C or Rust toolchain is missing. */
describe('toolchains', () => {
  it('names a missing compiler and how to install it', () => {
    expect(findClangWasi({ CC: '/nonexistent/clang' })).toEqual({
      found: false,
      reason: '/nonexistent/clang not found; apt-get install clang lld wasi-libc libclang-rt-dev-wasm32',
    });
    expect(findRustWasm({ RUSTC: '/nonexistent/rustc' })).toEqual({
      found: false,
      reason: 'rustc not found; apt-get install rustc libstd-rust-dev-wasm32 (or: rustup target add wasm32-unknown-unknown)',
    });
  });

  it.runIf(hasClangWasi())('tells clang without wasi-libc from no clang at all', () => {
    expect(findClangWasi()).toMatchObject({ found: true, args: expect.arrayContaining(['--target=wasm32-wasi']) });
    const elsewhere = findClangWasi({ ...process.env, WASI_SYSROOT: '/nonexistent/wasi-sysroot' });
    expect(elsewhere).toMatchObject({ found: false, reason: expect.stringMatching(/ with wasi-libc not found; apt-get install clang /) });
  });
});
