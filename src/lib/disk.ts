import { statfs } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** Where the service reads the free space under its data directory; tests substitute a full disk. */
export interface DiskProbe {
  /** Bytes an unprivileged process may still write. */
  freeBytes(): Promise<number>;
}

/** Asks the file system holding `path` (the embedded database's data directory). */
export function statfsProbe(path: string): DiskProbe {
  return {
    async freeBytes() {
      // Before the first start the directory may not exist yet; it will live on its parent's file system.
      let at = resolve(path);
      for (;;) {
        try {
          const stats = await statfs(at);
          return stats.bavail * stats.bsize;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(at) === at) throw error;
          at = dirname(at);
        }
      }
    },
  };
}
