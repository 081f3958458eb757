/**
 * Reads and caps the memory a WebAssembly module declares, by rewriting the limits of its memory
 * section. The guest's own `memory.grow` is then refused by the engine past the cap, which no
 * host-side check can see. Binary format: https://webassembly.github.io/spec/core/binary/modules.html
 */

export const WASM_PAGE_BYTES = 64 * 1024;
const MEMORY_SECTION = 5;
const HAS_MAX = 0x01;
const MEMORY64 = 0x04;

export interface MemoryLimits {
  initialPages: number;
  maxPages: number | null;
}

export interface Cursor {
  bytes: Uint8Array;
  at: number;
}

/** Reads an unsigned LEB128 number of up to 32 bits. */
export function readU32(cursor: Cursor): number {
  let result = 0;
  let shift = 0;
  for (;;) {
    const byte = cursor.bytes[cursor.at];
    if (byte === undefined || shift > 28) throw new RangeError('truncated or oversized LEB128 number');
    cursor.at += 1;
    result += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return result;
    shift += 7;
  }
}

/** Writes an unsigned LEB128 number. */
export function writeU32(value: number): number[] {
  const out: number[] = [];
  let rest = value;
  do {
    let byte = rest & 0x7f;
    rest = Math.floor(rest / 128);
    if (rest !== 0) byte |= 0x80;
    out.push(byte);
  } while (rest !== 0);
  return out;
}

interface MemorySection {
  /** Offset of the section id byte. */
  start: number;
  /** Offset just past the section's content. */
  end: number;
  memories: (MemoryLimits & { flags: number })[];
}

/**
 * Finds the first section `id` of a module: where it starts and ends, and a cursor at its content.
 * A module has at most one of each known section.
 */
export function findSection(bytes: Uint8Array, id: number): { start: number; end: number; cursor: Cursor } | undefined {
  const cursor: Cursor = { bytes, at: 8 };
  while (cursor.at < bytes.length) {
    const start = cursor.at;
    const sectionId = bytes[cursor.at];
    cursor.at += 1;
    const size = readU32(cursor);
    const end = cursor.at + size;
    if (end > bytes.length) throw new RangeError('section runs past the end of the module');
    if (sectionId === id) return { start, end, cursor };
    cursor.at = end;
  }
  return undefined;
}

function findMemorySection(bytes: Uint8Array): MemorySection | undefined {
  const section = findSection(bytes, MEMORY_SECTION);
  if (!section) return undefined;
  const { start, end, cursor } = section;
  const count = readU32(cursor);
  const memories: MemorySection['memories'] = [];
  for (let i = 0; i < count; i += 1) {
    const flags = readU32(cursor);
    if (flags & MEMORY64) throw new RangeError('64-bit memories are not supported');
    const initialPages = readU32(cursor);
    const maxPages = flags & HAS_MAX ? readU32(cursor) : null;
    memories.push({ flags, initialPages, maxPages });
  }
  return { start, end, memories };
}

/** The limits of each memory the module defines itself (imported memories are not listed). */
export function readMemoryLimits(bytes: Uint8Array): MemoryLimits[] {
  return (findMemorySection(bytes)?.memories ?? []).map(({ initialPages, maxPages }) => ({ initialPages, maxPages }));
}

export type CapResult = { ok: true; bytes: Uint8Array } | { ok: false; initialPages: number };

/**
 * Returns the module with every defined memory's maximum lowered to `maxPages` (kept when already
 * lower). Refuses a module whose initial memory alone is over the cap. Validate the module first.
 */
export function capMemory(bytes: Uint8Array, maxPages: number): CapResult {
  const section = findMemorySection(bytes);
  if (!section) return { ok: true, bytes };
  const content: number[] = [...writeU32(section.memories.length)];
  for (const memory of section.memories) {
    if (memory.initialPages > maxPages) return { ok: false, initialPages: memory.initialPages };
    const max = Math.min(memory.maxPages ?? maxPages, maxPages);
    content.push(...writeU32(memory.flags | HAS_MAX), ...writeU32(memory.initialPages), ...writeU32(max));
  }
  return { ok: true, bytes: replaceSection(bytes, section, MEMORY_SECTION, content) };
}

/** The module with the section spanning `[start, end)` replaced by section `id` holding `content`. */
export function replaceSection(bytes: Uint8Array, { start, end }: { start: number; end: number }, id: number, content: number[]): Uint8Array {
  const rewritten = [id, ...writeU32(content.length), ...content];
  const out = new Uint8Array(bytes.length - (end - start) + rewritten.length);
  out.set(bytes.subarray(0, start), 0);
  out.set(rewritten, start);
  out.set(bytes.subarray(end), start + rewritten.length);
  return out;
}
