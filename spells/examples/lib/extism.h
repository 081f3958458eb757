// Extism's kernel, declared by hand from the documented ABI (https://extism.org/docs/concepts/pdk):
// the functions a spell imports from `extism:host/env`, plus a few helpers over them. No PDK, no
// crate or package: a C file that includes this builds with clang and wasi-libc alone.
//
// Memory the kernel hands out lives on the host, not in the module's linear memory: an
// `extism_handle` is an offset into it, read and written a byte (u8) or a word (u64) at a time.
// Build a spell as a WASI reactor so wasi-libc initialises itself before the first call:
//   clang --target=wasm32-wasi -O2 -mexec-model=reactor -o spell.wasm spell.c
#ifndef SPELL_EXTISM_H
#define SPELL_EXTISM_H

#include <stdint.h>
#include <string.h>

typedef uint64_t extism_handle;

#define EXTISM_KERNEL(name) __attribute__((import_module("extism:host/env"), import_name(#name)))
/** Makes a C function callable by a cast: `int SPELL_EXPORT(count_vowels) count_vowels(void)`. */
#define SPELL_EXPORT(name) __attribute__((export_name(#name)))

// The cast's input.
EXTISM_KERNEL(input_length) uint64_t extism_input_length(void);
EXTISM_KERNEL(input_load_u8) uint8_t extism_input_load_u8(uint64_t offset);
EXTISM_KERNEL(input_load_u64) uint64_t extism_input_load_u64(uint64_t offset);

// Host memory blocks.
EXTISM_KERNEL(alloc) extism_handle extism_alloc(uint64_t length);
EXTISM_KERNEL(free) void extism_free(extism_handle block);
EXTISM_KERNEL(length) uint64_t extism_length(extism_handle block);
EXTISM_KERNEL(load_u8) uint8_t extism_load_u8(extism_handle at);
EXTISM_KERNEL(load_u64) uint64_t extism_load_u64(extism_handle at);
EXTISM_KERNEL(store_u8) void extism_store_u8(extism_handle at, uint8_t value);
EXTISM_KERNEL(store_u64) void extism_store_u64(extism_handle at, uint64_t value);

// The cast's result: the output, or an error message (then return non-zero from the export).
EXTISM_KERNEL(output_set) void extism_output_set(extism_handle block, uint64_t length);
EXTISM_KERNEL(error_set) void extism_error_set(extism_handle block);

// Variables (kept for one cast on this platform) and the spell's configuration.
EXTISM_KERNEL(var_get) extism_handle extism_var_get(extism_handle key);
EXTISM_KERNEL(var_set) void extism_var_set(extism_handle key, extism_handle value);
EXTISM_KERNEL(config_get) extism_handle extism_config_get(extism_handle key);

// Log lines: kept with the cast, never in the server's own log.
EXTISM_KERNEL(log_debug) void extism_log_debug(extism_handle message);
EXTISM_KERNEL(log_info) void extism_log_info(extism_handle message);
EXTISM_KERNEL(log_warn) void extism_log_warn(extism_handle message);
EXTISM_KERNEL(log_error) void extism_log_error(extism_handle message);

/** Copies `length` bytes into a new host block (8 at a time, then the rest byte by byte). */
static inline extism_handle extism_store(const void *bytes, uint64_t length) {
  const uint8_t *from = bytes;
  extism_handle block = extism_alloc(length);
  uint64_t i = 0;
  for (; i + 8 <= length; i += 8) {
    uint64_t word;
    memcpy(&word, from + i, 8);
    extism_store_u64(block + i, word);
  }
  for (; i < length; i++) extism_store_u8(block + i, from[i]);
  return block;
}

/** A host block holding a C string (without its NUL). */
static inline extism_handle extism_store_string(const char *text) { return extism_store(text, strlen(text)); }

/** Copies a host block into `to`, which holds `extism_length(block)` bytes. */
static inline void extism_load(extism_handle block, void *to) {
  uint8_t *into = to;
  uint64_t length = extism_length(block);
  uint64_t i = 0;
  for (; i + 8 <= length; i += 8) {
    uint64_t word = extism_load_u64(block + i);
    memcpy(into + i, &word, 8);
  }
  for (; i < length; i++) into[i] = extism_load_u8(block + i);
}

/**
 * Copies the input into `to`, which holds `extism_input_length()` bytes. Reads 8 bytes at a time
 * only while 8 remain, so an input shorter than a word is read byte by byte.
 */
static inline void extism_load_input(void *to) {
  uint8_t *into = to;
  uint64_t length = extism_input_length();
  uint64_t i = 0;
  for (; i + 8 <= length; i += 8) {
    uint64_t word = extism_input_load_u64(i);
    memcpy(into + i, &word, 8);
  }
  for (; i < length; i++) into[i] = extism_input_load_u8(i);
}

/** Sets the cast's output to `length` bytes. */
static inline void extism_output(const void *bytes, uint64_t length) { extism_output_set(extism_store(bytes, length), length); }

/** Sets the cast's error message; return 1 from the export afterwards. */
static inline int extism_fail(const char *message) {
  extism_error_set(extism_store_string(message));
  return 1;
}

/** Writes a line to the cast's log at level info (the host frees the block). */
static inline void extism_log(const char *message) { extism_log_info(extism_store_string(message)); }

#endif
