/**
 * The pool's compiled modules, kept per (SHA-256, memory cap) in an LRU. Each entry is compiled by
 * the compile worker with the memory maximum lowered to the cap; answers that cannot change (a
 * module over a limit) are kept too, so a bad module is not recompiled on every cast.
 */
import type { ModuleCompiler } from './compiler.js';
import { compiledOrFailure, type Compiled } from './inspect.js';
import { WASM_PAGE_BYTES } from './wasm-memory.js';
import type { ModuleLimits } from './wasm-structure.js';

export interface CompileCache {
  /** `key` names the compiled module for the workers, which keep their own copies. */
  get(moduleHash: string, memoryBytes: number, loadModule: () => Promise<Uint8Array>): { key: string; result: Promise<Compiled> };
}

export function createCompileCache(compiler: ModuleCompiler, limits: ModuleLimits, size: number): CompileCache {
  const compiled = new Map<string, Promise<Compiled>>();
  return {
    get(moduleHash, memoryBytes, loadModule) {
      const pages = Math.floor(memoryBytes / WASM_PAGE_BYTES);
      const key = `${moduleHash}:${pages}`;
      let found = compiled.get(key);
      if (found) {
        compiled.delete(key);
        compiled.set(key, found);
        return { key, result: found };
      }
      found = (async () => {
        const outcome = await compiler.compile(await loadModule(), {
          limits: { ...limits, maxMemoryBytes: memoryBytes },
          memoryPages: pages,
        });
        return compiledOrFailure(outcome, memoryBytes);
      })();
      compiled.set(key, found);
      // A failed load, a slow compile or a stopped compiler is not cached: the next cast tries again.
      found.then(
        (result) => {
          if (!result.ok && !result.cacheable) compiled.delete(key);
        },
        () => compiled.delete(key),
      );
      if (compiled.size > size) compiled.delete(compiled.keys().next().value as string);
      return { key, result: found };
    },
  };
}
