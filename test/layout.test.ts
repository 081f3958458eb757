import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The layout docs/ARCHITECTURE.md draws, checked: imports between the folders of src/ go one way,
 * endpoints live in files named for it, and those files leave queries to their capability.
 */

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const files = sourceFiles(SRC).map((path) => ({ path, name: relative(SRC, path).split(sep).join('/'), text: readFileSync(path, 'utf8') }));

/** Relative imports (values and types alike) of a file, as src-relative names. */
function importsOf(file: { path: string; text: string }): string[] {
  return ts
    .preProcessFile(file.text, true, true)
    .importedFiles.map((imported) => imported.fileName)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => relative(SRC, resolve(dirname(file.path), specifier)).split(sep).join('/').replace(/\.js$/, '.ts'));
}

/** The top-level folder of src/ a file belongs to; files at the root (the wiring: app, services, config, errors) have none. */
const folderOf = (name: string) => (name.includes('/') ? name.split('/')[0] : undefined);

const isRouteFile = (name: string) => /(^|\/|-)routes\.ts$/.test(name);

describe('layout', () => {
  it('has no import cycle between the folders of src/', () => {
    const edges = new Map<string, Set<string>>();
    for (const file of files) {
      const from = folderOf(file.name);
      if (!from) continue;
      for (const target of importsOf(file)) {
        const to = folderOf(target);
        if (to && to !== from) edges.set(from, (edges.get(from) ?? new Set()).add(to));
      }
    }
    const cycles: string[] = [];
    // Each cycle is found once, from its alphabetically first folder.
    const visit = (start: string, path: string[]) => {
      for (const next of edges.get(path[path.length - 1] ?? start) ?? []) {
        if (next === start) cycles.push([...path, next].join(' → '));
        else if (next > start && !path.includes(next)) visit(start, [...path, next]);
      }
    };
    for (const folder of edges.keys()) visit(folder, [folder]);
    expect(cycles).toEqual([]);
  });

  it('registers endpoints only in files named routes.ts or <resource>-routes.ts', () => {
    const registering = files.filter((file) => /\bapp\.(get|post|put|patch|delete)\(/.test(file.text)).map((file) => file.name);
    expect(registering.filter((name) => !isRouteFile(name) && !['http/openapi.ts', 'web/static.ts'].includes(name))).toEqual([]);
  });

  it('keeps queries out of route files: they call their capability’s functions', () => {
    const querying = files.filter((file) => isRouteFile(file.name) && /from 'drizzle-orm'|\/db\/schema\.js'/.test(file.text));
    expect(querying.map((file) => file.name)).toEqual([]);
  });

  it('imports a route file only to register it (app.ts, and the admin scope)', () => {
    const importers = files.filter((file) => importsOf(file).some(isRouteFile)).map((file) => file.name);
    expect(importers.sort()).toEqual(['admin/routes.ts', 'app.ts']);
  });

  it('writes to casts only from src/casts/', () => {
    const writers = files.filter((file) => /\.(insert|update|delete)\(casts\)/.test(file.text)).map((file) => folderOf(file.name));
    expect(new Set(writers)).toEqual(new Set(['casts']));
  });
});
