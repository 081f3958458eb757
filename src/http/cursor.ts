import { z } from 'zod';
import type { Position } from '../db/paging.js';
import { AppError } from '../errors.js';

export type { Position };

const cursorSchema = z.object({ t: z.iso.datetime(), id: z.uuid() });

/** An opaque `next_cursor` for the page after `position`. */
export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify({ t: position.createdAt.toISOString(), id: position.id })).toString('base64url');
}

/** Reads a cursor this API handed out; anything else is a `validation_failed`. */
export function decodeCursor(cursor: string): Position {
  try {
    const parsed = cursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return { createdAt: new Date(parsed.t), id: parsed.id };
  } catch {
    throw new AppError('validation_failed', 'The cursor is not one this API handed out.', {
      issues: [{ in: 'querystring', path: '/cursor', message: 'invalid cursor' }],
    });
  }
}

/** The query parameters every paged list takes. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
};

/**
 * Cuts the `limit + 1` rows a query fetched into a page and the cursor of the next one
 * (`null` on the last page).
 */
export function toPage<T>(rows: T[], limit: number, positionOf: (row: T) => Position): { page: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > page.length && last ? encodeCursor(positionOf(last)) : null };
}
