import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rows } from '../database/sql';
import type { BatchResult, QueuedVolume } from '../queue/queue-registry';
import { runBatch } from './batch-transaction';
import { NOTIFY_CONTACTS_COUNTED_SQL } from './counted-signal';
import { addToContactStats, TAKE_LOCK_SQL, VOLUME_LOCK } from './contact-stats.sql';

/**
 * A volume replaces the count under its key; the aggregates move by the difference from the
 * count it replaces, so re-sending a key never adds it twice. Volumes carry no time of day
 * and no outcome, so they add to `contacts` only. $1: the volumes as a JSON array.
 */
export const REPLACE_VOLUMES_SQL = `
  WITH input AS (
    SELECT * FROM json_to_recordset($1::json)
      AS x(day date, channel text, handling text, source text, centre text, service text, count bigint)
  ),
  prev AS (
    SELECT i.*, coalesce(v.count, 0) AS old FROM input i
    LEFT JOIN contact_volume v ON v.day = i.day AND v.channel = i.channel AND v.handling = i.handling
      AND v.source = i.source AND v.centre IS NOT DISTINCT FROM i.centre AND v.service IS NOT DISTINCT FROM i.service
  ),
  written AS (
    INSERT INTO contact_volume (day, channel, handling, source, centre, service, count)
    SELECT day, channel, handling, source, centre, service, count FROM input
    ON CONFLICT ON CONSTRAINT contact_volume_key DO UPDATE SET count = EXCLUDED.count, updated_at = now()
    RETURNING 1
  ),
  measured AS (
    SELECT day AS local_date, channel, handling, source, centre, service, sum(count - old) AS contacts FROM prev
    GROUP BY day, channel, handling, source, centre, service HAVING sum(count - old) <> 0
  ),
  stats AS (${addToContactStats('measured', ['contacts'])})
  SELECT count(*)::int AS written FROM written`;

/** Volume batches read-then-replace counts; one at a time (VOLUME_LOCK) keeps the deltas exact. */
@Injectable()
export class VolumeWriter {
  constructor(private readonly ds: DataSource) {}

  write(batchId: string, items: QueuedVolume[]): Promise<BatchResult> {
    const latest = lastPerKey(items);
    return runBatch(this.ds, batchId, 'volumes', items.length, async (m) => {
      await m.query(TAKE_LOCK_SQL, [VOLUME_LOCK]);
      await rows(m, REPLACE_VOLUMES_SQL, [JSON.stringify(latest)]);
      await m.query(NOTIFY_CONTACTS_COUNTED_SQL);
      return { inserted: items.length, duplicates: 0 };
    });
  }
}

/** Within one request the last item of a key wins, as if sent one after another. */
function lastPerKey(items: QueuedVolume[]): QueuedVolume[] {
  const byKey = new Map<string, QueuedVolume>();
  for (const v of items) {
    byKey.set(JSON.stringify([v.day, v.channel, v.handling, v.source, v.centre, v.service]), v);
  }
  return [...byKey.values()];
}
