import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * What to hand `new Worker(...)` for one of this folder's worker files. Built, the worker is the
 * `.js` file next to this one. Under tsx or vitest it is TypeScript source, which a worker cannot
 * load by itself on Node 20: a small bootstrap loads it through tsx.
 */
export function workerEntry(name: string): { entry: URL | string; eval: boolean } {
  const compiled = new URL(`./${name}.js`, import.meta.url);
  if (existsSync(fileURLToPath(compiled))) return { entry: compiled, eval: false };
  const source = new URL(`./${name}.ts`, import.meta.url);
  const bootstrap = `import('tsx/esm/api').then((tsx) => tsx.tsImport(${JSON.stringify(source.href)}, ${JSON.stringify(import.meta.url)}))`;
  return { entry: bootstrap, eval: true };
}
