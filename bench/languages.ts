/**
 * What a cast costs in the runtime by the kind of module: the example spells in AssemblyScript
 * (Extism's kernel only), C (a WASI reactor: the sandboxed WASI, its initialiser, stdout into the
 * cast's logs) and Rust (wasm32-unknown-unknown), cast one after another on one worker.
 *
 *   npx tsx bench/languages.ts [--casts 300]
 *
 * Needs the example spells built (npm run build:spells); a missing one is skipped with a line.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createSpellRuntime } from '../src/spells/runtime/index.js';

const { values: args } = parseArgs({ options: { casts: { type: 'string', default: '300' } } });
const casts = Number(args.casts);
const MiB = 1024 * 1024;
const examples = [
  { name: 'text-stats', functionName: 'cast', input: { text: 'the quick brown fox jumps over the lazy dog' } },
  { name: 'c-vowels', functionName: 'count_vowels', input: 'the quick brown fox jumps over the lazy dog' },
  { name: 'rust-words', functionName: 'cast', input: { text: 'the quick brown fox jumps over the lazy dog' } },
];

const runtime = createSpellRuntime({ size: 1 });
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
console.log(`${casts} sequential casts per module, one worker`);
for (const example of examples) {
  const file = new URL(`../spells/examples/build/${example.name}.wasm`, import.meta.url);
  if (!existsSync(file)) {
    console.log(`${example.name}: not built (its toolchain is missing), skipped`);
    continue;
  }
  const bytes = readFileSync(file);
  const params = {
    moduleHash: example.name,
    loadModule: async () => bytes,
    functionName: example.functionName,
    input: new TextEncoder().encode(JSON.stringify(example.input)),
    limits: { timeoutMs: 10_000, memoryBytes: 64 * MiB, outputBytes: MiB },
  };
  const first = await runtime.run(params);
  if (!first.ok) throw new Error(`${example.name}: ${first.code}: ${first.message}`);
  const times: number[] = [];
  for (let i = 0; i < casts; i += 1) {
    const result = await runtime.run(params);
    if (!result.ok) throw new Error(`${example.name}: ${result.code}: ${result.message}`);
    times.push(result.durationMs);
  }
  times.sort((a, b) => a - b);
  const ms = (value: number) => `${value.toFixed(2)} ms`;
  console.log(`${example.name.padEnd(11)} ${String(bytes.byteLength).padStart(8)} B  p50 ${ms(percentile(times, 50))}  p99 ${ms(percentile(times, 99))}  logs ${first.logs.length}  memory ${Math.round(first.memoryBytes / 1024)} KiB`);
}
await runtime.close();
console.log(`reproduce: npx tsx bench/languages.ts --casts ${casts}`);
