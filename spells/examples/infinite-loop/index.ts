// Misbehaves on purpose: never returns. The platform must stop it at the cast's time limit.
import '../lib/spell'; // provides the abort handler
let spins: u64 = 0;

export function cast(): i32 {
  while (spins != u64.MAX_VALUE - 1) {
    spins += 1;
    if (spins == u64.MAX_VALUE - 2) spins = 0;
  }
  return 0;
}
