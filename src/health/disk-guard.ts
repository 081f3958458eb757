import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';
import type { Services } from '../services.js';

export type DiskState = 'ok' | 'disk_full' | 'disabled';

/**
 * `disk_full` while the file system under the embedded database has less than `DISK_MIN_FREE_MB`
 * free; `disabled` where there is no local data directory (PostgreSQL, in memory). A probe that
 * fails says nothing about the disk, so it counts as `ok`.
 */
export async function checkDisk(services: Services): Promise<DiskState> {
  if (!services.disk) return 'disabled';
  try {
    return (await services.disk.freeBytes()) < services.config.diskMinFreeBytes ? 'disk_full' : 'ok';
  } catch (error) {
    services.logger.warn({ err: error }, 'could not read the free space of the data directory');
    return 'ok';
  }
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Refuses writes with 503 `disk_full` while the disk is under its minimum, before their body is
 * read. Waiting for ENOSPC is not enough: a PGlite checkpoint that cannot write panics the embedded
 * database and leaves the process stuck, so the margin must never be used up. Reads still work.
 */
export function refuseWritesOnFullDisk(app: FastifyInstance, services: Services): void {
  if (!services.disk) return;
  app.addHook('onRequest', async (request) => {
    if (!WRITE_METHODS.has(request.method)) return;
    if ((await checkDisk(services)) !== 'disk_full') return;
    throw new AppError('service_unavailable', 'The server\'s disk is full; writes fail until an operator frees space.', {
      reason: 'disk_full',
    });
  });
}
