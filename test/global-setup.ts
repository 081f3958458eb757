import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Builds the example spells and the web app (each a no-op when up to date) before any test reads
 * them; the browser tests load the built app from the server.
 */
export default function setup(): void {
  for (const name of ['build-spells.mjs', 'build-web.mjs']) {
    const script = fileURLToPath(new URL(`../scripts/${name}`, import.meta.url));
    execFileSync(process.execPath, [script], { stdio: 'inherit' });
  }
}
