// Writes log lines through Extism's log_* functions, then answers how many it wrote.
// `{"lines": n}` adds n numbered info lines (to reach the per-cast cap); `{"fail": true}` logs an
// error and fails the cast, so the lines written before a failure can be checked too.
import { JSON } from 'assemblyscript-json/assembly';
import { Host, LogLevel } from '@extism/as-pdk';
import { fail, inputText, outputText } from '../lib/spell';

export function cast(): i32 {
  const parsed = JSON.parse(inputText());
  if (!parsed.isObj) return fail('input must be an object like {"lines": 3}');
  const input = <JSON.Obj>parsed;
  Host.log(LogLevel.Info, 'chatty starts');
  Host.log(LogLevel.Warn, 'a warning, with ünïcode');
  let logged = 2;
  const lines = input.getInteger('lines');
  const count = lines === null ? 0 : <i32>lines.valueOf();
  for (let i = 0; i < count; i++) {
    Host.log(LogLevel.Info, 'line ' + i.toString());
    logged++;
  }
  const failing = input.getBool('fail');
  if (failing !== null && failing.valueOf()) {
    Host.log(LogLevel.Error, 'giving up');
    return fail('chatty was told to fail');
  }
  outputText('{"logged":' + logged.toString() + '}');
  return 0;
}
