/** The synthetic FY2021-22 the read benchmarks (stats, report, forecast, dashboard) load with SQL. */
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { ReferenceConfig } from '../../src/config/reference-config';
import { createDataSource } from '../../src/database/data-source';
import { runMigrations } from '../../src/database/migrator';
import { reaggregate } from '../../src/pipeline/reaggregate';
import { adminQuery, serverUrl, startApiApp } from './bench-support';

/**
 * Contacts `first`..`last` (1-based) of a deterministic synthetic FY2021-22: 11 channels with
 * both handlings where allowed, 3 sources, 5 centres + none, 20 services + none, outcomes,
 * waits, durations, satisfaction and case references (for repeats) on a share of them.
 */
export function loadSql(config: ReferenceConfig): string {
  const pairs = config.channels.flatMap((c) => c.handlings.map((h) => `('${c.channel}','${h}')`));
  const centres = config.centreNames.map((c) => `'${c}'`).join(',');
  const holidays = [...config.bankHolidays].map((d) => `'${d}'`).join(',');
  return `
    WITH pairs(channel, handling) AS (VALUES ${pairs.join(',')}),
    p AS (SELECT array_agg(channel) AS ch, array_agg(handling) AS ha, count(*)::int AS n FROM pairs),
    g AS (
      SELECT i, timestamptz '2021-04-01 00:00 Europe/London'
               + (hashint8(i) & 2147483647)::float8 / 2147483648 * (timestamptz '2022-04-01 00:00 Europe/London' - timestamptz '2021-04-01 00:00 Europe/London') AS at,
             (hashint8(i * 7 + 1) & 2147483647)::float8 / 2147483648 AS r1,
             (hashint8(i * 7 + 2) & 2147483647)::float8 / 2147483648 AS r2,
             (hashint8(i * 7 + 3) & 2147483647)::float8 / 2147483648 AS r3,
             (hashint8(i * 7 + 4) & 2147483647)::float8 / 2147483648 AS r4,
             (hashint8(i * 7 + 5) & 2147483647)::float8 / 2147483648 AS r5
      FROM generate_series($1::bigint, $2::bigint) AS i
    ),
    c AS (
      SELECT g.*, (g.at AT TIME ZONE 'Europe/London') AS lt,
             1 + floor(power(g.r1, 2) * p.n)::int AS pair,
             (ARRAY[${centres}, NULL])[1 + floor(g.r2 * 6)::int] AS centre,
             CASE WHEN g.r3 < 0.95 THEN 'svc_' || (1 + floor(g.r3 / 0.95 * 20)::int) END AS service,
             (ARRAY['resolved','resolved','resolved','handed_off','escalated','follow_up','callback','abandoned',NULL,NULL])[1 + floor(g.r4 * 10)::int] AS outcome
      FROM g, p
    )
    INSERT INTO contact_event (source, source_id, occurred_at, local_date, channel, handling, centre, service, outcome,
      handed_off_to, wait_seconds, duration_seconds, satisfaction, case_ref, out_of_hours)
    SELECT (ARRAY['netcall','civica','api'])[1 + (i % 3)::int], 'b' || i, at, lt::date, p.ch[pair], p.ha[pair], centre, service, outcome,
           CASE WHEN outcome = 'handed_off' THEN (ARRAY[${centres}])[1 + floor(r5 * 5)::int] END,
           CASE WHEN r5 < 0.6 THEN floor(r5 * 200)::int END,
           CASE WHEN r5 > 0.3 THEN floor(r5 * 900)::int END,
           CASE WHEN r5 < 0.2 THEN 1 + floor(r5 * 25)::int END,
           CASE WHEN r2 < 0.3 THEN md5('case' || (hashint8(i * 7 + 6) & 262143)::text) END,
           NOT (extract(isodow FROM lt) BETWEEN 1 AND 5 AND lt::time >= '09:00' AND lt::time < '17:00'
                AND lt::date <> ALL (ARRAY[${holidays}]::date[]))
    FROM c, p`;
}

export const VOLUMES_SQL = `
  INSERT INTO contact_volume (day, channel, handling, source, centre, service, count)
  SELECT d::date, 'webchat', 'assisted', 'civica', NULL, NULL, 3 + (extract(doy FROM d)::int % 7)
  FROM generate_series(date '2021-04-01', date '2022-03-31', interval '1 day') AS d
  ON CONFLICT ON CONSTRAINT contact_volume_key DO UPDATE SET count = EXCLUDED.count`;

/** Loads contacts `loaded + 1`..`size` of the synthetic year, a million per statement, showing progress. */
export async function loadSyntheticContacts(ds: DataSource, config: ReferenceConfig, loaded: number, size: number): Promise<void> {
  for (let from = loaded + 1; from <= size; from += 1_000_000) {
    const to = Math.min(size, from + 999_999);
    await ds.query(loadSql(config), [from, to]);
    process.stdout.write(`\rloaded ${to.toLocaleString('en-GB')} contacts`);
  }
}

/** Builds the aggregates with the service's own reaggregate code, then leaves the tables analysed for the planner. */
export async function aggregateSyntheticYear(ds: DataSource, config: ReferenceConfig): Promise<Awaited<ReturnType<typeof reaggregate>>> {
  const result = await reaggregate(ds, config.metrics);
  for (const table of ['contact_event', 'contact_stats', 'handoff_stats', 'handoff_totals']) await ds.query(`VACUUM ANALYZE ${table}`);
  return result;
}

/** What a read benchmark gets at each size: the API over the loaded year, and how the load went. */
export interface LoadedYear {
  size: number;
  app: INestApplication;
  baseUrl: string;
  /** the first size measured (seed inputs once) */
  first: boolean;
  loadSeconds: number;
  aggregateSeconds: number;
  aggregated: Awaited<ReturnType<typeof reaggregate>>;
}

/**
 * The read benchmarks' common run: a database of their own (`ca_bench_<kind>_*`, dropped after
 * unless `keep`), migrated, with the year's volumes; then for each size in turn, more contacts
 * loaded and aggregated, the API started over them, `measure` run, and the API closed.
 */
export async function measureAtEachSize<T>(
  kind: string,
  sizes: readonly number[],
  config: ReferenceConfig,
  measure: (year: LoadedYear) => Promise<T>,
  options: { keep?: boolean; env?: Record<string, string> } = {},
): Promise<{ size: number; result: T }[]> {
  const dbName = `ca_bench_${kind}_${Date.now().toString(36)}`;
  const url = serverUrl(dbName);
  await adminQuery(`CREATE DATABASE ${dbName}`);
  const ds = await createDataSource(url, 2).initialize();
  let app: INestApplication | undefined;
  const results: { size: number; result: T }[] = [];
  try {
    await runMigrations(ds);
    await ds.query(VOLUMES_SQL);
    let loaded = 0;
    for (const size of sizes) {
      const t0 = Date.now();
      await loadSyntheticContacts(ds, config, loaded, size);
      loaded = size;
      const t1 = Date.now();
      const aggregated = await aggregateSyntheticYear(ds, config);
      const loadSeconds = (t1 - t0) / 1000;
      const aggregateSeconds = (Date.now() - t1) / 1000;
      const started = await startApiApp(url, config, options.env);
      app = started.app;
      console.log(`\n${size.toLocaleString('en-GB')} contacts loaded; measuring`);
      results.push({ size, result: await measure({ size, ...started, first: !results.length, loadSeconds, aggregateSeconds, aggregated }) });
      await app.close();
      app = undefined;
    }
  } finally {
    if (app) await app.close();
    await ds.destroy();
    if (!options.keep) await adminQuery(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }
  return results;
}

/** 1M, 10M; 100,000 below a million. */
export function sizeLabel(n: number): string {
  return n >= 1e6 ? `${n / 1e6}M` : n.toLocaleString('en-GB');
}
