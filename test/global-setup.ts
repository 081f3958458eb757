import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Builds the example spells (a no-op when they are up to date) before any test reads them. */
export default function setup(): void {
  const script = fileURLToPath(new URL('../scripts/build-spells.mjs', import.meta.url));
  execFileSync(process.execPath, [script], { stdio: 'inherit' });
}
