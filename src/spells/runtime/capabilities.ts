/**
 * What a spell's module may import: Extism's kernel (`extism:host/env`, the documented ABI) and
 * WASI preview 1 (`wasi_snapshot_preview1`), sandboxed (wasi.ts). Nothing else is provided: no host
 * functions (`extism:host/user`), no other namespaces. HTTP is part of the kernel's ABI, so a module
 * that imports it uploads, and a cast that calls it fails with `spell_capability_denied`.
 */

export const EXTISM_KERNEL = 'extism:host/env';
export const WASI_PREVIEW1 = 'wasi_snapshot_preview1';

/** Extism's kernel functions (https://extism.org/docs/concepts/pdk and the SDKs' `extism:host/env`). */
export const KERNEL_FUNCTIONS: readonly string[] = [
  'alloc',
  'free',
  'length',
  'length_unsafe',
  'load_u8',
  'load_u64',
  'store_u8',
  'store_u64',
  'input_offset',
  'input_length',
  'input_load_u8',
  'input_load_u64',
  'output_set',
  'error_set',
  'error_get',
  'config_get',
  'var_get',
  'var_set',
  'http_request',
  'http_status_code',
  'http_headers',
  'log_trace',
  'log_debug',
  'log_info',
  'log_warn',
  'log_error',
  'get_log_level',
];

/** Kernel functions a spell may import but not use: calling one fails the cast, uncharged. */
export const DENIED_KERNEL_FUNCTIONS: Readonly<Record<string, string>> = {
  http_request: 'HTTP requests',
  http_status_code: 'HTTP requests',
  http_headers: 'HTTP requests',
};

/** Every function of WASI preview 1 (https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md). */
export const WASI_FUNCTIONS: readonly string[] = [
  'args_get',
  'args_sizes_get',
  'environ_get',
  'environ_sizes_get',
  'clock_res_get',
  'clock_time_get',
  'fd_advise',
  'fd_allocate',
  'fd_close',
  'fd_datasync',
  'fd_fdstat_get',
  'fd_fdstat_set_flags',
  'fd_fdstat_set_rights',
  'fd_filestat_get',
  'fd_filestat_set_size',
  'fd_filestat_set_times',
  'fd_pread',
  'fd_prestat_get',
  'fd_prestat_dir_name',
  'fd_pwrite',
  'fd_read',
  'fd_readdir',
  'fd_renumber',
  'fd_seek',
  'fd_sync',
  'fd_tell',
  'fd_write',
  'path_create_directory',
  'path_filestat_get',
  'path_filestat_set_times',
  'path_link',
  'path_open',
  'path_readlink',
  'path_remove_directory',
  'path_rename',
  'path_symlink',
  'path_unlink_file',
  'poll_oneoff',
  'proc_exit',
  'proc_raise',
  'sched_yield',
  'random_get',
  'sock_accept',
  'sock_recv',
  'sock_send',
  'sock_shutdown',
];

const provided = new Map<string, ReadonlySet<string>>([
  [EXTISM_KERNEL, new Set(KERNEL_FUNCTIONS)],
  [WASI_PREVIEW1, new Set(WASI_FUNCTIONS)],
]);

export interface ModuleImport {
  module: string;
  name: string;
  kind: string;
}

/**
 * Why the platform cannot satisfy one of a module's imports, in words for its creator; undefined
 * when it can.
 */
export function unprovidedImport({ module, name, kind }: ModuleImport): string | undefined {
  const names = provided.get(module);
  const what = `${module}.${name}`;
  if (kind !== 'function') return `${what} is an imported ${kind}: spells may import only functions`;
  if (names?.has(name)) return undefined;
  if (names) return `${what} is not provided: ${module} has no such function`;
  if (module === 'extism:host/user') return `${what} is not provided: spells cannot call host functions`;
  if (module === 'wasi_unstable') return `${what} is not provided: build for WASI preview 1 (wasi_snapshot_preview1)`;
  return `${what} is not provided: spells may import only Extism's kernel (${EXTISM_KERNEL}) and WASI preview 1 (${WASI_PREVIEW1})`;
}
