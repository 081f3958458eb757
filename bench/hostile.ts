/**
 * Hostile-module figures: how much a spell that hoards host memory grows this process, and how
 * long a compile bomb takes to be refused (and how long the main thread stalls meanwhile).
 *
 *   npx tsx bench/hostile.ts               # the runtime with its default bounds
 *   npx tsx bench/hostile.ts --unbounded   # vars, host blocks and the watchdog let through:
 *                                          # what two casts of var-hog did before the bounds
 *
 * Needs the example spells built (npm run build:spells).
 */
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createSpellRuntime, type RunParams } from '../src/spells/runtime/index.js';
import { nestedBlocks } from '../test/fixtures/heavy-wasm.js';

const { values: args } = parseArgs({ options: { unbounded: { type: 'boolean', default: false } } });
const MiB = 1024 * 1024;
const mib = (bytes: number) => `${Math.round(bytes / MiB)} MiB`;

const unbounded = { varBytes: 2 ** 40, hostMemoryBytes: 2 ** 40, workerMemoryBytes: 2 ** 40 };
const runtime = createSpellRuntime({ size: 2, ...(args.unbounded ? unbounded : {}) });
const varHog = readFileSync(new URL('../spells/examples/build/var-hog.wasm', import.meta.url));
const request: RunParams = {
  moduleHash: 'var-hog',
  loadModule: async () => varHog,
  functionName: 'cast',
  input: new Uint8Array(0),
  limits: { timeoutMs: 30_000, memoryBytes: 64 * MiB, outputBytes: MiB },
};

async function hoardFigures(): Promise<void> {
  // One cast of something else first, so the workers and the compiler are up before measuring.
  await runtime.run({ ...request, moduleHash: 'warm-up', loadModule: async () => readFileSync(new URL('../spells/examples/build/echo.wasm', import.meta.url)) });
  const before = process.memoryUsage.rss();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
  const results = await Promise.all([runtime.run(request), runtime.run(request)]);
  clearInterval(sampler);
  const after = process.memoryUsage.rss();
  console.log(`var-hog ×2 (${args.unbounded ? 'unbounded' : 'default bounds'}):`);
  for (const result of results) console.log(`  ${result.ok ? 'succeeded' : result.code} in ${Math.round(result.durationMs)} ms`);
  console.log(`  RSS before ${mib(before)}, peak ${mib(peak)}, after ${mib(after)}`);
}

async function bombFigures(): Promise<void> {
  for (const depth of [600_000, 1_000_000]) {
    const bomb = nestedBlocks(depth);
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const started = performance.now();
    const refused = await runtime.inspect(bomb);
    const refuseMs = performance.now() - started;
    delay.disable();
    console.log(`compile bomb (${(bomb.byteLength / 1e6).toFixed(1)} MB, ${depth.toLocaleString('en')} nested blocks):`);
    console.log(`  refused in ${Math.round(refuseMs)} ms: ${refused.ok ? 'accepted!' : refused.reason}`);
    console.log(`  main thread's longest stall meanwhile: ${Math.round(delay.max / 1e6)} ms`);
  }
  // The review's scenario: six 3 MB bombs at once, while someone else keeps casting.
  const echo = readFileSync(new URL('../spells/examples/build/echo.wasm', import.meta.url));
  const good: RunParams = { ...request, moduleHash: 'echo', loadModule: async () => echo, input: new TextEncoder().encode('"ping"') };
  await runtime.run(good);
  const started = performance.now();
  const bombs = Promise.all(Array.from({ length: 6 }, (_, i) => runtime.inspect(nestedBlocks(1_000_000 - i))));
  let done = false;
  void bombs.finally(() => (done = true));
  const latencies: number[] = [];
  while (!done) latencies.push((await runtime.run(good)).durationMs);
  const refused = (await bombs).filter((result) => !result.ok).length;
  console.log(`six bombs at once: ${refused} of 6 refused in ${Math.round(performance.now() - started)} ms; ${latencies.length} good casts meanwhile, the slowest ${Math.round(Math.max(...latencies))} ms`);

  // What the limits spare the engine: the same bomb let through, compiled and cast.
  const lax = createSpellRuntime({ size: 1, moduleLimits: { maxNesting: 2_000_000, maxFunctionBytes: 7_654_321 } });
  try {
    const bomb = nestedBlocks(1_000_000);
    await lax.inspect(nestedBlocks(1)); // starts the compile worker
    const started = performance.now();
    await lax.inspect(bomb);
    const validateMs = performance.now() - started;
    const result = await lax.run({ ...request, moduleHash: 'bomb', loadModule: async () => bomb });
    console.log(
      `  without the limits, the 1,000,000 one: compiled (validated) in ${Math.round(validateMs)} ms, its first cast took ${Math.round(result.durationMs)} ms (lazy compile inside the cast)`,
    );
  } finally {
    await lax.close();
  }
}

try {
  await hoardFigures();
  await bombFigures();
} finally {
  await runtime.close();
}
