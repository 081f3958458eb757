import type { Config } from '../config.js';
import type { RuntimeOptions } from './runtime/index.js';

/**
 * The worker pool's options from the `SPELL_*` settings: the server and `spell run` build their
 * runtimes from this one function, so a local run has the server's limits.
 */
export function spellRuntimeOptions(spells: Config['spells']): RuntimeOptions {
  return {
    ...(spells.workers > 0 ? { size: spells.workers } : {}),
    maxQueue: spells.queueMax,
    tenantShare: {
      ...(spells.tenantShare.maxRunning > 0 && { maxRunning: spells.tenantShare.maxRunning }),
      maxQueued: spells.tenantShare.maxQueued,
    },
    moduleLimits: spells.moduleLimits,
    compileTimeoutMs: spells.compileTimeoutMs,
    hostMemoryBytes: spells.hostMemoryBytes,
    varBytes: spells.varBytes,
    // The runtime keeps up to this many characters; what is stored is then cut to as many bytes.
    logChars: spells.logMaxBytes,
    workerMemoryBytes: spells.workerMemoryBytes,
  };
}
