;; Misbehaves on purpose: reports an error whose text is a 16 MiB block of NUL bytes. A spell writes
;; its own error text (Extism's error_set), so the platform must cut it to a readable length and
;; replace the characters no JSON reader or text column wants, instead of sending the caster (and
;; serialising on its main thread) whatever the spell chose.
(module
  (import "extism:host/env" "alloc" (func $alloc (param i64) (result i64)))
  (import "extism:host/env" "error_set" (func $error_set (param i64)))
  (memory (export "memory") 1)
  (func (export "cast") (result i32)
    (call $error_set (call $alloc (i64.const 16777216)))
    (i32.const 1)))
