/**
 * How far a streaming replica is behind its primary, from WAL positions alone (pure, so it is
 * tested without a replica). Idle time is not lag: a replica that has replayed everything the
 * primary wrote is 0 s behind however long ago that was.
 */

/** A WAL position (`16/B374D848`) as a byte offset. */
export function lsnBytes(lsn: string): bigint {
  const [high, low] = lsn.split('/');
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

/** The primary's WAL position at a moment. */
export interface PrimarySample {
  at: number;
  lsn: bigint;
}

/**
 * Seconds the replica is behind: since the last moment the primary had written no more than the
 * replica has now replayed (what the replica lacks was written after it). Accurate to the
 * sampling interval. Older than every sample kept: `fallbackSeconds` (the age of the last replayed
 * transaction), else the whole window kept.
 */
export function lagSeconds(samples: readonly PrimarySample[], replayed: bigint, now: number, fallbackSeconds?: number): number {
  const latest = samples[samples.length - 1];
  if (!latest || replayed >= latest.lsn) return 0;
  for (let i = samples.length - 1; i >= 0; i--) {
    if (samples[i].lsn <= replayed) return (now - samples[i].at) / 1000;
  }
  return Math.max(fallbackSeconds ?? 0, (now - samples[0].at) / 1000);
}

/** Keeps the samples of the last `windowMs`, plus the newest one before it (the moment lag is measured from). */
export function keepWindow(samples: PrimarySample[], now: number, windowMs: number): PrimarySample[] {
  let first = 0;
  while (first + 1 < samples.length && samples[first + 1].at < now - windowMs) first++;
  return samples.slice(first);
}
