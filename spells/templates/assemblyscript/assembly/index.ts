// {{name}}: a spell. Input a JSON string ("Ada"); output {"greeting": "Hello, Ada!"}.
import { Host, LogLevel, Memory } from '@extism/as-pdk';
import { error_set } from '@extism/as-pdk/lib/env';

/** Sets the cast's error message; return 1 from the export afterwards. */
function fail(message: string): i32 {
  error_set(Memory.allocateString(message).offset);
  return 1;
}

/** The function a cast calls (`cast` unless you publish with --function). */
export function cast(): i32 {
  const input = Host.inputString();
  // The platform always sends valid JSON, so a value that starts and ends with a quote is one
  // string; its escapes stay valid inside the output's string.
  if (input.length < 2 || !input.startsWith('"') || !input.endsWith('"')) return fail('input must be a JSON string, like "Ada"');
  const name = input.slice(1, input.length - 1);
  Host.log(LogLevel.Info, 'greeting ' + name);
  // Encode first: the output's length is in UTF-8 bytes.
  Host.output(Uint8Array.wrap(String.UTF8.encode('{"greeting":"Hello, ' + name + '!"}')));
  return 0;
}

/** AssemblyScript's runtime errors (`--use abort=assembly/index/abort`): the message becomes the cast's error. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- asc calls it, through --use abort=
function abort(message: string | null, fileName: string | null, line: u32, column: u32): void {
  const where = (fileName === null ? '?' : fileName) + ':' + line.toString() + ':' + column.toString();
  error_set(Memory.allocateString((message === null ? 'abort' : message) + ' at ' + where).offset);
  unreachable();
}
