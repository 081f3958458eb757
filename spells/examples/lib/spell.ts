// Shared helpers for the example spells: input and output as UTF-8, errors the host can read.
import { Host, Memory } from '@extism/as-pdk';
import { error_set } from '@extism/as-pdk/lib/env';

/** The cast's input as a string (the platform always sends JSON). */
export function inputText(): string {
  return String.UTF8.decode(Host.input().buffer);
}

/** Sets the cast's output. Encodes to UTF-8 first so non-ASCII text keeps its full length. */
export function outputText(text: string): void {
  Host.output(Uint8Array.wrap(String.UTF8.encode(text)));
}

/** Reports a failure the caller sees as the error message; return 1 from the export afterwards. */
export function fail(message: string): i32 {
  error_set(Memory.allocateString(message).offset);
  return 1;
}

/**
 * Replaces AssemblyScript's default `env.abort` import (Extism provides no `env` module): the
 * message becomes the plug-in's error and the call traps.
 */
export function spellAbort(message: string | null, fileName: string | null, line: u32, column: u32): void {
  const text = (message === null ? 'abort' : message) + ' at ' + (fileName === null ? '?' : fileName) + ':' + line.toString() + ':' + column.toString();
  error_set(Memory.allocateString(text).offset);
  unreachable();
}

/** A JSON string literal for `text`, escaped per RFC 8259. */
export function jsonString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code == 0x22) out += '\\"';
    else if (code == 0x5c) out += '\\\\';
    else if (code == 0x0a) out += '\\n';
    else if (code == 0x0d) out += '\\r';
    else if (code == 0x09) out += '\\t';
    else if (code < 0x20) out += '\\u' + code.toString(16).padStart(4, '0');
    else out += String.fromCharCode(code);
  }
  return out + '"';
}
