// Reshapes JSON records: `{"data": object | [objects], "pick"?: [keys], "omit"?: [keys], "rename"?: {from: to}}`.
// Keys are applied in that order: pick, then omit, then rename. Values pass through unchanged.
import { JSON } from 'assemblyscript-json/assembly';
import { fail, inputText, jsonString, outputText } from '../lib/spell';

/** Serializes a parsed value with correct string escaping. */
function write(value: JSON.Value): string {
  if (value.isString) return jsonString((<JSON.Str>value).valueOf());
  if (value.isArr) {
    const items = (<JSON.Arr>value).valueOf();
    const parts = new Array<string>(items.length);
    for (let i = 0; i < items.length; i++) parts[i] = write(items[i]);
    return '[' + parts.join(',') + ']';
  }
  if (value.isObj) {
    const map = (<JSON.Obj>value).valueOf();
    const keys = map.keys();
    const parts = new Array<string>(keys.length);
    for (let i = 0; i < keys.length; i++) parts[i] = jsonString(keys[i]) + ':' + write(map.get(keys[i]));
    return '{' + parts.join(',') + '}';
  }
  return value.stringify();
}

function stringList(options: JSON.Obj, key: string): string[] | null {
  const list = options.getArr(key);
  if (list === null) return null;
  const items = list.valueOf();
  const out = new Array<string>();
  for (let i = 0; i < items.length; i++) {
    if (items[i].isString) out.push((<JSON.Str>items[i]).valueOf());
  }
  return out;
}

function reshape(record: JSON.Obj, pick: string[] | null, omit: string[] | null, rename: JSON.Obj | null): JSON.Obj {
  const source = record.valueOf();
  const keys = source.keys();
  const out = new JSON.Obj();
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (pick !== null && !pick.includes(key)) continue;
    if (omit !== null && omit.includes(key)) continue;
    let target = key;
    if (rename !== null) {
      const renamed = rename.getString(key);
      if (renamed !== null) target = renamed.valueOf();
    }
    out.set<JSON.Value>(target, source.get(key));
  }
  return out;
}

export function cast(): i32 {
  const parsed = JSON.parse(inputText());
  if (!parsed.isObj) return fail('input must be an object like {"data": {...}, "pick": ["a"]}');
  const options = <JSON.Obj>parsed;
  const data = options.get('data');
  if (data === null) return fail('input.data is required');
  const pick = stringList(options, 'pick');
  const omit = stringList(options, 'omit');
  const rename = options.getObj('rename');

  if (data.isObj) {
    outputText(write(reshape(<JSON.Obj>data, pick, omit, rename)));
    return 0;
  }
  if (data.isArr) {
    const items = (<JSON.Arr>data).valueOf();
    const out = new JSON.Arr();
    for (let i = 0; i < items.length; i++) {
      if (!items[i].isObj) return fail('input.data[' + i.toString() + '] is not an object');
      out.push(reshape(<JSON.Obj>items[i], pick, omit, rename));
    }
    outputText(write(out));
    return 0;
  }
  return fail('input.data must be an object or an array of objects');
}
