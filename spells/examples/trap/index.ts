// Misbehaves on purpose: executes an `unreachable` instruction.
import '../lib/spell'; // provides the abort handler

export function cast(): i32 {
  unreachable();
  return 0;
}
