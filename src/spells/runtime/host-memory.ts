/**
 * Bounds the memory a cast makes the host hold outside its own Wasm memory. Extism keeps every
 * block a guest allocates (`alloc`) and every var (`var_set`) in host ArrayBuffers, which neither
 * the guest's memory cap nor a worker's `resourceLimits` cover. The SDK's own check allocates a
 * block before refusing it and keeps the refused block, so the budget is checked here first.
 */
import type { CallContext } from '@extism/extism';

/** Thrown into the guest (which then traps) once a cast asks the host to hold more than it may. */
export class HostMemoryExceeded extends Error {}

export interface HostBudget {
  /** Kernel functions that replace the SDK's own under `extism:host/env`. */
  functions: Record<string, (context: CallContext, size: bigint) => bigint>;
  /** Takes the SDK's log lines; its "memory limit exceeded" (vars, blocks) stops the guest. */
  logger: Console;
  /** Why the cast was stopped, once it was. */
  refusal(): string | undefined;
}

const mib = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`;

/**
 * A per-cast budget of `limitBytes` for the blocks a guest allocates; `onAllocate` runs after each
 * allocation (the worker reports its memory then).
 */
export function createHostBudget(limitBytes: number, onAllocate: () => void): HostBudget {
  let held: bigint[] = [];
  let heldBytes = 0;
  let liveAtRecount = 0;
  let refusal: string | undefined;

  const stop = (reason: string): never => {
    refusal ??= reason;
    throw new HostMemoryExceeded(reason);
  };

  /** Forgets blocks the guest freed (the SDK reports a freed block's length as 0). */
  function recount(context: CallContext): void {
    held = held.filter((address) => context.length(address) > 0n);
    heldBytes = held.reduce((sum, address) => sum + Number(context.length(address)), 0);
    liveAtRecount = held.length;
  }

  function alloc(context: CallContext, size: bigint): bigint {
    const bytes = Number(size);
    if (heldBytes + bytes > limitBytes || held.length > 2 * liveAtRecount + 1024) recount(context);
    if (heldBytes + bytes > limitBytes) {
      stop(`The spell asked the host to hold ${mib(heldBytes + bytes)} of buffers; the limit is ${mib(limitBytes)}.`);
    }
    const address = context.alloc(bytes);
    held.push(address);
    heldBytes += bytes;
    onAllocate();
    return address;
  }

  const record = (...args: unknown[]) => {
    const text = args.map(String).join(' ');
    if (/memory limit exceeded/.test(text)) stop(`The spell asked the host for more memory than it may hold (${text}).`);
  };
  const ignore = () => {};
  const logger = { error: record, warn: record, info: ignore, debug: ignore, trace: ignore, log: ignore } as unknown as Console;

  return { functions: { alloc }, logger, refusal: () => refusal };
}
