// Misbehaves on purpose: answers with 4 MiB, more than the platform's output cap.
import '../lib/spell'; // provides the abort handler
import { Host } from '@extism/as-pdk';

export function cast(): i32 {
  const out = new Uint8Array(4 << 20);
  out.fill(0x78);
  Host.output(out);
  return 0;
}
