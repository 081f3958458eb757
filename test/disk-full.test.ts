import { DrizzleQueryError } from 'drizzle-orm';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isConnectionLost, isDiskFull } from '../src/db/errors.js';
import { registerErrorHandling } from '../src/http/error-handler.js';
import type { DiskProbe } from '../src/lib/disk.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { exampleSpell, publish } from './helpers/spells.js';
import { signUp } from './helpers/users.js';

/** A disk whose free space the test sets. */
function settableDisk(freeBytes: number): DiskProbe & { set(bytes: number): void } {
  let free = freeBytes;
  return {
    freeBytes: async () => free,
    set(bytes) {
      free = bytes;
    },
  };
}

const MB = 1024 * 1024;

function errnoError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

/** Errors as the drivers throw them when the disk fills, some wrapped the way Drizzle wraps query errors. */
const diskFullErrors: [string, Error][] = [
  ['ENOSPC from the file system', errnoError("ENOSPC: no space left on device, write '/data/base/5/16384'", 'ENOSPC')],
  ['SQLSTATE 53100 from PostgreSQL', errnoError('could not extend file "base/16384/16400": No space left on device', '53100')],
  ['PGlite wrapped by Drizzle', new DrizzleQueryError('insert into "casts" …', [], new Error('could not extend file "base/5/16390": wrote only 4096 of 8192 bytes'))],
  // What PGlite 0.5 on a data directory whose writes fail with ENOSPC throws (its own error class, SQLSTATE 53100).
  ['PGlite out of space, as Drizzle hands it on', new DrizzleQueryError('insert into "t" …', [], errnoError('could not extend file "base/5/16385": No space left on device', '53100'))],
];

const connectionErrors: [string, Error][] = [
  ['pg after the server closed the socket', new Error('Connection terminated unexpectedly')],
  ['a backend ended by pg_terminate_backend (57P01)', errnoError('terminating connection due to administrator command', '57P01')],
  ['a connection exception (08006)', errnoError('connection failure', '08006')],
  ['a refused connection', errnoError('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
  ['a reset socket wrapped by Drizzle', new DrizzleQueryError('select 1', [], errnoError('read ECONNRESET', 'ECONNRESET'))],
];

describe('disk-full', () => {
  let errorApp: ReturnType<typeof Fastify>;
  let thrown: Error = new Error('unset');
  beforeAll(async () => {
    errorApp = Fastify();
    registerErrorHandling(errorApp);
    errorApp.get('/boom', async () => {
      throw thrown;
    });
    await errorApp.ready();
  });
  afterAll(() => errorApp.close());

  it.each(diskFullErrors)('answers %s with 503 service_unavailable, reason disk_full', async (_name, error) => {
    expect(isDiskFull(error)).toBe(true);
    thrown = error;
    const response = await errorApp.inject({ url: '/boom' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({
      error: 'service_unavailable',
      reason: 'disk_full',
      message: expect.stringContaining('disk is full') as string,
      request_id: expect.any(String) as string,
    });
  });

  it.each(connectionErrors)('answers %s with 503 service_unavailable, reason database', async (_name, error) => {
    expect(isConnectionLost(error)).toBe(true);
    expect(isDiskFull(error)).toBe(false);
    thrown = error;
    const response = await errorApp.inject({ url: '/boom' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ error: 'service_unavailable', reason: 'database' });
  });

  it('still answers other failures with 500 internal_error, without their details', async () => {
    thrown = errnoError('duplicate key value violates unique constraint "users_email_key"', '23505');
    const response = await errorApp.inject({ url: '/boom' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toMatchObject({ error: 'internal_error' });
    expect(response.body).not.toContain('users_email_key');
  });

  it('does not blame the database for a refused connection to another service (fetch to GitHub)', async () => {
    thrown = new TypeError('fetch failed', { cause: errnoError('connect ECONNREFUSED 140.82.112.3:443', 'ECONNREFUSED') });
    expect(isConnectionLost(thrown)).toBe(false);
    const response = await errorApp.inject({ url: '/boom' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toMatchObject({ error: 'internal_error' });
  });

  it('documents the reason of 503 service_unavailable in the OpenAPI error schema', async () => {
    const t = await buildTestApp();
    try {
      const document = (await t.app.inject({ url: '/openapi.json' })).json<{
        components: { schemas: { Error: { properties: Record<string, { enum?: string[] }> } } };
      }>();
      expect(document.components.schemas.Error.properties.reason?.enum).toEqual(['database', 'disk_full']);
    } finally {
      await t.close();
    }
  });

  describe('a disk under DISK_MIN_FREE_MB', () => {
    const disk = settableDisk(10_000 * MB);
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp({ disk, env: { DISK_MIN_FREE_MB: '100' } });
    });
    afterAll(() => t.close());

    it('reports disk_full (503) while free space is under DISK_MIN_FREE_MB, and ok again once space is freed', async () => {
      const ready = await t.app.inject({ url: '/readyz' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toMatchObject({ status: 'ok', checks: { database: 'ok', disk: 'ok' } });

      disk.set(99 * MB);
      const full = await t.app.inject({ url: '/readyz' });
      expect(full.statusCode).toBe(503);
      expect(full.json()).toMatchObject({ status: 'unavailable', checks: { database: 'ok', disk: 'disk_full' } });

      disk.set(101 * MB);
      expect((await t.app.inject({ url: '/readyz' })).json()).toMatchObject({ status: 'ok', checks: { disk: 'ok' } });
    });

    it('refuses casts and uploads with 503 disk_full before the disk runs out, serves reads, and writes again once space is freed', async () => {
      const owner = await signUp(t.app);
      await publish(t.app, owner, 'echo-disk', exampleSpell('echo'));
      const cast = () => t.app.inject({ method: 'POST', url: '/v1/cast', headers: owner.headers, payload: { spell: 'echo-disk', input: 'hi' } });
      const upload = () =>
        t.app.inject({
          method: 'POST',
          url: '/v1/spells/echo-disk/versions',
          headers: { ...owner.headers, 'content-type': 'application/wasm' },
          payload: Buffer.from(exampleSpell('echo')),
        });

      disk.set(99 * MB);
      for (const refused of [await cast(), await upload()]) {
        expect(refused.statusCode).toBe(503);
        expect(refused.json()).toMatchObject({ error: 'service_unavailable', reason: 'disk_full' });
      }
      expect((await t.app.inject({ url: '/v1/me', headers: owner.headers })).statusCode).toBe(200);
      const history = await t.app.inject({ url: '/v1/casts', headers: owner.headers });
      expect(history.json<{ casts: unknown[] }>().casts).toHaveLength(0);

      disk.set(101 * MB);
      expect((await cast()).statusCode).toBe(200);
      expect((await upload()).json()).toMatchObject({ version: 2 });
    });
  });
});
