// {{name}}: a spell. Input a JSON string ("Ada"); output {"greeting": "Hello, Ada!"}.
// A WASI reactor: printf goes to the cast's logs, as do extism_log's lines.
#include <stdio.h>
#include <stdlib.h>
#include "extism.h"

/** The function a cast calls (`cast` unless you publish with --function). */
int SPELL_EXPORT(cast) cast(void) {
  uint64_t length = extism_input_length();
  char *input = malloc(length + 1);
  if (input == NULL) return extism_fail("out of memory");
  extism_load_input(input);
  input[length] = 0;
  // The platform always sends valid JSON, so a value that starts and ends with a quote is one
  // string; its escapes stay valid inside the output's string.
  if (length < 2 || input[0] != '"' || input[length - 1] != '"') {
    free(input);
    return extism_fail("input must be a JSON string, like \"Ada\"");
  }
  input[length - 1] = 0;
  const char *name = input + 1;

  size_t size = length + 32;
  char *output = malloc(size);
  if (output == NULL) return extism_fail("out of memory");
  int written = snprintf(output, size, "{\"greeting\":\"Hello, %s!\"}", name);
  extism_output(output, (uint64_t)written);

  printf("greeted %s\n", name);
  fflush(stdout);
  free(output);
  free(input);
  return 0;
}
