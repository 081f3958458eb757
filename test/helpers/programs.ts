import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/**
 * Whether an outside program a suite needs (Chromium, redis-server, a compiler, a container runtime)
 * can be run here. On a developer's machine a missing one skips the suite with one line saying what
 * to install; with SPELL_REQUIRE_ALL=1 (CI sets it) it fails the file instead, so CI cannot pass by
 * skipping. Use it as `describe.runIf(hasProgram('redis-server', 'apt-get install redis-server'))`.
 */
export function hasProgram(program: string, install: string): boolean {
  if (findProgram(program)) return true;
  return missing(`${program} was not found (${isAbsolute(program) ? 'no such executable' : 'not on PATH'}); install it with: ${install}`);
}

/** What hasProgram does when the program is missing, for other needs (a compiler's target, a library). */
export function missing(message: string): false {
  if (process.env.SPELL_REQUIRE_ALL === '1') throw new Error(`${message}. SPELL_REQUIRE_ALL=1 turns this skip into a failure.`);
  console.warn(`skipped: ${message}`);
  return false;
}

/** The executable's path: `program` itself when absolute, else the first match on PATH. */
export function findProgram(program: string): string | undefined {
  const candidates = isAbsolute(program) ? [program] : (process.env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, program));
  return candidates.find((candidate) => {
    try {
      accessSync(candidate, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
