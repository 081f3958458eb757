// Returns its input unchanged.
import '../lib/spell'; // provides the abort handler
import { Host } from '@extism/as-pdk';

export function cast(): i32 {
  Host.output(Host.input());
  return 0;
}
