/**
 * Caps how far a module's tables can grow, by rewriting the limits of its table section. A table
 * lives on the worker's JavaScript heap, and `table.grow` copies it there in one native step that
 * neither the cast's timer nor the worker's heap limit can interrupt: a few calls growing tables
 * by millions of elements take the whole process down. With a declared maximum the engine itself
 * refuses the growth (`table.grow` answers -1), as it does for memory past its cap.
 * Binary format: https://webassembly.github.io/spec/core/binary/modules.html#table-section
 */
import { findSection, readU32, replaceSection, writeU32 } from './wasm-memory.js';

const TABLE_SECTION = 4;
const HAS_MAX = 0x01;

interface TableType {
  referenceType: number;
  flags: number;
  initial: number;
  max: number | null;
}

function findTableSection(bytes: Uint8Array): { start: number; end: number; tables: TableType[] } | undefined {
  const section = findSection(bytes, TABLE_SECTION);
  if (!section) return undefined;
  const { start, end, cursor } = section;
  const tables: TableType[] = [];
  for (let count = readU32(cursor); count > 0; count -= 1) {
    const referenceType = bytes[cursor.at];
    cursor.at += 1;
    const flags = readU32(cursor);
    // A table with an initialiser expression (0x40) or 64-bit limits is not accepted here.
    if (referenceType === undefined || referenceType === 0x40 || flags & ~HAS_MAX) {
      throw new RangeError('unsupported table type');
    }
    const initial = readU32(cursor);
    tables.push({ referenceType, flags, initial, max: flags & HAS_MAX ? readU32(cursor) : null });
  }
  return { start, end, tables };
}

/**
 * Returns the module with every defined table given a maximum, so that all of them together can
 * never hold more than `maxElements`: each may grow by an equal part of what their initial sizes
 * leave (a declared maximum that is lower is kept). Check the initial sizes against the limit first.
 */
export function capTables(bytes: Uint8Array, maxElements: number): Uint8Array {
  const section = findTableSection(bytes);
  if (!section || section.tables.length === 0) return bytes;
  const initial = section.tables.reduce((sum, table) => sum + table.initial, 0);
  const growthEach = Math.floor(Math.max(0, maxElements - initial) / section.tables.length);
  const content: number[] = [...writeU32(section.tables.length)];
  for (const table of section.tables) {
    const max = Math.min(table.max ?? Number.POSITIVE_INFINITY, table.initial + growthEach);
    content.push(table.referenceType, ...writeU32(table.flags | HAS_MAX), ...writeU32(table.initial), ...writeU32(max));
  }
  return replaceSection(bytes, section, TABLE_SECTION, content);
}
