/**
 * Measures what makes a WebAssembly module expensive to compile, before any engine sees it: how
 * many functions it has, how big each body is, how deeply its blocks nest, how big its tables and
 * memories start. V8 compiles a function lazily on its first call, in C++ that terminating the
 * thread cannot interrupt, and its cost grows faster than linearly with nesting (a million nested
 * blocks take 0.6 s and 900 MB); capping these numbers at upload bounds the cost of every compile.
 * The reader only needs to be right for valid modules: the engine still validates what passes.
 * Binary format: https://webassembly.github.io/spec/core/binary/modules.html
 */
import { WASM_PAGE_BYTES, readMemoryLimits, readU32, type Cursor } from './wasm-memory.js';

/** Upper bounds a module must stay within to be uploaded or compiled. */
export interface ModuleLimits {
  /** Imported plus defined functions. */
  maxFunctions: number;
  /** Bytes of one function body. */
  maxFunctionBytes: number;
  /** Blocks, loops, ifs and trys open at once inside one function. */
  maxNesting: number;
  /** Elements all tables start with, together. */
  maxTableElements: number;
  /** Initial memory the module declares. */
  maxMemoryBytes: number;
}

const MiB = 1024 * 1024;

/** Defaults that admit the multi-megabyte modules of the JS and Python PDKs. */
export const DEFAULT_MODULE_LIMITS: ModuleLimits = {
  maxFunctions: 100_000,
  maxFunctionBytes: 2 * MiB,
  maxNesting: 10_000,
  maxTableElements: 1_000_000,
  maxMemoryBytes: 64 * MiB,
};

export type LimitName = 'functions' | 'function_size' | 'nesting' | 'table_size' | 'memory';

export type StructureCheck =
  | { ok: true }
  | { ok: false; limit: LimitName | 'format'; reason: string };

const SECTION = { import: 2, function: 3, table: 4, code: 10 } as const;

function skipLeb(cursor: Cursor): void {
  for (let i = 0; i < 10; i += 1) {
    const byte = cursor.bytes[cursor.at];
    if (byte === undefined) throw new RangeError('truncated number');
    cursor.at += 1;
    if ((byte & 0x80) === 0) return;
  }
  throw new RangeError('oversized number');
}

function skipBytes(cursor: Cursor, count: number): void {
  cursor.at += count;
  if (cursor.at > cursor.bytes.length) throw new RangeError('truncated instruction');
}

function skipName(cursor: Cursor): void {
  skipBytes(cursor, readU32(cursor));
}

function skipMemarg(cursor: Cursor): void {
  const align = readU32(cursor);
  // Multi-memory sets bit 6 of the alignment when a memory index follows.
  if (align & 0x40) readU32(cursor);
  readU32(cursor);
}

/**
 * Reads a table type and returns its initial size. Growth is capped when the module is compiled
 * (wasm-tables.ts), by giving every table a maximum within the same limit.
 */
function readTableLimits(cursor: Cursor): { initial: number } {
  cursor.at += 1; // reference type
  const flags = readU32(cursor);
  if (flags & ~0x01) throw new RangeError(`unsupported table limits (flags ${flags})`);
  const initial = readU32(cursor);
  if (flags & 0x01) readU32(cursor);
  return { initial };
}

/** Skips the immediates of a 0xFC (bulk memory, saturating conversion, table) instruction. */
function skipMiscImmediates(cursor: Cursor, op: number): void {
  if (op <= 7) return;
  const counts: Record<number, number> = { 8: 2, 9: 1, 10: 2, 11: 1, 12: 2, 13: 1, 14: 2, 15: 1, 16: 1, 17: 1 };
  const count = counts[op];
  if (count === undefined) throw new RangeError(`unknown instruction 0xfc ${op}`);
  for (let i = 0; i < count; i += 1) readU32(cursor);
}

/** Skips the immediates of a 0xFD (SIMD) instruction. */
function skipSimdImmediates(cursor: Cursor, op: number): void {
  if (op <= 11 || op === 92 || op === 93) return skipMemarg(cursor);
  if (op === 12 || op === 13) return skipBytes(cursor, 16);
  if (op >= 21 && op <= 34) return skipBytes(cursor, 1);
  if (op >= 84 && op <= 91) {
    skipMemarg(cursor);
    return skipBytes(cursor, 1);
  }
}

/** Skips the immediates of a 0xFE (atomic) instruction. */
function skipAtomicImmediates(cursor: Cursor, op: number): void {
  if (op === 3) return skipBytes(cursor, 1);
  if (op <= 2 || (op >= 0x10 && op <= 0x4e)) return skipMemarg(cursor);
  throw new RangeError(`unknown instruction 0xfe ${op}`);
}

const NO_IMMEDIATE = new Set([0x00, 0x01, 0x05, 0x0f, 0x19, 0x1a, 0x1b, 0xd1]);
const ONE_INDEX = new Set([0x07, 0x08, 0x09, 0x0c, 0x0d, 0x10, 0x12, 0x14, 0x15, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0xd2]);
const OPENS_BLOCK = new Set([0x02, 0x03, 0x04, 0x06]);

/**
 * Walks one function body's instructions and returns the deepest nesting of blocks, stopping as
 * soon as it passes `maxNesting`.
 */
export function measureNesting(cursor: Cursor, end: number, maxNesting: number): number {
  const localGroups = readU32(cursor);
  for (let i = 0; i < localGroups; i += 1) {
    readU32(cursor);
    cursor.at += 1;
  }
  let depth = 0;
  let deepest = 0;
  while (cursor.at < end) {
    const opcode = cursor.bytes[cursor.at] as number;
    cursor.at += 1;
    if (OPENS_BLOCK.has(opcode)) {
      skipLeb(cursor); // block type
      depth += 1;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > maxNesting) return deepest;
      }
    } else if (opcode === 0x0b || opcode === 0x18) {
      // `end` closes a block (or the body); `delegate` closes a `try` and names a label.
      depth -= 1;
      if (opcode === 0x18) readU32(cursor);
    } else if (NO_IMMEDIATE.has(opcode) || (opcode >= 0x45 && opcode <= 0xc4)) {
      continue;
    } else if (ONE_INDEX.has(opcode) || opcode === 0x3f || opcode === 0x40 || opcode === 0xd0) {
      skipLeb(cursor);
    } else if (opcode === 0x11 || opcode === 0x13) {
      readU32(cursor);
      readU32(cursor);
    } else if (opcode === 0x0e) {
      const targets = readU32(cursor);
      for (let i = 0; i <= targets; i += 1) readU32(cursor);
    } else if (opcode === 0x1c) {
      skipBytes(cursor, readU32(cursor));
    } else if (opcode >= 0x28 && opcode <= 0x3e) {
      skipMemarg(cursor);
    } else if (opcode === 0x41 || opcode === 0x42) {
      skipLeb(cursor);
    } else if (opcode === 0x43 || opcode === 0x44) {
      skipBytes(cursor, opcode === 0x43 ? 4 : 8);
    } else if (opcode === 0xfc) {
      skipMiscImmediates(cursor, readU32(cursor));
    } else if (opcode === 0xfd) {
      skipSimdImmediates(cursor, readU32(cursor));
    } else if (opcode === 0xfe) {
      skipAtomicImmediates(cursor, readU32(cursor));
    } else {
      throw new RangeError(`unknown instruction 0x${opcode.toString(16)}`);
    }
  }
  return deepest;
}

const refuse = (limit: LimitName | 'format', reason: string): StructureCheck => ({ ok: false, limit, reason });

interface Counts {
  functions: number;
  tableElements: number;
}

/** Counts imported functions and the tables that imports bring in. */
function readImports(cursor: Cursor, counts: Counts): void {
  const count = readU32(cursor);
  for (let i = 0; i < count; i += 1) {
    skipName(cursor);
    skipName(cursor);
    const kind = cursor.bytes[cursor.at];
    cursor.at += 1;
    if (kind === 0x00) {
      counts.functions += 1;
      readU32(cursor);
    } else if (kind === 0x01) {
      counts.tableElements += readTableLimits(cursor).initial;
    } else if (kind === 0x02) {
      const flags = readU32(cursor);
      readU32(cursor);
      if (flags & 0x01) readU32(cursor);
    } else if (kind === 0x03) {
      skipBytes(cursor, 2);
    } else if (kind === 0x04) {
      skipBytes(cursor, 1);
      readU32(cursor);
    } else {
      throw new RangeError(`unknown import kind ${kind}`);
    }
  }
}

function checkCode(cursor: Cursor, limits: ModuleLimits): StructureCheck {
  const count = readU32(cursor);
  for (let index = 0; index < count; index += 1) {
    const size = readU32(cursor);
    if (size > limits.maxFunctionBytes) {
      return refuse('function_size', `function ${index} is ${size} bytes; the limit is ${limits.maxFunctionBytes}`);
    }
    const end = cursor.at + size;
    if (end > cursor.bytes.length) throw new RangeError('function body runs past the end of the module');
    const nesting = measureNesting(cursor, end, limits.maxNesting);
    if (nesting > limits.maxNesting) {
      return refuse('nesting', `function ${index} nests blocks more than ${limits.maxNesting} deep`);
    }
    cursor.at = end;
  }
  return { ok: true };
}

function checkSections(bytes: Uint8Array, limits: ModuleLimits): StructureCheck {
  const counts: Counts = { functions: 0, tableElements: 0 };
  const cursor: Cursor = { bytes, at: 8 };
  while (cursor.at < bytes.length) {
    const id = bytes[cursor.at];
    cursor.at += 1;
    const size = readU32(cursor);
    const end = cursor.at + size;
    if (end > bytes.length) throw new RangeError('section runs past the end of the module');
    if (id === SECTION.import) readImports(cursor, counts);
    if (id === SECTION.function) counts.functions += readU32(cursor);
    if (id === SECTION.table) {
      const tables = readU32(cursor);
      for (let i = 0; i < tables; i += 1) counts.tableElements += readTableLimits(cursor).initial;
    }
    if (counts.functions > limits.maxFunctions) {
      return refuse('functions', `the module has ${counts.functions} functions; the limit is ${limits.maxFunctions}`);
    }
    if (counts.tableElements > limits.maxTableElements) {
      return refuse('table_size', `its tables start with ${counts.tableElements} elements; the limit is ${limits.maxTableElements}`);
    }
    if (id === SECTION.code) {
      const code = checkCode(cursor, limits);
      if (!code.ok) return code;
    }
    cursor.at = end;
  }
  const memory = readMemoryLimits(bytes)[0];
  if (memory && memory.initialPages * WASM_PAGE_BYTES > limits.maxMemoryBytes) {
    const mib = (value: number) => `${Math.round((value / MiB) * 10) / 10} MiB`;
    return refuse('memory', `it declares ${mib(memory.initialPages * WASM_PAGE_BYTES)} of initial memory; the limit is ${mib(limits.maxMemoryBytes)}`);
  }
  return { ok: true };
}

/** Checks a module against `limits` without compiling it. */
export function checkModuleStructure(bytes: Uint8Array, limits: ModuleLimits): StructureCheck {
  const magic = [0x00, 0x61, 0x73, 0x6d];
  if (bytes.length < 8 || magic.some((byte, i) => bytes[i] !== byte)) return refuse('format', 'not a WebAssembly module');
  try {
    return checkSections(bytes, limits);
  } catch (error) {
    return refuse('format', error instanceof Error ? error.message : 'unreadable module');
  }
}
