/**
 * The log lines of one cast, kept up to a byte cap: what a spell writes through Extism's `log_*`
 * functions and to WASI stdout and stderr. Text past the cap is never decoded, so logging costs
 * the host no more than the cap whatever the spell writes.
 */
import type { SpellLogLine } from './protocol.js';

/** Characters a single line keeps; the rest of a longer line is cut. */
const LINE_CHARS = 2_000;

export interface SpellLogs {
  /** Adds a whole message (a `log_*` call). */
  add(stream: SpellLogLine['stream'], level: SpellLogLine['level'], bytes: Uint8Array): void;
  /** Adds bytes of a stream written in pieces (WASI stdout, stderr); lines end at `\n`. */
  write(stream: 'stdout' | 'stderr', bytes: Uint8Array): void;
  /** The lines so far, with any unfinished stream line; call once, when the cast ends. */
  finish(): { logs: SpellLogLine[]; logsTruncated: boolean };
}

// eslint-disable-next-line no-control-regex -- control characters are what this removes
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

export function createSpellLogs(capBytes: number): SpellLogs {
  const lines: SpellLogLine[] = [];
  const partial: Record<'stdout' | 'stderr', string> = { stdout: '', stderr: '' };
  const decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };
  let used = 0;
  let truncated = false;

  const levelOf = (stream: 'stdout' | 'stderr') => (stream === 'stdout' ? 'info' : 'warn');

  /** Bytes still allowed, after reserving what unfinished stream lines hold. */
  const room = () => capBytes - used - partial.stdout.length - partial.stderr.length;

  function push(stream: SpellLogLine['stream'], level: SpellLogLine['level'], text: string): void {
    let message = text.replace(CONTROL, '\ufffd');
    if (message.length > LINE_CHARS) {
      message = message.slice(0, LINE_CHARS);
      truncated = true;
    }
    if (used + message.length > capBytes) {
      truncated = true;
      message = message.slice(0, Math.max(0, capBytes - used));
      if (message.length === 0) return;
    }
    used += message.length;
    lines.push({ stream, level, message });
  }

  return {
    add(stream, level, bytes) {
      const available = room();
      if (available <= 0) {
        truncated = true;
        return;
      }
      if (bytes.byteLength > available) truncated = true;
      push(stream, level, new TextDecoder().decode(bytes.subarray(0, Math.min(bytes.byteLength, available, LINE_CHARS * 4))));
    },
    write(stream, bytes) {
      const available = room();
      if (available <= 0) {
        truncated = true;
        return;
      }
      if (bytes.byteLength > available) truncated = true;
      const text = partial[stream] + decoders[stream].decode(bytes.subarray(0, available), { stream: true });
      const pieces = text.split('\n');
      partial[stream] = pieces.pop() ?? '';
      for (const piece of pieces) push(stream, levelOf(stream), piece.endsWith('\r') ? piece.slice(0, -1) : piece);
    },
    finish() {
      for (const stream of ['stdout', 'stderr'] as const) {
        const rest = partial[stream] + decoders[stream].decode();
        partial[stream] = '';
        if (rest) push(stream, levelOf(stream), rest);
      }
      return { logs: lines, logsTruncated: truncated };
    },
  };
}
