// Counts characters, words, lines and sentences in `{"text": "..."}`.
import { JSON } from 'assemblyscript-json/assembly';
import { fail, inputText, jsonString, outputText } from '../lib/spell';

function isSpace(code: i32): bool {
  return code == 0x20 || code == 0x09 || code == 0x0a || code == 0x0d || code == 0x0b || code == 0x0c || code == 0xa0;
}

function isSentenceEnd(code: i32): bool {
  return code == 0x2e || code == 0x21 || code == 0x3f; // . ! ?
}

export function cast(): i32 {
  const parsed = JSON.parse(inputText());
  if (!parsed.isObj) return fail('input must be an object like {"text": "..."}');
  const field = (<JSON.Obj>parsed).getString('text');
  if (field === null) return fail('input.text must be a string');
  const text = field.valueOf();

  let characters = 0;
  let words = 0;
  let newlines = 0;
  let sentences = 0;
  let inWord = false;
  let wordStart = 0;
  let longest = '';
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 0x20;
    if (i < text.length && (code < 0xdc00 || code > 0xdfff)) characters++; // count code points, not UTF-16 units
    if (code == 0x0a) newlines++;
    if (isSpace(code)) {
      if (inWord) {
        const word = text.substring(wordStart, i);
        if (word.length > longest.length) longest = word;
        if (isSentenceEnd(text.charCodeAt(i - 1))) sentences++;
      }
      inWord = false;
    } else if (!inWord) {
      inWord = true;
      wordStart = i;
      words++;
    }
  }
  const lines = text.length == 0 ? 0 : newlines + (text.charCodeAt(text.length - 1) == 0x0a ? 0 : 1);
  const bytes = String.UTF8.byteLength(text);

  outputText(
    '{"characters":' + characters.toString() +
      ',"bytes":' + bytes.toString() +
      ',"words":' + words.toString() +
      ',"lines":' + lines.toString() +
      ',"sentences":' + sentences.toString() +
      ',"longest_word":' + jsonString(longest) + '}',
  );
  return 0;
}
