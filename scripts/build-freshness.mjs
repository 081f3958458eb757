// What every build step asks before doing any work: is its output newer than all of its sources?
// Directories count too (their mtime changes when a file is added, removed or renamed), so
// moving a source file makes its step run again.
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The newest mtime under `path` (a file, or a directory walked recursively); 0 when it is missing. */
export function newestMtime(path, skip = () => false) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    const child = join(path, entry);
    if (!skip(child)) newest = Math.max(newest, newestMtime(child, skip));
  }
  return newest;
}

/** True when `output` exists and is newer than every file under `sources`. */
export function isFresh(output, sources, skip) {
  if (!existsSync(output)) return false;
  const built = statSync(output).mtimeMs;
  return sources.every((source) => newestMtime(source, skip) < built);
}

/** True when the module at `moduleUrl` is the script node was started with (not an import). */
export function isMain(moduleUrl) {
  if (!process.argv[1]) return false;
  // import.meta.url has symlinks resolved; argv[1] is the path as typed.
  return realpathSync(process.argv[1]) === fileURLToPath(moduleUrl);
}
