/**
 * WASI preview 1 for one cast, sandboxed: no preopened directories (so no files), no environment
 * variables, no sockets; clocks and random numbers work; stdin is empty; stdout and stderr become
 * the cast's log lines. `proc_exit` ends the cast with its exit code, never the worker. Built on
 * `@bjorn3/browser_wasi_shim`, whose file descriptors live in memory, instead of Node's `node:wasi`,
 * which Node documents as unfit for untrusted code and which writes to the server's own stdout.
 */
import { ConsoleStdout, File, OpenFile, WASI, WASIProcExit, wasi as defs } from '@bjorn3/browser_wasi_shim';
import type { CallContext } from '@extism/extism';
import { WASI_FUNCTIONS } from './capabilities.js';
import type { SpellLogs } from './spell-logs.js';

/** Thrown out of the guest when it calls `proc_exit` or `proc_raise`. */
export class SpellExit extends Error {
  constructor(readonly exitCode: number) {
    super(`the spell exited with code ${exitCode}`);
  }
}

export interface SandboxedWasi {
  /** The import object for the module's WASI namespace, in the Extism SDK's host-function form. */
  functions: Record<string, (context: CallContext, ...args: number[]) => unknown>;
  /** Points WASI at the instance's memory; call before anything in the module runs. */
  attach(instance: WebAssembly.Instance): void;
}

const SOCKET_FUNCTIONS = ['sock_accept', 'sock_recv', 'sock_send', 'sock_shutdown'];

const sleeper = new Int32Array(new SharedArrayBuffer(4));
const CLOCK_ABSTIME = 1;

/**
 * `poll_oneoff` with one clock subscription (how libc's `sleep` and `nanosleep` come out): the
 * worker thread sleeps in `Atomics.wait` instead of the shim's busy loop, so a sleeping spell costs
 * no CPU; the cast's time limit still ends it. Anything else goes to the shim.
 * Layout: https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#-subscription-record
 */
function sleep(wasi: WASI, args: [number, number, number, number], fallback: (...args: number[]) => number): number {
  const [inPtr, outPtr, count, eventsPtr] = args;
  const view = new DataView(wasi.inst.exports.memory.buffer);
  if (count !== 1 || view.getUint8(inPtr + 8) !== defs.EVENTTYPE_CLOCK) return fallback(...args);
  const clock = view.getUint32(inPtr + 16, true);
  const timeout = view.getBigUint64(inPtr + 24, true);
  const absolute = (view.getUint16(inPtr + 40, true) & CLOCK_ABSTIME) !== 0;
  const now = clock === defs.CLOCKID_REALTIME ? BigInt(Date.now()) * 1_000_000n : BigInt(Math.round(performance.now() * 1e6));
  const waitNs = absolute ? timeout - now : timeout;
  if (waitNs > 0n) Atomics.wait(sleeper, 0, 0, Number(waitNs / 1_000_000n) + (waitNs % 1_000_000n > 0n ? 1 : 0));
  const userdata = view.getBigUint64(inPtr, true);
  new Uint8Array(view.buffer, outPtr, 32).fill(0);
  view.setBigUint64(outPtr, userdata, true);
  view.setUint16(outPtr + 8, defs.ERRNO_SUCCESS, true);
  view.setUint8(outPtr + 10, defs.EVENTTYPE_CLOCK);
  view.setUint32(eventsPtr, 1, true);
  return defs.ERRNO_SUCCESS;
}

export function createSandboxedWasi(logs: SpellLogs): SandboxedWasi {
  const fds = [
    new OpenFile(new File([], { readonly: true })),
    new ConsoleStdout((bytes) => logs.write('stdout', bytes)),
    new ConsoleStdout((bytes) => logs.write('stderr', bytes)),
  ];
  // `debug` must be false: left out, the shim logs every call to the worker's console.
  const wasi = new WASI(['spell'], [], fds, { debug: false });
  const imports = wasi.wasiImport;
  const fallbackPoll = imports.poll_oneoff as (...args: number[]) => number;
  // The shim throws strings for sockets; there are no socket descriptors to use, so say so.
  for (const name of SOCKET_FUNCTIONS) imports[name] = () => defs.ERRNO_NOTSUP;
  imports.poll_oneoff = (inPtr: number, outPtr: number, count: number, eventsPtr: number) => sleep(wasi, [inPtr, outPtr, count, eventsPtr], fallbackPoll);
  imports.proc_exit = (code: number) => {
    throw new SpellExit(code >>> 0);
  };
  imports.proc_raise = (signal: number) => {
    throw new SpellExit(128 + signal);
  };
  let attached = false;
  const functions: SandboxedWasi['functions'] = {};
  for (const name of WASI_FUNCTIONS) {
    const implementation = imports[name];
    functions[name] = (_context: CallContext, ...args: number[]) => {
      if (!attached) throw new Error('WASI was called before the module was initialised');
      if (!implementation) return defs.ERRNO_NOSYS;
      try {
        return implementation(...args);
      } catch (error) {
        if (error instanceof WASIProcExit) throw new SpellExit(error.code);
        throw error;
      }
    };
  }
  return {
    functions,
    attach(instance) {
      const memory = instance.exports.memory;
      if (!(memory instanceof WebAssembly.Memory)) throw new Error('the module exports no memory named "memory"');
      wasi.inst = { exports: { memory } };
      attached = true;
    },
  };
}
