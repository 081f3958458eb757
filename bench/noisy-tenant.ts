/**
 * A noisy tenant for `npm run bench -- --noisy`: keeps `concurrency` casts of a runaway spell in
 * flight (each re-sent the moment it ends), as a user who loops forever on purpose would.
 */
export interface NoisyTenant {
  /** Stops re-sending and waits for the casts in flight to end; returns how many got each status. */
  stop(): Promise<Map<number, number>>;
}

export function startNoisyTenant(base: string, key: string, spell: string, concurrency: number): NoisyTenant {
  let stopped = false;
  const statuses = new Map<number, number>();
  const castOnce = async () => {
    const response = await fetch(`${base}/v1/cast`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ spell, input: {} }),
    });
    await response.arrayBuffer();
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    // A refusal comes back at once; pausing keeps the noise in the pool, not in a tight HTTP loop.
    if (response.status !== 422) await new Promise((resolve) => setTimeout(resolve, 100));
  };
  const loops = Array.from({ length: concurrency }, async () => {
    while (!stopped) await castOnce();
  });
  return {
    async stop() {
      stopped = true;
      await Promise.all(loops);
      return statuses;
    },
  };
}
