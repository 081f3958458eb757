import { and, desc, eq, lt, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

/** A position in a list sorted newest first: the last row's time and id (ids break ties). */
export interface Position {
  createdAt: Date;
  id: string;
}

/** The order of a paged list: newest first, ids breaking ties. */
export function newestFirst(created: PgColumn | SQL, id: PgColumn): SQL[] {
  return [desc(created), desc(id)];
}

/** The rows after `position` in `newestFirst` order; no condition on the first page. */
export function after(created: PgColumn | SQL, id: PgColumn, position: Position | undefined): SQL | undefined {
  if (position === undefined) return undefined;
  // As SQL, so a column and an expression (a truncated time) compare alike; the ISO string is what
  // a timestamp column would have bound.
  const at = sql`${created}`;
  const time = position.createdAt.toISOString();
  return or(lt(at, time), and(eq(at, time), lt(id, position.id)));
}

/** An ILIKE pattern matching `term` anywhere, with `%`, `_` and `\` in it taken literally. */
export function containing(term: string): string {
  return `%${term.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
