// Misbehaves on purpose: recurses without a base case until the call stack is exhausted.
import '../lib/spell'; // provides the abort handler
let depth: i32 = 0;

function descend(n: i32): i32 {
  depth = n;
  return descend(n + 1) + n;
}

export function cast(): i32 {
  return descend(0) == depth ? 0 : 1;
}
