/**
 * What a compiled module asks of the platform, checked before it is stored: every import must be
 * one the platform provides (capabilities.ts), and the module must define its own memory, which
 * the platform caps. A module stored before these checks still casts: a function it imports but
 * the platform does not provide fails the cast when called (`spell_capability_denied`, worker.ts),
 * and only what no stand-in function can satisfy (an imported memory, table or global) fails its
 * casts here, with the same reason an upload would give.
 */
import { unprovidedImport, type ModuleImport } from './capabilities.js';
import type { MemoryLimits } from './wasm-memory.js';

/** One import the platform cannot satisfy, and why, in words for the module's creator. */
export interface RefusedImport extends ModuleImport {
  reason: string;
}

export type InterfaceCheck =
  | { ok: true }
  | { ok: false; failure: 'imports'; reason: string; imports: RefusedImport[] }
  | { ok: false; failure: 'no_memory'; reason: string };

/** How many refused imports a reason names; the refusal's `imports` lists them all. */
const NAMED_IN_REASON = 5;

/** Why the platform cannot satisfy `entry`, with the reason a memory import most often needs. */
function refusalOf(entry: ModuleImport): string | undefined {
  if (entry.kind === 'memory') {
    return `${entry.module}.${entry.name} is not provided: the module imports its memory; a spell must define its own so the platform can cap it`;
  }
  return unprovidedImport(entry);
}

export function refusedImports(imports: readonly ModuleImport[]): RefusedImport[] {
  const refused: RefusedImport[] = [];
  for (const entry of imports) {
    const reason = refusalOf(entry);
    if (reason !== undefined) refused.push({ module: entry.module, name: entry.name, kind: entry.kind, reason });
  }
  return refused;
}

/** The imports check (for a cast, `only: 'non_functions'`: the imports no stand-in can satisfy). */
export function checkImports(imports: readonly ModuleImport[], { only }: { only?: 'non_functions' } = {}): InterfaceCheck {
  const refused = refusedImports(only === 'non_functions' ? imports.filter((entry) => entry.kind !== 'function') : imports);
  if (refused.length === 0) return { ok: true };
  const named = refused.slice(0, NAMED_IN_REASON).map((entry) => entry.reason);
  const more = refused.length - named.length;
  const reason = named.join('; ') + (more > 0 ? `; and ${more} more import${more === 1 ? '' : 's'} the platform does not provide` : '');
  return { ok: false, failure: 'imports', reason, imports: refused };
}

/** Upload-time: the imports, then the module's own memory (`memory` is the first one it defines). */
export function checkModuleInterface(module: { imports: readonly ModuleImport[]; memory: MemoryLimits | null }): InterfaceCheck {
  const imports = checkImports(module.imports);
  if (!imports.ok) return imports;
  if (module.memory === null) {
    return {
      ok: false,
      failure: 'no_memory',
      reason: 'the module defines no memory; a spell must define its own linear memory (every Extism PDK’s module does), which the platform caps',
    };
  }
  return { ok: true };
}
