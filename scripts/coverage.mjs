// Runs the test suite with V8 coverage (any arguments go on to vitest), then prints lines and
// branches covered per source folder. vitest fails the run when the totals fall under thresholds
// given as --coverage.thresholds.lines=N (.ci/run sets them); the table is printed either way, so
// a failure shows where coverage went.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const summaryPath = `${root}coverage/coverage-summary.json`;
rmSync(summaryPath, { force: true });

const vitest = `${root}node_modules/vitest/vitest.mjs`;
const run = spawnSync(process.execPath, [vitest, 'run', '--coverage', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });

if (existsSync(summaryPath)) printFolders(JSON.parse(readFileSync(summaryPath, 'utf8')));
process.exit(run.status ?? 1);

/** @param {Record<string, {lines: Counts, branches: Counts}>} summary  @typedef {{total: number, covered: number}} Counts */
function printFolders(summary) {
  /** @type {Map<string, {lines: Counts, branches: Counts}>} */
  const folders = new Map();
  for (const [file, counts] of Object.entries(summary)) {
    if (file === 'total') continue;
    const folder = relative(root, dirname(file));
    const sum = folders.get(folder) ?? { lines: { total: 0, covered: 0 }, branches: { total: 0, covered: 0 } };
    for (const kind of /** @type {const} */ (['lines', 'branches'])) {
      sum[kind].total += counts[kind].total;
      sum[kind].covered += counts[kind].covered;
    }
    folders.set(folder, sum);
  }
  const pct = (/** @type {Counts} */ c) => (c.total === 0 ? '100.0' : ((100 * c.covered) / c.total).toFixed(1)).padStart(6);
  const width = Math.max(...[...folders.keys()].map((name) => name.length), 'folder'.length);
  console.log(`\n${'folder'.padEnd(width)}   lines% branches%`);
  for (const [folder, sum] of [...folders].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`${folder.padEnd(width)}   ${pct(sum.lines)}    ${pct(sum.branches)}`);
  }
  const total = summary.total;
  console.log(`${'total'.padEnd(width)}   ${pct(total.lines)}    ${pct(total.branches)}`);
}
