import { DrizzleQueryError } from 'drizzle-orm';

/**
 * Tells the database failures a request cannot fix (the connection dropped, the disk is full) from
 * bugs. Drizzle wraps driver errors (`DrizzleQueryError`), so each test looks through that wrapper,
 * and through no other: `fetch` wraps a refused socket too, and GitHub being down is not the database.
 */

/** SQLSTATEs of a server that ended the session: admin_shutdown, crash_shutdown, cannot_connect_now. */
const SHUTDOWN_STATES = new Set(['57P01', '57P02', '57P03']);
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
const CONNECTION_MESSAGES = [
  /connection terminated/i,
  /not queryable/i,
  /timeout exceeded when trying to connect/i,
  /cannot use a pool after calling end/i,
];
const DISK_FULL_MESSAGES = [/no space left on device/i, /could not extend file/i];

function* causes(error: unknown): Generator<{ code?: unknown; message?: unknown }> {
  let current = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    yield current as { code?: unknown; message?: unknown };
    current = current instanceof DrizzleQueryError ? current.cause : undefined;
  }
}

function matches(error: unknown, test: (code: string, message: string) => boolean): boolean {
  for (const item of causes(error)) {
    const code = typeof item.code === 'string' ? item.code : '';
    const message = typeof item.message === 'string' ? item.message : '';
    if (test(code, message)) return true;
  }
  return false;
}

/**
 * The connection to PostgreSQL was lost or could not be made: pg's "Connection terminated", a
 * backend ended by the server (57P0x), a connection exception (class 08), a refused or reset socket.
 */
export function isConnectionLost(error: unknown): boolean {
  return matches(
    error,
    (code, message) =>
      SHUTDOWN_STATES.has(code) ||
      /^08[0-9A-Z]{3}$/.test(code) ||
      SOCKET_CODES.has(code) ||
      CONNECTION_MESSAGES.some((pattern) => pattern.test(message)),
  );
}

/** The disk under the database is full: ENOSPC, SQLSTATE 53100 disk_full, or PGlite's own words for it. */
export function isDiskFull(error: unknown): boolean {
  return matches(
    error,
    (code, message) => code === 'ENOSPC' || code === '53100' || DISK_FULL_MESSAGES.some((pattern) => pattern.test(message)),
  );
}

/** True when `error` is PostgreSQL's unique violation (23505), on `constraint` when given. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const cause = findPgError(error);
  return cause?.code === '23505' && (constraint === undefined || cause.constraint === constraint);
}

function findPgError(error: unknown): { code?: string; constraint?: string } | undefined {
  // Drizzle wraps driver errors; the PostgreSQL fields sit on the error or on its cause.
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    if (typeof current === 'object' && 'code' in current) {
      return current as { code?: string; constraint?: string };
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
