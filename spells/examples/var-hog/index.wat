;; Misbehaves on purpose: grows host memory outside its own Wasm memory cap. Each round asks the
;; host for a 32 MiB block, stores it as an Extism var under a new key (the host keeps a copy) and
;; frees the block, so the guest's own memory never grows. The platform must stop it at its
;; host-memory bounds instead of letting the server's memory grow by 2 GiB a cast.
(module
  (import "extism:host/env" "alloc" (func $alloc (param i64) (result i64)))
  (import "extism:host/env" "free" (func $free (param i64)))
  (import "extism:host/env" "store_u64" (func $store_u64 (param i64 i64)))
  (import "extism:host/env" "var_set" (func $var_set (param i64 i64)))
  (memory 1)
  (func (export "cast") (result i32)
    (local $round i64) (local $key i64) (local $block i64)
    (loop $rounds
      ;; The key is 8 bytes holding the round number: a new var every round.
      (local.set $key (call $alloc (i64.const 8)))
      (call $store_u64 (local.get $key) (local.get $round))
      (local.set $block (call $alloc (i64.const 33554432)))
      ;; Touch the block's last word so its pages are really there.
      (call $store_u64 (i64.add (local.get $block) (i64.const 33554424)) (local.get $round))
      (call $var_set (local.get $key) (local.get $block))
      (call $free (local.get $block))
      (call $free (local.get $key))
      (local.set $round (i64.add (local.get $round) (i64.const 1)))
      (br_if $rounds (i64.lt_u (local.get $round) (i64.const 64))))
    (i32.const 0)))
