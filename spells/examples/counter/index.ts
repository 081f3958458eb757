// Counts the calls its instance has served. Every cast gets a fresh instance, so it always
// answers 1: the tests use it to show that no state survives from one cast to the next.
import { outputText } from '../lib/spell';

let calls: i32 = 0;

export function cast(): i32 {
  calls += 1;
  outputText(calls.toString());
  return 0;
}
