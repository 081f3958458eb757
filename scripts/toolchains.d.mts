// Types for scripts/toolchains.mjs (plain JavaScript, so the build runs on Node without a compiler).
export type Toolchain<T> = ({ found: true } & T) | { found: false; reason: string };

export const C_INSTALL: string;
export const RUST_INSTALL: string;
export function findClangWasi(env?: NodeJS.ProcessEnv): Toolchain<{ program: string; args: string[] }>;
export function findRustWasm(env?: NodeJS.ProcessEnv): Toolchain<{ program: string }>;
