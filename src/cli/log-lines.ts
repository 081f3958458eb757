import { line } from './io.js';

/** One line a spell wrote, as a cast's answer and `spell run` carry it. */
export interface LogLineView {
  stream: string;
  level: string;
  message: string;
}

const isLogLine = (value: unknown): value is LogLineView =>
  typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string';

/** The lines in a cast's answer (or a failed cast's error body), whatever else it holds. */
export function logLinesOf(body: unknown): { lines: LogLineView[]; truncated: boolean } {
  const record = typeof body === 'object' && body !== null ? (body as { logs?: unknown; logs_truncated?: unknown }) : {};
  const lines = Array.isArray(record.logs) ? record.logs.filter(isLogLine) : [];
  return { lines, truncated: record.logs_truncated === true };
}

/** Writes a spell's lines as `[stream level] message`, on stderr: stdout is the output's. */
export function printLogLines(stream: { write(text: string): unknown }, logs: { lines: LogLineView[]; truncated: boolean }): void {
  for (const entry of logs.lines) line(stream, `[${entry.stream} ${entry.level}] ${entry.message}`);
  if (logs.truncated) line(stream, '(the spell wrote more; a cast keeps only the first SPELL_LOG_MAX_BYTES of its logs)');
}
