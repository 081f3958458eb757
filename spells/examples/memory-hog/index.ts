// Misbehaves on purpose: allocates 1 MiB blocks and keeps them until memory runs out.
import '../lib/spell'; // provides the abort handler
const kept = new Array<Uint8Array>();

export function cast(): i32 {
  while (true) {
    const block = new Uint8Array(1 << 20);
    block[block.length - 1] = 1;
    kept.push(block);
  }
  return 0;
}
