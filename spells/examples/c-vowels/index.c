// Counts the vowels in a text, as Extism's classic demo does: input a JSON string ("Hello, World!"),
// output {"count": 3, "total": 3, "vowels": "aeiouAEIOU", "unix_time": …}. A WASI reactor built with
// clang and wasi-libc: it prints to stdout, logs through the kernel and reads the clock.
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "../lib/extism.h"

static int is_vowel(unsigned code) {
  switch (code) {
    case 'a': case 'e': case 'i': case 'o': case 'u':
    case 'A': case 'E': case 'I': case 'O': case 'U':
      return 1;
    default:
      return 0;
  }
}

/** Counts the vowels of the JSON string in `json`; -1 when it is not one. */
static long count_json_string(const char *json, size_t length) {
  size_t i = 0;
  while (i < length && (json[i] == ' ' || json[i] == '\t' || json[i] == '\n' || json[i] == '\r')) i++;
  if (i >= length || json[i] != '"') return -1;
  long count = 0;
  for (i++; i < length; i++) {
    unsigned char c = (unsigned char)json[i];
    if (c == '"') return count;
    if (c != '\\') {
      count += is_vowel(c);
      continue;
    }
    if (++i >= length) return -1;
    if (json[i] == 'u') {
      // \u00XX may spell an ASCII vowel; anything else is some other character.
      if (i + 4 >= length) return -1;
      char hex[5] = {json[i + 1], json[i + 2], json[i + 3], json[i + 4], 0};
      char *end;
      unsigned long code = strtoul(hex, &end, 16);
      if (*end != 0) return -1;
      count += is_vowel((unsigned)code);
      i += 4;
    }
  }
  return -1;
}

/** The `total` variable: vowels counted by earlier calls on this instance (one cast, here). */
static uint64_t add_to_total(uint64_t count) {
  extism_handle key = extism_store_string("total");
  extism_handle stored = extism_var_get(key);
  uint64_t total = count;
  if (stored != 0 && extism_length(stored) == 8) total += extism_load_u64(stored);
  extism_var_set(extism_store_string("total"), extism_store(&total, 8));
  return total;
}

int SPELL_EXPORT(count_vowels) count_vowels(void) {
  uint64_t length = extism_input_length();
  char *input = malloc(length + 1);
  if (input == NULL) return extism_fail("out of memory");
  extism_load_input(input);
  input[length] = 0;

  long count = count_json_string(input, length);
  free(input);
  if (count < 0) return extism_fail("input must be a JSON string, like \"Hello, World!\"");
  uint64_t total = add_to_total((uint64_t)count);

  char output[160];
  int written = snprintf(output, sizeof output, "{\"count\":%ld,\"total\":%llu,\"vowels\":\"aeiouAEIOU\",\"unix_time\":%lld}", count,
                         (unsigned long long)total, (long long)time(NULL));
  extism_output(output, (uint64_t)written);

  printf("counted %ld vowels\n", count);
  fflush(stdout);
  char line[64];
  snprintf(line, sizeof line, "count_vowels: %ld of %llu bytes", count, (unsigned long long)length);
  extism_log(line);
  return 0;
}
