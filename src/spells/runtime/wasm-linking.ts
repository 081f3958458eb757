/**
 * Rewrites how a module links to its host so the platform, not the Extism SDK, provides WASI.
 *
 * The SDK answers a `wasi_snapshot_preview1` import with Node's own `node:wasi`, which is not a
 * sandbox and writes to the server's stdout; any other namespace it takes from the plug-in options.
 * Renaming the import namespace to `SANDBOXED_WASI` makes it take the platform's WASI (wasi.ts).
 * The SDK also runs a module's initialiser (`_initialize`, `_start`, `hs_init`) while it
 * instantiates, before anyone can see the instance's memory, which WASI needs: those exports are
 * renamed too (`INIT_EXPORT_PREFIX`), and the worker calls them once the memory is known.
 * Binary format: https://webassembly.github.io/spec/core/binary/modules.html
 */
import { type Cursor, findSection, readU32, replaceSection, writeU32 } from './wasm-memory.js';
import { DENIED_KERNEL_FUNCTIONS, EXTISM_KERNEL, WASI_PREVIEW1 } from './capabilities.js';

export const SANDBOXED_WASI = 'spell:wasi_snapshot_preview1';
/**
 * Where the kernel's HTTP imports are moved: where JSPI is available (Node 26) the SDK swaps its own
 * `fetch`-backed `http_request` in for whatever the plug-in options give, so the platform's refusal
 * has to live under a namespace the SDK does not know.
 */
export const DENIED_KERNEL = 'spell:denied';
export const INIT_EXPORT_PREFIX = 'spell:';
/** A module's initialisers, in the order the worker looks for them. */
export const INIT_EXPORTS = ['_initialize', 'hs_init', '_start'] as const;

/** Whether `name` is an initialiser, which the worker runs before the call and a cast cannot call. */
export const isInitialiser = (name: string): boolean => (INIT_EXPORTS as readonly string[]).includes(name);

const IMPORT_SECTION = 2;
const EXPORT_SECTION = 7;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function readName(cursor: Cursor): string {
  const length = readU32(cursor);
  const end = cursor.at + length;
  if (end > cursor.bytes.length) throw new RangeError('name runs past the end of the module');
  const name = decoder.decode(cursor.bytes.subarray(cursor.at, end));
  cursor.at = end;
  return name;
}

const writeName = (name: string): number[] => {
  const bytes = encoder.encode(name);
  return [...writeU32(bytes.length), ...bytes];
};

/** Skips one import's descriptor (what follows its two names). */
function skipImportDescriptor(cursor: Cursor): void {
  const kind = cursor.bytes[cursor.at];
  cursor.at += 1;
  if (kind === 0x00) {
    readU32(cursor);
  } else if (kind === 0x01) {
    cursor.at += 1;
    const flags = readU32(cursor);
    readU32(cursor);
    if (flags & 0x01) readU32(cursor);
  } else if (kind === 0x02) {
    const flags = readU32(cursor);
    readU32(cursor);
    if (flags & 0x01) readU32(cursor);
  } else if (kind === 0x03) {
    cursor.at += 2;
  } else if (kind === 0x04) {
    cursor.at += 1;
    readU32(cursor);
  } else {
    throw new RangeError(`unknown import kind ${kind}`);
  }
}

/** One entry of a section rewritten: its new bytes, and whether they differ from the old. */
interface Rewritten {
  bytes: number[];
  changed: boolean;
}

/**
 * The module with each entry of vector section `id` rewritten by `entry`, which reads one entry at
 * the cursor; undefined when there is no such section or no entry changed.
 */
function rewriteSection(bytes: Uint8Array, id: number, entry: (cursor: Cursor) => Rewritten): Uint8Array | undefined {
  const section = findSection(bytes, id);
  if (!section) return undefined;
  const { cursor } = section;
  const count = readU32(cursor);
  const content: number[] = [...writeU32(count)];
  let changed = false;
  for (let i = 0; i < count; i += 1) {
    const rewritten = entry(cursor);
    changed ||= rewritten.changed;
    content.push(...rewritten.bytes);
  }
  return changed ? replaceSection(bytes, section, id, content) : undefined;
}

/** The namespace the worker provides an import under, when it is not the module's own. */
function sandboxedNamespace(module: string, field: string): string | undefined {
  if (module === WASI_PREVIEW1) return SANDBOXED_WASI;
  if (module === EXTISM_KERNEL && Object.hasOwn(DENIED_KERNEL_FUNCTIONS, field)) return DENIED_KERNEL;
  return undefined;
}

/** An import, moved to the namespace the worker provides it under. */
function sandboxedImport(cursor: Cursor): Rewritten {
  const module = readName(cursor);
  const field = readName(cursor);
  const descriptor = cursor.at;
  skipImportDescriptor(cursor);
  const moved = sandboxedNamespace(module, field);
  return { bytes: [...writeName(moved ?? module), ...writeName(field), ...cursor.bytes.subarray(descriptor, cursor.at)], changed: moved !== undefined };
}

/** An export, with an initialiser's name prefixed. */
function deferredExport(cursor: Cursor): Rewritten {
  const name = readName(cursor);
  const descriptor = cursor.at;
  cursor.at += 1;
  readU32(cursor);
  const init = isInitialiser(name);
  return { bytes: [...writeName(init ? INIT_EXPORT_PREFIX + name : name), ...cursor.bytes.subarray(descriptor, cursor.at)], changed: init };
}

/**
 * The module as the worker links it: WASI imports under `SANDBOXED_WASI`, the kernel's HTTP
 * imports under `DENIED_KERNEL`, and initialisers under `INIT_EXPORT_PREFIX`. A module with neither comes back unchanged.
 */
export function linkForSandbox(bytes: Uint8Array): Uint8Array {
  const withImports = rewriteSection(bytes, IMPORT_SECTION, sandboxedImport) ?? bytes;
  return rewriteSection(withImports, EXPORT_SECTION, deferredExport) ?? withImports;
}
