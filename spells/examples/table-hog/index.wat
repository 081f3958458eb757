;; Misbehaves on purpose: grows tables, which live on the worker's JavaScript heap rather than in
;; the guest's memory. Twenty tables without a declared maximum, each asked to grow by a million
;; elements twelve times over: 240 million elements, about 2 GiB, copied in native steps that no
;; timer can interrupt. The platform caps the tables' maximum so the engine refuses the growth.
;; The cast fails (returns 1) if any of those growths was granted.
(module
  (table $t0 0 funcref) (table $t1 0 funcref) (table $t2 0 funcref) (table $t3 0 funcref)
  (table $t4 0 funcref) (table $t5 0 funcref) (table $t6 0 funcref) (table $t7 0 funcref)
  (table $t8 0 funcref) (table $t9 0 funcref) (table $t10 0 funcref) (table $t11 0 funcref)
  (table $t12 0 funcref) (table $t13 0 funcref) (table $t14 0 funcref) (table $t15 0 funcref)
  (table $t16 0 funcref) (table $t17 0 funcref) (table $t18 0 funcref) (table $t19 0 funcref)
  (memory (export "memory") 1)
  (func $grow (param $old i32) (param $granted i32) (result i32)
    ;; table.grow answers the old size, or -1 when it refuses.
    (i32.or (local.get $granted) (i32.ne (local.get $old) (i32.const -1))))
  (func (export "cast") (result i32)
    (local $round i32) (local $granted i32)
    (loop $rounds
      (local.set $granted (call $grow (table.grow $t0 (ref.null func) (i32.const 1000000)) (local.get $granted)))
      (local.set $granted (call $grow (table.grow $t1 (ref.null func) (i32.const 1000000)) (local.get $granted)))
      (local.set $granted (call $grow (table.grow $t2 (ref.null func) (i32.const 1000000)) (local.get $granted)))
      (local.set $granted (call $grow (table.grow $t3 (ref.null func) (i32.const 1000000)) (local.get $granted)))
      (local.set $granted (call $grow (table.grow $t4 (ref.null func) (i32.const 1000000)) (local.get $granted)))
      (local.set $granted (call $grow (table.grow $t5 (ref.null func) (i32.const 1000000)) (local.get $granted)))
      (local.set $granted (call $grow (table.grow $t6 (ref.null func) (i32.const 1000000)) (local.get $granted)))
      (local.set $granted (call $grow (table.grow $t7 (ref.null func) (i32.const 1000000)) (local.get $granted)))
      (local.set $granted (call $grow (table.grow $t8 (ref.null func) (i32.const 1000000)) (local.get $granted)))
      (local.set $granted (call $grow (table.grow $t9 (ref.null func) (i32.const 1000000)) (local.get $granted)))
      (local.set $granted (call $grow (table.grow $t10 (ref.null func) (i32.const 1000000)) (local.get $granted)))
      (local.set $granted (call $grow (table.grow $t11 (ref.null func) (i32.const 1000000)) (local.get $granted)))
      (local.set $granted (call $grow (table.grow $t12 (ref.null func) (i32.const 1000000)) (local.get $granted)))
      (local.set $granted (call $grow (table.grow $t13 (ref.null func) (i32.const 1000000)) (local.get $granted)))
      (local.set $granted (call $grow (table.grow $t14 (ref.null func) (i32.const 1000000)) (local.get $granted)))
      (local.set $granted (call $grow (table.grow $t15 (ref.null func) (i32.const 1000000)) (local.get $granted)))
      (local.set $granted (call $grow (table.grow $t16 (ref.null func) (i32.const 1000000)) (local.get $granted)))
      (local.set $granted (call $grow (table.grow $t17 (ref.null func) (i32.const 1000000)) (local.get $granted)))
      (local.set $granted (call $grow (table.grow $t18 (ref.null func) (i32.const 1000000)) (local.get $granted)))
      (local.set $granted (call $grow (table.grow $t19 (ref.null func) (i32.const 1000000)) (local.get $granted)))
      (local.set $round (i32.add (local.get $round) (i32.const 1)))
      (br_if $rounds (i32.lt_u (local.get $round) (i32.const 12))))
    (local.get $granted)))
